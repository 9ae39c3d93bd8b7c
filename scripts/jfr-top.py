#!/usr/bin/env python3
"""Where a JFR recording's CPU samples go, by thread group and by coarse bucket (issue 15's profiles).

    jcmd <server pid> JFR.start duration=10s filename=detail.jfr settings=profile
    wrk -t2 -c64 -d10s -H 'Authorization: Bearer <key>' 'http://localhost:8080/batch/jobs/<id>?contactsPageSize=50'
    jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample detail.jfr > samples.txt
    python3 scripts/jfr-top.py samples.txt

With --compilations: how many JIT compilations the recording holds (JFR's profile settings record those over
100 ms) and their total time — what a first run after start pays for compiling its path:

    jfr print --events jdk.Compilation /tmp/pgprof/import.jfr > compilations.txt
    python3 scripts/jfr-top.py compilations.txt --compilations

With --frames N: every thread, the N most frequent top frames (the method a sample was taken in), each with its
share of all samples — how the import and dispatch profiles of BENCHMARKS.md were read:

    jfr print --events jdk.ExecutionSample /tmp/pgprof/import.jfr > samples.txt
    python3 scripts/jfr-top.py samples.txt --frames 15
"""
import collections
import re
import sys

BUCKETS = [
    ("sqlite prepare", lambda s: "org.sqlite.core.NativeDB.prepare" in s),
    ("sqlite step/columns", lambda s: "org.sqlite" in s and ("step" in s or "NativeDB.column" in s or "JDBC3ResultSet" in s)),
    ("sqlite other", lambda s: "org.sqlite" in s),
    ("postgres driver", lambda s: "org.postgresql" in s),
    ("hikari", lambda s: "hikari" in s.lower()),
    ("job row read", lambda s: "JobRows" in s),
    ("contact rows (java)", lambda s: "ContactRows" in s),
    ("mapping to DTOs", lambda s: "ApiMapper" in s),
    ("jackson write", lambda s: "jackson" in s),
    ("socket write", lambda s: "SocketDispatcher.write" in s or "writev" in s),
    ("socket read", lambda s: "SocketDispatcher.read" in s),
    ("vertx/netty", lambda s: "netty" in s or "vertx" in s),
]


def main(path):
    text = open(path).read()
    counts = collections.Counter()
    total = 0
    for event in re.split(r"\njdk\.", text):
        thread = re.search(r'sampledThread = "([^"]+)"', event)
        if not thread or not ("worker" in thread.group(1) or "eventloop" in thread.group(1)):
            continue
        frames = " ".join(re.findall(r"^\s+([\w.$<>]+)\(", event, re.M))
        if "EPoll.wait" in frames:
            continue  # an idle event loop
        group = re.sub(r"-\d+$", "", thread.group(1).split("-thread")[0])
        bucket = next((name for name, test in BUCKETS if test(frames)), "other")
        counts[(group, bucket)] += 1
        total += 1
    print("samples", total)
    for (group, bucket), n in counts.most_common():
        print("%5.1f%%  %-28s %s" % (100.0 * n / total, group, bucket))


def frames(path, n):
    counts = collections.Counter()
    total = 0
    for event in re.split(r"\njdk\.", open(path).read()):
        top = re.search(r"stackTrace = \[\s*\n\s+([\w.$<>]+)\(", event)
        if top:
            counts[top.group(1)] += 1
            total += 1
    print("samples", total)
    for frame, k in counts.most_common(n):
        print("%5.1f%%  %6d  %s" % (100.0 * k / total, k, frame))


def compilations(path):
    units = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0, "min": 60000.0}
    times = [float(v) * units[u] for v, u in re.findall(r"duration = ([0-9.]+) (ns|us|ms|s|min)\n", open(path).read())]
    print("compilations %d, total %.0f ms, longest %.0f ms" % (len(times), sum(times), max(times, default=0)))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "--compilations":
        compilations(sys.argv[1])
    elif len(sys.argv) > 3 and sys.argv[2] == "--frames":
        frames(sys.argv[1], int(sys.argv[3]))
    else:
        main(sys.argv[1])
