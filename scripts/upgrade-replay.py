#!/usr/bin/env python3
"""An upgrade across the embedded store's claim-order migration (V13, ADR 14), black box on two packaged jars.

usage: scripts/upgrade-replay.py <jar before V13> <jar with V13> [plain-contacts] [prioritized-contacts] [port]

1. The older jar makes, on a fresh data directory, a job of M contacts without priorities and one of P contacts with
   priorities spread over -99..99; both run through the webhook dialer into a receiver here that answers 200 (the calls
   stay open) at concurrentCallLimit 10, so each has 10 contacts dialing. Pages are read (the first, a deep one, a
   status-filtered one of each job) and the jar is killed (-9).
2. The newer jar starts on the same directory: the time to /health is the migration's (every contact row copied once).
3. The same pages must read the same; the prioritized job's 10 calls are ended and the next claim must take the next 10
   contacts in (priority desc, upload order); the plain job's the next 10 in upload order.
Prints what it checked and exits 1 on a difference.
"""
import sys, time
from jarserver import JarServer, ok_receiver

old_jar, new_jar = sys.argv[1], sys.argv[2]
m = int(sys.argv[3]) if len(sys.argv) > 3 else 1000000
p = int(sys.argv[4]) if len(sys.argv) > 4 else 100000
port = int(sys.argv[5]) if len(sys.argv) > 5 else 18973
KEY = "upgrade-replay-key-0000001"
receiver = ok_receiver()
env = {"BATCHCALL_DIALER": "webhook", "BATCHCALL_DIALER_WEBHOOK_URL": "http://127.0.0.1:%d/dial" % receiver.server_port,
       "BATCHCALL_MAX_CONTACTS_PER_JOB": "2000000"}


def priority(i):
    return (i * 7919) % 199 - 99


def multipart(fields, csv):
    b = "replayboundary"
    head = "".join("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v) for k, v in fields.items())
    head += "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n" % b
    return head.encode() + csv.encode() + ("\r\n--%s--\r\n" % b).encode(), "multipart/form-data; boundary=" + b


def create(server, name, csv):
    body, ctype = multipart({"name": name, "fromPhoneNumberId": "pn_1", "concurrentCallLimit": "10", "maxAttempts": "1"}, csv)
    return server.call("POST", "/batch/create", body, ctype)["batchJobId"]


def page(server, job, query):
    d = server.call("GET", "/batch/jobs/%s?%s" % (job, query))
    return [(c["id"], c["phoneNumber"], c["status"]) for c in d["contacts"]], d.get("contactsTotal")


def dialing(server, job, want):
    for _ in range(600):
        rows, _ = page(server, job, "contactStatus=dialing&contactsPageSize=100")
        if len(rows) >= want:
            return rows
        time.sleep(0.1)
    raise RuntimeError("job %s: %d dialing, expected %d" % (job, len(rows), want))


plain_csv = "phone\n" + "".join("+1212%07d\n" % i for i in range(m))
ranked_csv = "phone,priority\n" + "".join("+1646%07d,%d\n" % (i, priority(i)) for i in range(p))
ranked_order = ["+1646%07d" % i for _, i in sorted((-priority(i), i) for i in range(p))]
queries = lambda n: ["contactsPageSize=100", "contactsPage=%d&contactsPageSize=100" % (n // 200), "contactStatus=pending&contactsPage=7&contactsPageSize=50"]
failures = []


def check(what, ok):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


old = JarServer(old_jar, port, KEY, env, heap="512m")
data_dir = old.data_dir
t = time.time()
plain = create(old, "plain", plain_csv)
ranked = create(old, "ranked", ranked_csv)
print("before: created %d + %d contacts in %.1f s" % (m, p, time.time() - t))
dialing(old, plain, 10)
dialing(old, ranked, 10)
time.sleep(1)
before = {(job, q): page(old, job, q) for job, n in ((plain, m), (ranked, p)) for q in queries(n)}
ranked_dialing = sorted(ph for _, ph, _ in dialing(old, ranked, 10))
check("before: the prioritized job dials its 10 highest", ranked_dialing == sorted(ranked_order[:10]))
old.stop(keep_data=True)

t = time.time()
new = JarServer(new_jar, port, KEY, env, heap="512m", data_dir=data_dir, start_seconds=900)
print("after: the new jar answered /health %.1f s after its start (the migration)" % (time.time() - t))
try:
    for (job, q), was in before.items():
        now = page(new, job, q)
        check("page %s of %s reads the same (%d contacts, total %s)" % (q, "plain" if job == plain else "ranked", len(now[0]), now[1]),
              now == was)
    for job, expected in ((ranked, ranked_order[10:20]), (plain, ["+1212%07d" % i for i in range(10, 20)])):
        rows = dialing(new, job, 10)
        new.call("POST", "/batch/call-events", [{"batchJobId": job, "contactId": c, "attempt": 1, "type": "ended",
                                                  "outcome": "completed", "callDuration": 1} for c, _, _ in rows])
        for _ in range(600):
            nxt = [r for r in dialing(new, job, 1) if r[0] not in {c for c, _, _ in rows}]
            if len(nxt) >= 10:
                break
            time.sleep(0.1)
        check("%s: the next claim after the upgrade takes the next 10 in claim order" % ("ranked" if job == ranked else "plain"),
              sorted(ph for _, ph, _ in nxt) == sorted(expected))
finally:
    new.stop()
print("FAILED: %d" % len(failures) if failures else "all checks held")
sys.exit(1 if failures else 0)
