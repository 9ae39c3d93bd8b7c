#!/bin/bash
# Two 1M-contact CSV imports into the jar on a throwaway PostgreSQL (fsync off), timed, with a JFR recording
# (/tmp/pgprof/import.jfr) and the CPU time (clock ticks, 1/100 s) PostgreSQL's processes and the JVM used: where the server spends a PostgreSQL import. JAR: another build of the server to compare.
# Needs: the jar (mvn -B -q package -DskipTests), PostgreSQL binaries as the build's zonky embedded-postgres
# unpacks them under /tmp/embedded-pg (any test or bench run on PostgreSQL does), curl, python3, bc, jcmd/jfr.
# IMPORTS: how many (2); PGSERVEROPTS: added to PostgreSQL's options (e.g. "-c log_autovacuum_min_duration=0": the log,
# /tmp/pgprof/pg.log, then says when autovacuum worked during the imports).
# PostgreSQL refuses to run as root: a user "pgprof" runs it (created when missing).
set -e
id pgprof >/dev/null 2>&1 || useradd -m pgprof
chmod -R a+rx /tmp/embedded-pg
PGBIN=$(ls -d /tmp/embedded-pg/PG-*/bin | head -1)
D=/tmp/pgprof; rm -rf $D; mkdir -p $D
id -u postgres >/dev/null 2>&1 || true
mkdir -p $D/data; chown pgprof $D/data $D; su pgprof -s /bin/bash -c "$PGBIN/initdb -D $D/data -U postgres -A trust" >/dev/null
su pgprof -s /bin/bash -c "$PGBIN/pg_ctl -D $D/data -o '-p 55432 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PGSERVEROPTS:-}' -l $D/pg.log start" >/dev/null
sleep 2
cd "$(dirname "$0")/.."
BATCHCALL_HTTP_PORT=8399 BATCHCALL_DATA_DIR=$D/app BATCHCALL_API_KEYS=bench:bench-key-00000000001 BATCHCALL_REQUEST_LOG=false \
BATCHCALL_DB_URL=jdbc:postgresql://localhost:55432/postgres BATCHCALL_DB_USER=postgres BATCHCALL_DB_PASSWORD=x \
  java -Xmx512m -XX:StartFlightRecording=filename=$D/import.jfr,settings=profile -jar ${JAR:-bootstrap/target/batchcall.jar} > $D/server.log 2>&1 &
SP=$!
for i in $(seq 1 60); do curl -sf localhost:8399/health >/dev/null && break; sleep 0.5; done
if [ ! -f /tmp/c1m.csv ]; then python3 -c "
import sys
w=open('/tmp/c1m.csv','w'); w.write('phone,name,tier,note\n')
for i in range(1,1000001): w.write('+1415%07d,Contact %d,%s,\"Customer since 20%d, renewal due\"\n'%(i,i,'gold' if i%3==0 else 'silver',10+i%15))
"; fi
ticks() { for p in "$@"; do awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null; done | awk '{s += $1} END {print s + 0}'; }
for r in $(seq 1 ${IMPORTS:-2}); do
PGT0=$(ticks $(pgrep -u pgprof)); JT0=$(ticks $SP)
s=$(date +%s.%N)
curl -s -o /dev/null -w "%{http_code}\n" -H "Authorization: Bearer bench-key-00000000001" -F name=bench -F fromPhoneNumberId=pn -F scheduledStartTime=2099-01-01T00:00:00Z -F file=@/tmp/c1m.csv localhost:8399/batch/create
e=$(date +%s.%N); echo "import $r: $(echo "$e - $s" | bc) s (ended $(date +%T)); CPU ticks: PostgreSQL $(( $(ticks $(pgrep -u pgprof)) - PGT0 )), JVM $(( $(ticks $SP) - JT0 ))"
done
jcmd $SP JFR.dump name=1 filename=$D/import.jfr >/dev/null 2>&1 || true
kill $SP; wait $SP 2>/dev/null || true
su pgprof -s /bin/bash -c "$PGBIN/pg_ctl -D $D/data stop" >/dev/null
