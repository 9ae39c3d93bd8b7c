#!/bin/bash
# How long the server takes to receive and spool a 1M-contact CSV upload before any of it is parsed: the upload is sent
# without the job's `name`, so the server answers 400 only once the whole multipart body is on disk (the form's fields
# may follow the file). Three uploads with curl against the jar on the embedded store. Needs the jar
# (mvn -B -q package -DskipTests), curl, python3, bc.
set -e
cd "$(dirname "$0")/.."
D=$(mktemp -d)
BATCHCALL_HTTP_PORT=8397 BATCHCALL_DATA_DIR=$D BATCHCALL_API_KEYS=spool:spool-key-0000000000001 BATCHCALL_REQUEST_LOG=false \
  java -Xmx512m -jar ${JAR:-bootstrap/target/batchcall.jar} > $D/server.log 2>&1 &
SP=$!
trap 'kill $SP 2>/dev/null; rm -rf $D' EXIT
for i in $(seq 1 60); do curl -sf localhost:8397/health >/dev/null && break; sleep 0.5; done
if [ ! -f /tmp/c1m.csv ]; then python3 -c "
w=open('/tmp/c1m.csv','w'); w.write('phone,name,tier,note\n')
for i in range(1,1000001): w.write('+1415%07d,Contact %d,%s,\"Customer since 20%d, renewal due\"\n'%(i,i,'gold' if i%3==0 else 'silver',10+i%15))
"; fi
for r in 1 2 3; do
  s=$(date +%s.%N)
  code=$(curl -s -o /dev/null -w "%{http_code}" -H "Authorization: Bearer spool-key-0000000000001" -F fromPhoneNumberId=pn \
    -F file=@/tmp/c1m.csv localhost:8397/batch/create)
  e=$(date +%s.%N)
  echo "upload $r of $(stat -c %s /tmp/c1m.csv) bytes received, spooled and refused ($code): $(echo "$e - $s" | bc) s"
done
