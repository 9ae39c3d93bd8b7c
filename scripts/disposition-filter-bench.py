#!/usr/bin/env python3
"""CONTRACT §15's detail filtered by one disposition at 1M contacts (issue 28), black box on the packaged jar (embedded
store): a 1M-contact job dials through the webhook dialer into a receiver here (the calls stay open); this script ends
2,000 of its calls with a disposition (`interested`), pauses the job, then reads page 1 of
`GET /batch/jobs/{id}?contactDisposition=interested` with wrk against the static route of the same size
(`/bench/static?bytes=N`, BATCHCALL_BENCH_ROUTES) — at 8 and at 64 connections.

usage: scripts/disposition-filter-bench.py <jar> [contacts] [port]
"""
import json, subprocess, sys, time, urllib.request
from jarserver import JarServer, ok_receiver

jar = sys.argv[1]
m = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
port = int(sys.argv[3]) if len(sys.argv) > 3 else 18971
receiver = ok_receiver()
server = JarServer(jar, port, "disposition-bench-key-01", {"BATCHCALL_DIALER": "webhook",
    "BATCHCALL_DIALER_WEBHOOK_URL": "http://127.0.0.1:%d/dial" % receiver.server_port, "BATCHCALL_ORG_CONCURRENCY": "100000",
    "BATCHCALL_BENCH_ROUTES": "true"}, heap="512m")


def wrk(path, connections):
    out = subprocess.run(["wrk", "-t2", "-c%d" % connections, "-d10s", "--latency", "-H", "Authorization: Bearer " + server.key,
                          server.base + path], capture_output=True, text=True).stdout
    rate = [l for l in out.splitlines() if "Requests/sec" in l]
    p99 = [l for l in out.splitlines() if l.strip().startswith("99%")]
    return float(rate[0].split()[-1]) if rate else 0.0, p99[0].split()[-1] if p99 else "?"


try:
    boundary = "dispositionbench"
    csv = "phone\n" + "".join("+1%03d%07d\n" % (200 + i // 10_000_000, i % 10_000_000) for i in range(m))
    body = ("--%s\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbig\r\n--%s\r\nContent-Disposition: form-data; "
            "name=\"fromPhoneNumberId\"\r\n\r\npn_1\r\n--%s\r\nContent-Disposition: form-data; name=\"concurrentCallLimit\"\r\n\r\n"
            "1000\r\n--%s\r\nContent-Disposition: form-data; name=\"maxAttempts\"\r\n\r\n1\r\n--%s\r\nContent-Disposition: form-data; "
            "name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n" % ((boundary,) * 5)).encode() + csv.encode() \
        + ("\r\n--%s--\r\n" % boundary).encode()
    job = server.call("POST", "/batch/create", body, "multipart/form-data; boundary=" + boundary)["batchJobId"]
    ended = 0
    while ended < 2000:
        d = server.call("GET", "/batch/jobs/%s?contactStatus=dialing&contactsPageSize=500" % job)
        batch = [{"batchJobId": job, "contactId": c["id"], "attempt": c["attemptCount"], "type": "ended", "outcome": "completed",
                  "callDuration": 30, "disposition": "interested"} for c in d["contacts"]][:2000 - ended]
        if not batch:
            time.sleep(0.05)
            continue
        server.call("POST", "/batch/call-events", batch)
        ended += len(batch)
    server.call("POST", "/batch/jobs/%s/pause" % job, {})
    time.sleep(2)
    path = "/batch/jobs/%s?contactDisposition=interested" % job
    page = urllib.request.urlopen(urllib.request.Request(server.base + path, headers={"Authorization": "Bearer " + server.key})).read()
    detail = json.loads(page)
    print("job of %d contacts, %s; page 1 of the interested: %d contacts of %d, %d bytes"
          % (detail["totalContacts"], detail["status"], len(detail["contacts"]), detail["contactsTotal"], len(page)))
    for connections in (8, 64):
        d_rate, d_p99 = wrk(path, connections)
        s_rate, s_p99 = wrk("/bench/static?bytes=%d" % len(page), connections)
        print("%d connections: filtered detail %.0f req/s (p99 %s), static route of the same size %.0f req/s (p99 %s): %.0f %%"
              % (connections, d_rate, d_p99, s_rate, s_p99, 100 * d_rate / s_rate if s_rate else 0))
finally:
    server.stop()
