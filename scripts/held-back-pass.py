#!/usr/bin/env python3
"""The dispatcher's pass over a job held back by pacing (CONTRACT §14: it must cost nothing per waiting contact).

usage: scripts/held-back-pass.py <jar> [contacts] [port] [db-url user password]

Starts the jar (embedded store unless a PostgreSQL URL is given), registers a caller id at 0.1 dials/s, creates a job
of <contacts> (1,000,000) contacts dialed from it, lets the first dial go, then reads the dispatcher's pass timer from
/metrics over 10 s: the mean and the largest pass while every contact waits for the number's rate.
With EXPIRING=1 every contact carries an expiresAt a year ahead (CONTRACT §16): the pass then also runs the expiry
sweep over them, with nothing expired — its cost is the difference between the two runs.
With RULES=1 the job is held by calling rules instead (CONTRACT §17): a pack that closes every US region all week, the
contacts spread over four states (four call groups), no caller-id limit.
"""
import json, os, re, sys, time, urllib.request
from jarserver import JarServer

jar = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
port = int(sys.argv[3]) if len(sys.argv) > 3 else 18933
key = "held-back-pass-key-01"
env = {"BATCHCALL_SIM_CALL_SECONDS": "3600"}
if len(sys.argv) > 6:
    env.update(BATCHCALL_DB_URL=sys.argv[4], BATCHCALL_DB_USER=sys.argv[5], BATCHCALL_DB_PASSWORD=sys.argv[6])
rules = os.environ.get("RULES") == "1"
if rules:
    import tempfile
    pack = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump([{"region": "US", "hours": {d: None for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}, "source": "closed"}], pack)
    pack.close()
    env["BATCHCALL_CALLING_RULES"] = pack.name
jar_server = JarServer(jar, port, key, env, heap="512m")
base = jar_server.base
call = jar_server.call

def pass_timer():
    text = urllib.request.urlopen(base + "/metrics").read().decode()
    count = float(re.search(r'^batchcall_dispatcher_pass_seconds_count\S* (\S+)', text, re.M).group(1))
    total = float(re.search(r'^batchcall_dispatcher_pass_seconds_sum\S* (\S+)', text, re.M).group(1))
    worst = float(re.search(r'^batchcall_dispatcher_pass_seconds_max\S* (\S+)', text, re.M).group(1))
    return count, total, worst

try:
    if not rules:
        call("PUT", "/batch/caller-ids/pn-slow", {"phoneNumber": "+14155550100", "callsPerSecond": 0.1})
    boundary = "----heldback"
    expiring = os.environ.get("EXPIRING") == "1"
    csv = ("phone,expiresAt\n" + "".join("+1415%07d,2099-01-01T00:00:00Z\n" % i for i in range(n))) if expiring \
        else "phone\n" + "".join("+1%s%07d\n" % (("415", "212", "305", "312")[i % 4], i // 4) for i in range(n)) if rules \
        else "phone\n" + "".join("+1415%07d\n" % i for i in range(n))
    body = ("--%s\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nheld back\r\n"
            "--%s\r\nContent-Disposition: form-data; name=\"fromPhoneNumberId\"\r\n\r\npn-slow\r\n"
            "--%s\r\nContent-Disposition: form-data; name=\"concurrentCallLimit\"\r\n\r\n1000\r\n"
            "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            % (boundary, boundary, boundary, boundary)).encode() + csv.encode() + ("\r\n--%s--\r\n" % boundary).encode()
    t0 = time.time()
    job = call("POST", "/batch/create", body, "multipart/form-data; boundary=" + boundary)["batchJobId"]
    print("created %s (%d contacts) in %.1f s" % (job, n, time.time() - t0))
    time.sleep(5)
    c0, s0, _ = pass_timer()
    time.sleep(10)
    c1, s1, worst = pass_timer()
    time.sleep(float(os.environ.get("HOLD_SECONDS", "0")))
    d = call("GET", "/batch/jobs/%s?contactsPageSize=1" % job)
    print("held back: %d dialing, %d pending; pacing %s; dispatcher passes in 10 s: %d, mean %.2f ms, largest in the last minute %.2f ms"
          % (d["statusBreakdown"]["dialing"], d["statusBreakdown"]["pending"], json.dumps(d["pacing"]), c1 - c0,
             1000 * (s1 - s0) / max(1, c1 - c0), 1000 * worst))
finally:
    jar_server.stop()
