#!/bin/bash
# Two jar instances on one throwaway PostgreSQL (port 55440), two 15,000-contact jobs (0.05 s simulated calls, retries)
# dispatched by both while one is paused and resumed five times through either instance and the other cancelled; then
# each job's stored counters against a recount of its contacts, the numbers left "in a call", and the errors and
# deadlocks the instances and PostgreSQL logged. Needs what scripts/pg-dispatch-profile.sh needs.
set -e
id pgprof >/dev/null 2>&1 || useradd -m pgprof
chmod -R a+rx /tmp/embedded-pg
PGBIN=$(ls -d /tmp/embedded-pg/PG-*/bin | head -1)
mkdir -p /tmp/mi; D=/tmp/mi/pg; rm -rf $D; mkdir -p $D/data; chown pgprof $D/data $D
su pgprof -s /bin/bash -c "$PGBIN/initdb -D $D/data -U postgres -A trust" >/dev/null
su pgprof -s /bin/bash -c "$PGBIN/pg_ctl -D $D/data -o '-p 55440 -c fsync=off' -l $D/pg.log start" >/dev/null
sleep 2
cd "$(dirname "$0")/.."
for p in 8501 8502; do
BATCHCALL_HTTP_PORT=$p BATCHCALL_DATA_DIR=/tmp/mi/app$p BATCHCALL_API_KEYS=k:key-000000000000000001 BATCHCALL_REQUEST_LOG=false \
BATCHCALL_SIM_CALL_SECONDS=0.05 BATCHCALL_SIM_OUTCOMES=completed=60,busy=20,no_answer=20 BATCHCALL_ORG_CONCURRENCY=300 BATCHCALL_TICK_MILLIS=10 \
BATCHCALL_DB_URL=jdbc:postgresql://localhost:55440/postgres BATCHCALL_DB_USER=postgres BATCHCALL_DB_PASSWORD=x \
  java -Xmx512m -jar bootstrap/target/batchcall.jar > /tmp/mi/server$p.log 2>&1 &
PIDS="$PIDS $!"
done
for i in $(seq 1 60); do curl -sf localhost:8501/health >/dev/null && curl -sf localhost:8502/health >/dev/null && break; sleep 0.5; done
python3 -c "
w=open('/tmp/mi/c.csv','w'); w.write('phone\n')
for i in range(1,20001): w.write('+1212%07d\n'%(i%15000))
"
H="Authorization: Bearer key-000000000000000001"
mk() { curl -s -H "$H" -F name=d -F fromPhoneNumberId=pn -F concurrentCallLimit=200 -F maxAttempts=3 -F retryDelaySeconds=0 -F retryableStatuses=busy,no_answer -F scheduledStartTime=2099-01-01T00:00:00Z -F file=@/tmp/mi/c.csv localhost:8501/batch/create | python3 -c "import sys,json;print(json.load(sys.stdin)['batchJobId'])"; }
A=$(mk); B=$(mk)
echo "jobs $A $B"
codes=""
curl -s -o /dev/null -w "%{http_code} " -X POST -H "$H" localhost:8501/batch/jobs/$A/start
curl -s -o /dev/null -w "%{http_code} " -X POST -H "$H" localhost:8502/batch/jobs/$B/start
for k in 1 2 3 4 5; do
  sleep 0.7; curl -s -o /dev/null -w "%{http_code} " -X POST -H "$H" localhost:850$((k%2+1))/batch/jobs/$A/pause
  sleep 0.3; curl -s -o /dev/null -w "%{http_code} " -X POST -H "$H" localhost:850$(((k+1)%2+1))/batch/jobs/$A/resume
done
sleep 1; curl -s -o /dev/null -w "cancel B %{http_code}\n" -X POST -H "$H" localhost:8502/batch/jobs/$B/cancel
for j in $A $B; do
  while true; do S=$(curl -s -H "$H" "localhost:8501/batch/jobs/$j?contactsPageSize=1" | python3 -c "import sys,json;d=json.load(sys.stdin);print(d['status'], json.dumps(d.get('progress',{}).get('statusBreakdown', d.get('statusBreakdown'))))"); case "$S" in completed*|cancelled*) [ "$(echo $S | grep -c '\"dialing\": [1-9]')" = 0 ] && break;; esac; sleep 0.5; done
  echo "$j: $S"
done
echo "job | status | stored counters | recount of its contacts"
psql -h localhost -p 55440 -U postgres -At -c "select b.id, b.status, 'pending=' || n_pending || ',queued=' || n_queued || ',dialing=' || n_dialing || ',completed=' || n_completed || ',busy=' || n_busy || ',no_answer=' || n_no_answer || ',cancelled=' || n_cancelled, (select string_agg(status || '=' || n, ',' order by status) from (select status, count(*) n from contact c where c.job_id = b.id group by status) x) from batch_job b"
echo "numbers still in a call: $(psql -h localhost -p 55440 -U postgres -At -c 'select count(*) from number_dialing')"
echo "errors logged by the instances:"; grep -c "ERROR\|Exception" /tmp/mi/server8501.log /tmp/mi/server8502.log || true
grep -i "deadlock" $D/pg.log /tmp/mi/server850*.log | head -3 || true
kill $PIDS; wait $PIDS 2>/dev/null || true
su pgprof -s /bin/bash -c "$PGBIN/pg_ctl -D $D/data stop" >/dev/null
