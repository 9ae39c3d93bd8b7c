#!/usr/bin/env python3
"""Pages of a scheduled 1M-contact job read at random depths, black box on the packaged jar (embedded store, no detail
answers kept, so every read goes to the store): 60 status-filtered pages (pending) and 60 unfiltered pages of 100.

usage: scripts/page-timing.py <jar> [prio]   (prio: the job's priorities spread over -99..99, as PriorityBench's)
"""
import sys, time, random
from jarserver import JarServer
jar = sys.argv[1]; prio = len(sys.argv) > 2 and sys.argv[2] == "prio"
s = JarServer(jar, 18975, "pages-key-000000000000001", {"BATCHCALL_DETAIL_CACHE_MB": "0", "BATCHCALL_MAX_CONTACTS_PER_JOB": "2000000"}, heap="512m")
try:
    m = 1000000
    csv = ("phone,priority\n" + "".join("+1212%07d,%d\n" % (i, (i * 7919) % 199 - 99) for i in range(m))) if prio else ("phone\n" + "".join("+1212%07d\n" % i for i in range(m)))
    b = "bb"
    body = ("--%s\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\np\r\n--%s\r\nContent-Disposition: form-data; name=\"fromPhoneNumberId\"\r\n\r\npn\r\n"
            "--%s\r\nContent-Disposition: form-data; name=\"scheduledStartTime\"\r\n\r\n2099-01-01T00:00:00Z\r\n"
            "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n" % (b, b, b, b)).encode() + csv.encode() + ("\r\n--%s--\r\n" % b).encode()
    job = s.call("POST", "/batch/create", body, "multipart/form-data; boundary=" + b)["batchJobId"]
    random.seed(3)
    for q, label in (("contactStatus=pending&contactsPage=%d&contactsPageSize=100", "filtered pending"), ("contactsPage=%d&contactsPageSize=100", "unfiltered")):
        ts = []
        for _ in range(60):
            n = random.randint(1, 9999)
            t = time.time(); d = s.call("GET", "/batch/jobs/%s?%s" % (job, q % n)); ts.append(time.time() - t)
            assert len(d["contacts"]) == 100
        ts.sort()
        print("%s %s page at random depth: p50 %.1f ms, p90 %.1f ms, max %.1f ms" % (jar.split('/')[-2], label, ts[30]*1000, ts[54]*1000, ts[-1]*1000))
finally:
    s.stop()
