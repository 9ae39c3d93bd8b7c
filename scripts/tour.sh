#!/usr/bin/env bash
# The README's curl tour, runnable: ./scripts/tour.sh <api key> [base url]
# Each command is echoed as it can be pasted into a shell (the key shown as $KEY).
set -euo pipefail
KEY=$1
BASE=${2:-http://localhost:8080}
H="Authorization: Bearer $KEY"
# one argument as it would be typed: as it is when plain, else in double quotes (the key written as $KEY)
quote() {
  local a=${1//$KEY/__KEY__}
  if [[ $a =~ ^[A-Za-z0-9_./:=@,+-]+$ ]]; then printf '%s' "$a"; return; fi
  a=${a//\\/\\\\}; a=${a//\"/\\\"}; a=${a//\`/\\\`}; a=${a//\$/\\\$}
  printf '"%s"' "${a//__KEY__/\$KEY}"
}
show() {
  local line='$'
  for a in "$@"; do line+=" $(quote "$a")"; done
  echo "$line"; "$@"; echo; echo
}

printf 'phone,name\n+14155550101,Ada\n+14155550102,Grace\n415-555-0103,Bad\n+14155550104,Alan\n' > /tmp/batchcall-tour.csv
echo "# contacts.csv"; cat /tmp/batchcall-tour.csv; echo
cd /tmp
echo '$ curl -s -X POST '"$BASE"'/batch/create -H "Authorization: Bearer $KEY" -F file=@contacts.csv -F name="Spring promo" -F fromPhoneNumberId=pn_1 -F concurrentCallLimit=2'
CREATED=$(curl -s -X POST "$BASE/batch/create" -H "$H" -F file=@batchcall-tour.csv \
  -F name="Spring promo" -F fromPhoneNumberId=pn_1 -F concurrentCallLimit=2)
echo "$CREATED"; echo; echo
JOB=$(echo "$CREATED" | sed -E 's/.*"batchJobId":"([^"]+)".*/\1/')
sleep 2
show curl -s "$BASE/batch/jobs/$JOB?contactsPageSize=2" -H "$H"
show curl -s -X POST "$BASE/batch/jobs/$JOB/pause" -H "$H"
show curl -s -X POST "$BASE/batch/jobs/$JOB/resume" -H "$H"
sleep 8
show curl -s "$BASE/batch/jobs/$JOB?contactStatus=completed,no_answer,busy,failed,queued&contactsPageSize=10" -H "$H"
show curl -s "$BASE/batch/jobs?pageSize=5" -H "$H"
show curl -s -X POST "$BASE/batch/jobs/$JOB/cancel" -H "$H"
show curl -s "$BASE/batch/jobs/$JOB?contactStatus=nope" -H "$H"
show curl -s "$BASE/batch/jobs/bj_unknown" -H "$H"
