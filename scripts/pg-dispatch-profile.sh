#!/bin/bash
# RUNS (2) 40,000-contact jobs dispatched one after the other by the jar (JAR, default bootstrap/target/batchcall.jar)
# on a throwaway PostgreSQL (zero-latency simulated dialer, limit 1000); for each its start and completion times, its
# length and the CPU time (clock ticks, 1/100 s) PostgreSQL's processes and the JVM used from its upload to the next
# upload; the last one recorded by JFR (/tmp/pgdisp/dispatch.jfr).
# PGOPTS is appended to the JDBC URL (e.g. PGOPTS='?reWriteBatchedInserts=true').
# PGSERVEROPTS is added to the PostgreSQL server options (e.g. PGSERVEROPTS="-c autovacuum_naptime=1",
# or "-c log_min_duration_statement=0" to log every statement with its time in /tmp/pgdisp/pg.log).
# Needs: the jar (mvn -B -q package -DskipTests), PostgreSQL binaries as the build's zonky embedded-postgres
# unpacks them under /tmp/embedded-pg (any test or bench run on PostgreSQL does), curl, python3, bc, jcmd/jfr.
# PostgreSQL refuses to run as root: a user "pgprof" runs it (created when missing).
set -e
id pgprof >/dev/null 2>&1 || useradd -m pgprof
chmod -R a+rx /tmp/embedded-pg
PGBIN=$(ls -d /tmp/embedded-pg/PG-*/bin | head -1)
D=/tmp/pgdisp; rm -rf $D; mkdir -p $D/data; chown pgprof $D/data $D
su pgprof -s /bin/bash -c "$PGBIN/initdb -D $D/data -U postgres -A trust" >/dev/null
su pgprof -s /bin/bash -c "$PGBIN/pg_ctl -D $D/data -o '-p 55433 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PGSERVEROPTS}' -l $D/pg.log start" >/dev/null
sleep 2
cd "$(dirname "$0")/.."
BATCHCALL_HTTP_PORT=8398 BATCHCALL_DATA_DIR=$D/app BATCHCALL_API_KEYS=bench:bench-key-00000000001 BATCHCALL_REQUEST_LOG=false \
BATCHCALL_SIM_CALL_SECONDS=0 BATCHCALL_SIM_OUTCOMES=completed=100 BATCHCALL_ORG_CONCURRENCY=1000 BATCHCALL_TICK_MILLIS=10 \
BATCHCALL_DB_URL=jdbc:postgresql://localhost:55433/postgres${PGOPTS} BATCHCALL_DB_USER=postgres BATCHCALL_DB_PASSWORD=x \
  java -Xmx512m -jar ${JAR:-bootstrap/target/batchcall.jar} > $D/server.log 2>&1 &
SP=$!
for i in $(seq 1 60); do curl -sf localhost:8398/health >/dev/null && break; sleep 0.5; done
python3 -c "
w=open('$D/c.csv','w'); w.write('phone\n')
for i in range(1,40001): w.write('+1212%07d\n'%i)
"
RUNS=${RUNS:-2}
ticks() { for p in "$@"; do awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null; done | awk '{s += $1} END {print s + 0}'; }
LAST=""
for run in $(seq 1 $RUNS); do
ID=$(curl -s -H "Authorization: Bearer bench-key-00000000001" -F name=d -F fromPhoneNumberId=pn -F concurrentCallLimit=1000 -F scheduledStartTime=2099-01-01T00:00:00Z -F file=@$D/c.csv localhost:8398/batch/create | python3 -c "import sys,json;print(json.load(sys.stdin)['batchJobId'])")
PGT=$(ticks $(pgrep -u pgprof)); JT=$(ticks $SP)
[ -n "$LAST" ] && echo "$LAST; CPU ticks until the next upload: PostgreSQL $((PGT - PGT0)), JVM $((JT - JT0))"
PGT0=$PGT; JT0=$JT
[ $run = $RUNS ] && jcmd $SP JFR.start name=d duration=30s filename=$D/dispatch.jfr settings=profile >/dev/null
curl -s -o /dev/null -X POST -H "Authorization: Bearer bench-key-00000000001" localhost:8398/batch/jobs/$ID/start
while true; do S=$(curl -s -H "Authorization: Bearer bench-key-00000000001" "localhost:8398/batch/jobs/$ID?contactsPageSize=1" | python3 -c "import sys,json;d=json.load(sys.stdin);print(d['status'],d['actualStartTime'],d['completedAt'])"); case "$S" in completed*) break;; esac; sleep 0.2; done
LAST="run $run: $S ($(python3 -c "import sys;from datetime import datetime as d;a,b=[d.fromisoformat(x.replace('Z','+00:00')) for x in sys.argv[1:]];print('%.2f s' % (b-a).total_seconds())" $(echo $S | cut -d' ' -f2-3)))"
done
echo "$LAST; CPU ticks until it completed: PostgreSQL $(( $(ticks $(pgrep -u pgprof)) - PGT0 )), JVM $(( $(ticks $SP) - JT0 ))"
[ -f $D/dispatch.jfr ] || jcmd $SP JFR.dump name=d filename=$D/dispatch.jfr >/dev/null
kill $SP; wait $SP 2>/dev/null || true
su pgprof -s /bin/bash -c "$PGBIN/pg_ctl -D $D/data stop" >/dev/null
