#!/usr/bin/env python3
"""CONTRACT §16 figures, black box on the packaged jar (embedded store): contacts added to a running job of M contacts
while its call events flow, and the expiry sweep's cost when nothing has expired.

usage: scripts/add-bench.py <jar> [job-contacts] [added] [port] [db-url user password]
(with a PostgreSQL URL the server runs on it, not on the embedded store; give each run a fresh database)

1. A job of M contacts (CSV import) runs through the webhook dialer into a receiver here that answers 200 (the calls
   stay open) at concurrentCallLimit 1000; a thread ends every dialing contact with `ended` events (arrays of 100) and
   times each POST. Meanwhile N contacts are added as one CSV (POST /batch/jobs/{id}/contacts): the add's time, and the
   call events' p50/p99/max while it ran and outside it.
2. Every contact carries an expiresAt far ahead, so each dispatcher pass also runs the expiry sweep (nothing expires);
   its own cost is measured by scripts/held-back-pass.py with EXPIRING=1.
With JAR_LOG=<file> the server's log goes there; on the embedded store each add logs how long its rows took to be staged
(read, checked, written to the writer's TEMP table chunk by chunk) and moved (the one transaction call events wait for):
grep "staged in" <file>.
"""
import http.server, json, os, subprocess, sys, threading, time, urllib.request
from jarserver import JarServer, ok_receiver

jar = sys.argv[1]
m = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
n = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
port = int(sys.argv[4]) if len(sys.argv) > 4 else 18971


receiver = ok_receiver()
env = {"BATCHCALL_DIALER": "webhook",
    "BATCHCALL_DIALER_WEBHOOK_URL": "http://127.0.0.1:%d/dial" % receiver.server_port, "BATCHCALL_ORG_CONCURRENCY": "100000",
    "BATCHCALL_MAX_CONTACTS_PER_JOB": "2000000"}
if len(sys.argv) > 7:
    env.update(BATCHCALL_DB_URL=sys.argv[5], BATCHCALL_DB_USER=sys.argv[6], BATCHCALL_DB_PASSWORD=sys.argv[7])
server = JarServer(jar, port, "add-bench-key-000000001", env, heap="512m")


def multipart(fields, csv):
    b = "benchboundary"
    head = "".join("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v) for k, v in fields.items())
    head += "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n" % b
    return head.encode() + csv.encode() + ("\r\n--%s--\r\n" % b).encode(), "multipart/form-data; boundary=" + b


def csv_of(count, offset):
    return "phone,expiresAt\n" + "".join("+1%03d%07d,2099-01-01T00:00:00Z\n" % (200 + (offset + i) // 10_000_000, (offset + i) % 10_000_000)
                                         for i in range(count))


try:
    body, ctype = multipart({"name": "big", "fromPhoneNumberId": "pn_1", "concurrentCallLimit": "1000", "maxAttempts": "1"}, csv_of(m, 0))
    t = time.time()
    job = server.call("POST", "/batch/create", body, ctype)["batchJobId"]
    print("import of %d contacts: %.1f s" % (m, time.time() - t))
    latencies, stop = [], threading.Event()

    def events():
        while not stop.is_set():
            d = server.call("GET", "/batch/jobs/%s?contactStatus=dialing&contactsPageSize=100" % job)
            batch = [{"batchJobId": job, "contactId": c["id"], "attempt": c["attemptCount"], "type": "ended", "outcome": "completed",
                      "callDuration": 30} for c in d["contacts"]]
            if not batch:
                time.sleep(0.01)
                continue
            s = time.time()
            server.call("POST", "/batch/call-events", batch)
            latencies.append((s, time.time() - s))

    th = threading.Thread(target=events, daemon=True)
    th.start()
    time.sleep(10)
    body, ctype = multipart({}, csv_of(n, m))
    if os.environ.get("JFR") == "1":  # the server recorded over the add (JFR, profile settings) into /tmp/add.jfr
        subprocess.run(["jcmd", str(server.proc.pid), "JFR.start", "name=add", "settings=profile"], capture_output=True, check=True)
    a0 = time.time()
    added = server.call("POST", "/batch/jobs/%s/contacts" % job, body, ctype)
    a1 = time.time()
    if os.environ.get("JFR") == "1":
        subprocess.run(["jcmd", str(server.proc.pid), "JFR.stop", "name=add", "filename=/tmp/add.jfr"], capture_output=True, check=True)
    time.sleep(5)
    stop.set()
    th.join()
    during = sorted(l for s, l in latencies if a0 <= s <= a1 or a0 <= s + l <= a1)
    outside = sorted(l for s, l in latencies if not (a0 <= s <= a1 or a0 <= s + l <= a1))

    def pct(xs, p):
        return xs[min(len(xs) - 1, int(len(xs) * p))] * 1000 if xs else float("nan")

    print("add of %d contacts to the running %d-contact job: %.2f s (added %d, total %d, skipped %d)"
          % (n, m, a1 - a0, added["added"], added["totalContacts"], added["skippedCount"]))
    print("call-event POSTs (arrays of 100) during the add: %d, p50 %.0f ms, p99 %.0f ms, max %.0f ms; outside it: %d, p50 %.0f ms, p99 %.0f ms"
          % (len(during), pct(during, 0.5), pct(during, 0.99), pct(during, 1.0), len(outside), pct(outside, 0.5), pct(outside, 0.99)))
finally:
    server.stop()
