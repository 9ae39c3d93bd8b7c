#!/usr/bin/env python3
"""CONTRACT §16's priority figure black box on the packaged jar (embedded store, zero-latency simulated dialer, real
clock): two jobs of M contacts each — one with priorities spread evenly over -99..99, one with none — created scheduled,
then run in alternating rounds (resume one, let it warm for 1 s, count its completed contacts over ROUND seconds,
pause it, let its calls drain). Prints each round's attempts per second and the median share of the prioritized job.
PriorityBench measures the same in-process on a manual clock; this is what a customer's job sees.

usage: scripts/priority-dispatch.py <jar> [contacts per job, default 1000000] [rounds per job, default 4] [round seconds, default 5]
"""
import statistics, sys, time
from jarserver import JarServer

jar = sys.argv[1]
m = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 4
seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 5
# the zero-latency simulated dialer as BenchMain runs it (bench ServerProcess)
server = JarServer(jar, 18977, "priority-dispatch-key-0001", {"BATCHCALL_MAX_CONTACTS_PER_JOB": "2000000", "BATCHCALL_SIM_CALL_SECONDS": "0",
                                                             "BATCHCALL_SIM_OUTCOMES": "completed=100", "BATCHCALL_ORG_CONCURRENCY": "1000",
                                                             "BATCHCALL_TICK_MILLIS": "10"}, heap="512m")


def create(name, csv):
    b = "pdboundary"
    fields = {"name": name, "fromPhoneNumberId": "pn_1", "concurrentCallLimit": "1000", "maxAttempts": "1",
              "scheduledStartTime": "2099-01-01T00:00:00Z"}
    head = "".join("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v) for k, v in fields.items())
    head += "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n" % b
    body = head.encode() + csv.encode() + ("\r\n--%s--\r\n" % b).encode()
    return server.call("POST", "/batch/create", body, "multipart/form-data; boundary=" + b)["batchJobId"]


def counts(job):
    return server.call("GET", "/batch/jobs/%s?contactsPageSize=1" % job)


def completed(job):
    return counts(job)["statusBreakdown"]["completed"]


def drained(job):
    for _ in range(300):
        if counts(job)["statusBreakdown"].get("dialing", 0) == 0:
            return
        time.sleep(0.1)


try:
    t = time.time()
    plain = create("none", "phone\n" + "".join("+1212%07d\n" % i for i in range(m)))
    ranked = create("spread", "phone,priority\n" + "".join("+1646%07d,%d\n" % (i, (i * 7919) % 199 - 99) for i in range(m)))
    print("created 2 × %d contacts in %.1f s" % (m, time.time() - t))
    for job in (plain, ranked):
        server.call("POST", "/batch/jobs/%s/start" % job, {})
        server.call("POST", "/batch/jobs/%s/pause" % job, {})
        drained(job)
    rates = {plain: [], ranked: []}
    for r in range(rounds):
        for job in ((ranked, plain) if r % 2 == 0 else (plain, ranked)):
            server.call("POST", "/batch/jobs/%s/resume" % job, {})
            time.sleep(1)
            c0, t0 = completed(job), time.time()
            time.sleep(seconds)
            c1, t1 = completed(job), time.time()
            server.call("POST", "/batch/jobs/%s/pause" % job, {})
            drained(job)
            rates[job].append((c1 - c0) / (t1 - t0))
    shares = [a / b for a, b in zip(rates[ranked], rates[plain])]
    print("attempts/s with priorities spread over -99..99: %s" % ", ".join("%.0f" % x for x in rates[ranked]))
    print("attempts/s with none:                        %s" % ", ".join("%.0f" % x for x in rates[plain]))
    print("share per round pair: %s; median %.0f %%" % (", ".join("%.0f %%" % (100 * s) for s in shares), 100 * statistics.median(shares)))
    # each job runs twice in a row across a pair's boundary (R P | P R | ...): single pairs swing with that order, a
    # median of pairs and the ratio of the sums (the first pair, JIT warm-up, left out) both even it out
    if rounds > 1:
        print("ratio of the summed rates, pairs 2-%d: %.0f %%" % (rounds, 100 * sum(rates[ranked][1:]) / sum(rates[plain][1:])))
finally:
    server.stop()
