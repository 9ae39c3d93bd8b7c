#!/usr/bin/env python3
"""The job list with many running jobs, black box on the packaged jar (issue 31: each running job's estimate reads what
the store knows of its open contacts, at most once a second per job). Creates J running jobs of 200 contacts (simulated
calls of 30 s, so they stay running with calls in flight and retries queued), then reads GET /batch/jobs?pageSize=100
R times, one read every 100 ms, and prints the latency's p50 / p99 / max.

usage: scripts/list-running.py <jar> [jobs] [reads] [port]
"""
import json, sys, time, urllib.request
from jarserver import JarServer

jar = sys.argv[1]
jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 100
reads = int(sys.argv[3]) if len(sys.argv) > 3 else 100
port = int(sys.argv[4]) if len(sys.argv) > 4 else 18971
server = JarServer(jar, port, "list-running-key-000001", {"BATCHCALL_SIM_CALL_SECONDS": "30", "BATCHCALL_ORG_CONCURRENCY": "100000",
                                                          "BATCHCALL_SIM_OUTCOMES": "completed=50,no_answer=50"}, heap="512m")
try:
    for j in range(jobs):
        server.call("POST", "/batch/create", {"name": "r%d" % j, "fromPhoneNumberId": "pn", "concurrentCallLimit": 20, "maxAttempts": 3,
                                              "retryDelaySeconds": 600,
                                              "contacts": [{"phone": "+1415%07d" % (j * 1000 + i)} for i in range(200)]})
    time.sleep(15)  # calls in flight, some ended (a no_answer rings ~10 s) and queued for a retry
    req = urllib.request.Request(server.base + "/batch/jobs?pageSize=100", headers={"Authorization": "Bearer " + server.key})
    running = sum(1 for x in json.loads(urllib.request.urlopen(req).read())["batchJobs"] if x["status"] == "running")
    times = []
    for _ in range(reads):
        t0 = time.perf_counter()
        urllib.request.urlopen(req).read()
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.1)
    times.sort()
    print("%d running jobs listed %d times: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
          % (running, reads, times[len(times) // 2], times[int(len(times) * 0.99) - 1], times[-1]))
finally:
    server.stop()
