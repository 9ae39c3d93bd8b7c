#!/usr/bin/env python3
"""Dispatch on PostgreSQL, black box on the packaged jar: JOBS (4) jobs of 20,000 contacts one after the other, zero-latency
simulated dialer, concurrentCallLimit 1000, tick 10 ms (BenchMain's dispatch figure, without the rest of BenchMain, so that
two jars can be run alternately against one PostgreSQL in seconds). Prints attempts/s per job (actualStartTime to
completedAt); job 1 pays for the JIT.

usage: PGPASSWORD=... scripts/pg-dispatch.py <jar> <new database name> [host] [port] [user]

Creates the database with psql first (a fresh one per run: statistics and dead rows of earlier runs change plans). RL sets
BATCHCALL_REQUEST_LOG (jars before the request log's modes take only true/false: RL=false). JFR=<file> records the server.
With pg_stat_statements loaded (shared_preload_libraries) the statements' counts and times tell where a run's time went —
how the 2026-12-03 regression was found (BENCHMARKS.md, "PostgreSQL dispatch since part three").
"""
import json, os, shutil, subprocess, sys, time, urllib.request, tempfile
jar, dbname = sys.argv[1], sys.argv[2]
host = sys.argv[3] if len(sys.argv) > 3 else "localhost"
pgport = sys.argv[4] if len(sys.argv) > 4 else "5432"
user = sys.argv[5] if len(sys.argv) > 5 else "postgres"
jfr = os.environ.get("JFR")
subprocess.run(["psql", "-h", host, "-p", pgport, "-U", user, "-c", "create database %s" % dbname], capture_output=True, check=True)
env = dict(os.environ, BATCHCALL_HTTP_PORT="18999", BATCHCALL_DATA_DIR=tempfile.mkdtemp(), BATCHCALL_API_KEYS="bench:benchkey-000000000001",
           BATCHCALL_SIM_CALL_SECONDS="0", BATCHCALL_SIM_OUTCOMES="completed=100", BATCHCALL_ORG_CONCURRENCY="1000", BATCHCALL_TICK_MILLIS="10",
           BATCHCALL_REQUEST_LOG=os.environ.get("RL", "off"), BATCHCALL_DB_URL="jdbc:postgresql://%s:%s/%s" % (host, pgport, dbname), BATCHCALL_DB_USER=user,
           BATCHCALL_DB_PASSWORD=os.environ.get("PGPASSWORD", ""))
cmd = ["java", "-Xmx512m"] + (["-XX:StartFlightRecording=settings=profile,filename=%s" % jfr] if jfr else []) + ["-jar", jar]
p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=open(os.environ["JAR_LOG"], "w") if os.environ.get("JAR_LOG") else subprocess.DEVNULL)
base = "http://127.0.0.1:18999"
for _ in range(300):
    try:
        urllib.request.urlopen(base + "/health"); break
    except Exception:
        time.sleep(0.1)
def call(m, path, body=None):
    r = urllib.request.Request(base + path, method=m, data=None if body is None else json.dumps(body).encode(), headers={"Authorization": "Bearer benchkey-000000000001", "Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(r).read() or b"{}")
try:
    for i in range(int(os.environ.get("JOBS", "4"))):
        job = call("POST", "/batch/create", {"name": "d", "fromPhoneNumberId": "pn", "concurrentCallLimit": 1000, "maxAttempts": 1,
                                               "contacts": [{"phone": "+1650%07d" % k} for k in range(20000)]})["batchJobId"]
        while True:
            time.sleep(0.2)
            d = call("GET", "/batch/jobs/%s?contactsPageSize=1" % job)
            if d["status"] == "completed": break
        from datetime import datetime
        f = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
        s = (f(d["completedAt"]) - f(d["actualStartTime"])).total_seconds()
        print("job %d: %.0f attempts/s" % (i + 1, 20000 / s), flush=True)
finally:
    shutil.rmtree(env["BATCHCALL_DATA_DIR"], ignore_errors=True)
    if jfr:
        subprocess.run(["jcmd", str(p.pid), "JFR.dump", "filename=" + jfr], capture_output=True)
    p.kill(); p.wait()
