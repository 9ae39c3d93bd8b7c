#!/usr/bin/env python3
"""CONTRACT §15 figures, black box on the packaged jar (embedded store): call events with and without 2 KB of outcomeData,
and the contact timeline of a 1M-contact job under wrk.

usage: scripts/conversation-bench.py <jar> [contacts-per-event-run] [timeline-contacts] [port]

1. Call events: the jar dials through the webhook dialer into a receiver here that answers 200 (the calls stay open), a
   job of N contacts at concurrentCallLimit 1000; this script ends every dialing contact with `ended` events, posted in
   arrays of 500 — once with a disposition only, once with a disposition and 2 KB of outcomeData — and prints events/s.
2. Timeline: a job of M contacts imported from CSV, one contact's timeline read by `wrk -t2 -c8 -d10s --latency`; the
   static route /health alongside, for scale. With JFR=1 the server is recorded (JFR, profile settings) while wrk reads
   the timeline, and where the samples go is printed by scripts/jfr-top.py (BENCHMARKS.md: statement preparation).
"""
import os
import http.server, json, subprocess, sys, threading, time, urllib.request
from jarserver import JarServer, ok_receiver

jar = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
m = int(sys.argv[3]) if len(sys.argv) > 3 else 1000000
port = int(sys.argv[4]) if len(sys.argv) > 4 else 18961


receiver = ok_receiver()
server = JarServer(jar, port, "conversation-bench-key-1", {"BATCHCALL_DIALER": "webhook",
    "BATCHCALL_DIALER_WEBHOOK_URL": "http://127.0.0.1:%d/dial" % receiver.server_port, "BATCHCALL_ORG_CONCURRENCY": "100000"},
    heap="512m")
blob = {"summary": "x" * 1990, "budget": 1200, "tags": ["a", "b"]}
assert 2000 <= len(json.dumps(blob)) <= 2100


def events_run(with_data, offset):
    contacts = [{"phone": "+1415%07d" % (offset + i)} for i in range(n)]
    job = server.call("POST", "/batch/create", {"name": "events", "fromPhoneNumberId": "pn_1", "concurrentCallLimit": 1000,
                                                  "maxAttempts": 1, "contacts": contacts})["batchJobId"]
    try:
        server.call("POST", "/batch/jobs/%s/start" % job, {})
    except RuntimeError as e:  # the dispatcher starts a pending job at once (CONTRACT §4): it may have been first
        if "already_running" not in str(e):
            raise
    done, posted_time, started = 0, 0.0, time.time()
    while done < n:
        d = server.call("GET", "/batch/jobs/%s?contactStatus=dialing&contactsPageSize=500" % job)
        batch = []
        for c in d["contacts"]:
            e = {"batchJobId": job, "contactId": c["id"], "attempt": c["attemptCount"], "type": "ended", "outcome": "completed",
                 "callDuration": 30, "disposition": "interested"}
            if with_data:
                e["outcomeData"] = blob
            batch.append(e)
        if not batch:
            time.sleep(0.01)
            if time.time() - started > 600:
                raise RuntimeError("stuck")
            continue
        t = time.time()
        server.call("POST", "/batch/call-events", batch)
        posted_time += time.time() - t
        done += len(batch)
    return done / posted_time, done / (time.time() - started)


try:
    if os.environ.get("EVENTS") != "0":
        plain = events_run(False, 0)
        data = events_run(True, n)
        plain2 = events_run(False, 2 * n)
        data2 = events_run(True, 3 * n)
        print("call events, %d each: recording rate (events / time in POST) without outcomeData %.0f, %.0f /s; with 2 KB %.0f, %.0f /s "
              "(%.0f %% of without, means); end to end %.0f / %.0f / %.0f / %.0f contacts/s"
              % (n, plain[0], plain2[0], data[0], data2[0], 100 * (data[0] + data2[0]) / (plain[0] + plain2[0]),
                 plain[1], data[1], plain2[1], data2[1]))
    csv = "phone\n" + "".join("+1%03d%07d\n" % (200 + i // 10_000_000, i % 10_000_000) for i in range(m))
    req = urllib.request.Request(server.base + "/batch/create", method="POST", data=None)
    boundary = "benchboundary"
    body = ("--%s\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbig\r\n--%s\r\nContent-Disposition: form-data; "
            "name=\"fromPhoneNumberId\"\r\n\r\npn_1\r\n--%s\r\nContent-Disposition: form-data; name=\"scheduledStartTime\"\r\n\r\n"
            "2099-01-01T00:00:00Z\r\n--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n" % (boundary, boundary, boundary, boundary)).encode() + csv.encode() + ("\r\n--%s--\r\n" % boundary).encode()
    big = server.call("POST", "/batch/create", body, "multipart/form-data; boundary=" + boundary)
    job = big["batchJobId"]
    contact = "%s-c%d" % (job, m // 2)
    rounds = int(os.environ.get("ROUNDS", "3"))
    timeline = "/batch/jobs/%s/contacts/%s" % (job, contact)
    for path in [("warm-up", timeline)] + [timeline, "/health"] * rounds:
        warmup = isinstance(path, tuple)
        path = path[1] if warmup else path
        profile = os.environ.get("JFR") == "1" and "contacts" in path and not warmup
        if profile:
            subprocess.run(["jcmd", str(server.proc.pid), "JFR.start", "duration=10s", "filename=/tmp/timeline.jfr", "settings=profile"],
                           capture_output=True, check=True)
        out = subprocess.run(["wrk", "-t2", "-c8", "-d10s", "--latency", "-H", "Authorization: Bearer " + server.key, server.base + path],
                             capture_output=True, text=True).stdout
        rate = [l for l in out.splitlines() if "Requests/sec" in l]
        p99 = [l for l in out.splitlines() if l.strip().startswith("99%")]
        print("%s%s: %s, p99 %s" % ("warm-up (JIT), not counted: " if warmup else "", path.split("/")[-1] if "contacts" in path else path, rate[0].split()[-1] if rate else "?",
                                   p99[0].split()[-1] if p99 else "?"))
        if profile:
            time.sleep(2)  # the recording ends with wrk's 10 s; its file is written then
            samples = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", "/tmp/timeline.jfr"],
                                     capture_output=True, text=True, check=True).stdout
            print(subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "jfr-top.py"), "/dev/stdin"],
                                 input=samples, capture_output=True, text=True).stdout)
finally:
    server.stop()
