#!/usr/bin/env bash
# Sends the NUL cases of NulTextTest to a running server and prints each answer's status and code.
# Usage: scripts/nul-check.sh <port> <key>   (the server with BATCHCALL_API_KEYS=<org>:<key>)
set -euo pipefail
P=$1; K=$2; B="http://localhost:$P"; H="Authorization: Bearer $K"
JOB=$(curl -s -X POST "$B/batch/create" -H "$H" -H 'Content-Type: application/json' \
  -d '{"name":"n","fromPhoneNumberId":"p","contacts":[{"phone":"+14155550101"}]}' | sed -E 's/.*"batchJobId":"([^"]+)".*/\1/')
one() { # label method path [json]
  local out
  if [ $# -ge 4 ]; then out=$(curl -s -o /tmp/nul-body -w '%{http_code}' -X "$2" "$B$3" -H "$H" -H 'Content-Type: application/json' --data-binary "$4")
  else out=$(curl -s -o /tmp/nul-body -w '%{http_code}' -X "$2" "$B$3" -H "$H"); fi
  echo "$1: $out $(grep -o '"code":"[a-z_]*"' /tmp/nul-body | head -1)"
}
one "name" POST /batch/create '{"name":"a\u0000b","fromPhoneNumberId":"p","contacts":[{"phone":"+14155550102"}]}'
one "contact data" POST /batch/create '{"name":"x","fromPhoneNumberId":"p","contacts":[{"phone":"+14155550103","n":"a\u0000"}]}'
one "call event" POST /batch/call-events "{\"batchJobId\":\"$JOB\",\"contactId\":\"$JOB-c1\",\"attempt\":1,\"type\":\"ended\",\"outcome\":\"completed\",\"failureReason\":\"x\u0000\"}"
one "suppression reason" POST /batch/suppressions '{"phoneNumbers":["+14155550199"],"reason":"r\u0000"}'
one "webhook url" POST /batch/webhooks '{"url":"https://example.com/\u0000"}'
one "job id in a path" GET "/batch/jobs/%00"
one "query value" GET "/batch/jobs?status=%00"
one "webhook id in a path" GET "/batch/webhooks/%00/deliveries"
