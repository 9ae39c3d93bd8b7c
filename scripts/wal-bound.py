#!/usr/bin/env python3
"""The embedded store's WAL under writes that never pause, black box on the packaged jar (ADR 5): one job of N contacts
run to completion on the zero-latency simulated dialer (one attempt each), the WAL file's size read every 0.5 s.
Before the restart checkpoint a 1M job left a 13 GB WAL; the bound is 256 MiB plus what arrives within one wait.

usage: scripts/wal-bound.py <jar> [contacts, default 1000000] [port]
"""
import os, sys, time
from jarserver import JarServer

jar = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
port = int(sys.argv[3]) if len(sys.argv) > 3 else 18975
server = JarServer(jar, port, "wal-bound-key-00000000001", {"BATCHCALL_MAX_CONTACTS_PER_JOB": "2000000", "BATCHCALL_SIM_CALL_SECONDS": "0",
                                                          "BATCHCALL_SIM_OUTCOMES": "completed=100", "BATCHCALL_ORG_CONCURRENCY": "1000",
                                                          "BATCHCALL_TICK_MILLIS": "10"}, heap="512m", start_seconds=60)
wal = os.path.join(server.data_dir, "batchcall.sqlite-wal")


def size():
    try:
        return os.path.getsize(wal)
    except FileNotFoundError:
        return 0


try:
    b = "wbboundary"
    fields = {"name": "wal", "fromPhoneNumberId": "pn_1", "concurrentCallLimit": "1000", "maxAttempts": "1"}
    head = "".join("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v) for k, v in fields.items())
    head += "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n" % b
    csv = "phone,priority\n" + "".join("+1646%07d,%d\n" % (i, (i * 7919) % 199 - 99) for i in range(n))
    t = time.time()
    job = server.call("POST", "/batch/create", head.encode() + csv.encode() + ("\r\n--%s--\r\n" % b).encode(),
                      "multipart/form-data; boundary=" + b)["batchJobId"]
    most, samples = size(), 0
    while server.call("GET", "/batch/jobs/%s?contactsPageSize=1" % job)["status"] != "completed":
        most = max(most, size())
        samples += 1
        time.sleep(0.5)
    print("%d contacts created and called in %.0f s; WAL file largest %.0f MB over %d reads, at the end %.0f MB"
          % (n, time.time() - t, most / 2**20, samples, size() / 2**20))
finally:
    server.stop()
