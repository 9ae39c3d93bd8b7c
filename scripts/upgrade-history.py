#!/usr/bin/env python3
"""An upgrade across V14 (call events and attempt rows keyed by claim key, ADR 14) on a database with a campaign's
whole history, black box on two packaged jars.

usage: scripts/upgrade-history.py <jar before V14> <jar with V14> [contacts, default 1000000] [port] [copy the old data directory here]

1. The older jar runs a job of N contacts with priorities spread over -99..99 to completion (zero-latency simulated
   dialer, one attempt each: N attempt rows and 2N call events), reads a few contacts' timelines, and is killed (-9).
2. The newer jar starts on the same directory: the time to /health is the migration's (both tables copied once).
3. The same timelines must read the same, and the job's figures too. Prints what it checked; exits 1 on a difference.
"""
import random, sys, time
from jarserver import JarServer

old_jar, new_jar = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000000
port = int(sys.argv[4]) if len(sys.argv) > 4 else 18974
KEY = "upgrade-history-key-000001"
env = {"BATCHCALL_MAX_CONTACTS_PER_JOB": "2000000", "BATCHCALL_SIM_CALL_SECONDS": "0", "BATCHCALL_SIM_OUTCOMES": "completed=100",
       "BATCHCALL_ORG_CONCURRENCY": "1000", "BATCHCALL_TICK_MILLIS": "10"}
bad = []


def check(what, ok):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        bad.append(what)


def create(server, csv):
    b = "uhboundary"
    fields = {"name": "history", "fromPhoneNumberId": "pn_1", "concurrentCallLimit": "1000", "maxAttempts": "1"}
    head = "".join("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v) for k, v in fields.items())
    head += "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n" % b
    return server.call("POST", "/batch/create", head.encode() + csv.encode() + ("\r\n--%s--\r\n" % b).encode(),
                       "multipart/form-data; boundary=" + b)["batchJobId"]


def view(server, job, seqs):
    detail = server.call("GET", "/batch/jobs/%s?contactsPageSize=1" % job)
    figures = {k: detail[k] for k in ("status", "totalContacts", "contactsProcessed", "successfulCalls", "statusBreakdown")}
    lines = {}
    for s in seqs:
        t = server.call("GET", "/batch/jobs/%s/contacts/%s-c%d" % (job, job, s))
        lines[s] = (t["contact"]["status"] if "contact" in t else t.get("status"), t["attempts"])
    return figures, lines


old = JarServer(old_jar, port, KEY, env, heap="512m", start_seconds=60)
data = old.data_dir
t = time.time()
job = create(old, "phone,priority\n" + "".join("+1646%07d,%d\n" % (i, (i * 7919) % 199 - 99) for i in range(n)))
while old.call("GET", "/batch/jobs/%s?contactsPageSize=1" % job)["status"] != "completed":
    time.sleep(1)
print("old jar: %d contacts created and called in %.0f s" % (n, time.time() - t))
seqs = sorted(random.Random(5).sample(range(1, n + 1), 20))
before = view(old, job, seqs)
check("the old jar's timelines list one attempt each", all(len(a) == 1 for _, a in before[1].values()))
old.proc.kill()
old.proc.wait()
if len(sys.argv) > 5:  # a copy of the old directory, to replay the migration on
    import shutil
    shutil.copytree(data, sys.argv[5])
t = time.time()
new = JarServer(new_jar, port, KEY, env, heap="512m", data_dir=data, start_seconds=600)
print("new jar: /health after %.1f s (the migration)" % (time.time() - t))
try:
    after = view(new, job, seqs)
    check("job figures the same: %s" % after[0]["statusBreakdown"], after[0] == before[0])
    check("the 20 timelines the same", after[1] == before[1])
finally:
    new.stop()
sys.exit(1 if bad else 0)
