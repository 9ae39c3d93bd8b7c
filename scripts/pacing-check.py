#!/usr/bin/env python3
"""Pacing, black box (CONTRACT §14): the packaged jar, the webhook dialer, a receiver that timestamps every dial.

usage: scripts/pacing-check.py <jar> <rate> <seconds> [org|caller|none] [port] [--java-receiver <bench jar>]

"none" sets no limit: what the receiver and the webhook dialer reach on their own (the ceiling a paced run is read against).
--java-receiver: io.batchcall.bench.DialReceiver takes the dials instead of this script's own receiver (whose ceiling is
about 700 dials/s on the 2-core VM): for rates in the hundreds.

Starts a receiver and the jar (embedded store, BATCHCALL_DIALER=webhook), registers a caller id (caller mode: its
callsPerSecond is the rate) or sets BATCHCALL_DIAL_RATE (org mode), creates a job of rate*seconds*2 contacts with a
concurrency far above what the rate lets dial, and after <seconds> prints, at the receiving end: dials, the achieved
rate, and the most dials in any one-second window (the contract allows floor(rate) + 1).
"""
import http.server, os, subprocess, sys, threading, time, math, urllib.request
from jarserver import JarServer

java_receiver = None
if "--java-receiver" in sys.argv:
    i = sys.argv.index("--java-receiver")
    java_receiver = sys.argv[i + 1]
    del sys.argv[i:i + 2]
jar, rate, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
mode = sys.argv[4] if len(sys.argv) > 4 else "caller"
port = int(sys.argv[5]) if len(sys.argv) > 5 else 18931
times = []
lock = threading.Lock()

class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a new connection per dial would queue dials in the client's pool

    def do_POST(self):
        t = time.time()
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            times.append(t)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass

receiver = None
if java_receiver:
    receiver_port = port + 1
    receiver = subprocess.Popen(["java", "-cp", java_receiver, "io.batchcall.bench.DialReceiver", str(receiver_port)],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    receiver.stdout.readline()  # "listening on …"
    # its own first requests (class loading, JIT) would bunch the first dials' timestamps: warm it, unrecorded
    import http.client
    for _ in range(int(os.environ.get("RECEIVER_WARMUP", "5000"))):
        w = http.client.HTTPConnection("127.0.0.1", receiver_port)
        w.request("POST", "/warm", body=b"{}")
        w.getresponse().read()
        w.close()
else:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    receiver_port = server.server_port
env = {"BATCHCALL_DIALER": "webhook", "BATCHCALL_DIALER_WEBHOOK_URL": "http://127.0.0.1:%d/dial" % receiver_port,
       "BATCHCALL_ORG_CONCURRENCY": "100000"}
if mode == "org":
    env["BATCHCALL_DIAL_RATE"] = str(rate)
jar_server = JarServer(jar, port, "pacing-check-key-0001", env)
call = jar_server.call

try:
    if mode == "caller":
        call("PUT", "/batch/caller-ids/pn-paced", {"phoneNumber": "+14155550100", "callsPerSecond": rate})
    n = int(rate * seconds * 1.5) + 10
    # dials stay open (the receiver reports no outcome): one job per 1,000 contacts keeps each under its concurrency limit
    for first in range(0, n, 1000):
        contacts = [{"phone": "+1415%07d" % i} for i in range(first, min(n, first + 1000))]
        call("POST", "/batch/create", {"name": "pacing", "fromPhoneNumberId": "pn-paced", "concurrentCallLimit": 1000,
                                       "maxAttempts": 1, "contacts": contacts})
    created = time.time()  # the creates load the same server: dials while they run are shown apart
    time.sleep(seconds)
finally:
    jar_server.stop()
if receiver:
    times.extend(int(line) / 1e6 for line in urllib.request.urlopen("http://127.0.0.1:%d/times" % receiver_port).read().decode().split())
    receiver.kill()
with lock:
    ts = sorted(times)
if os.environ.get("PACING_TIMES"):
    with open(os.environ["PACING_TIMES"], "w") as f:
        f.write("\n".join("%.6f" % t for t in ts))
if not ts:
    print("no dials received")
    sys.exit(1)
def worst_window(ts):
    worst, j = 0, 0
    for i in range(len(ts)):
        while j < len(ts) and ts[j] < ts[i] + 1.0:
            j += 1
        worst = max(worst, j - i)
    return worst

worst = worst_window(ts)
# the first dials of a run also wait for the dialer's HTTP connections to open, and the creates (one job per 1,000
# contacts) load the same server: the steady figure starts 2 s after the first dial and 1 s after the last create
steady = worst_window([t for t in ts if t >= max(ts[0] + 2.0, created + 1.0)])
span = ts[-1] - ts[0]
achieved = (len(ts) - 1) / span if span > 0 else float("nan")
bound = math.floor(rate) + 1
print("mode=%s limit=%g/s dials=%d over %.1f s achieved=%.3f/s (%.1f %% of the limit) worst 1-s window=%d, steady %d "
      "(bound %d) %s" % (mode, rate, len(ts), span, achieved, 100 * achieved / rate, worst, steady, bound,
                         "OK" if worst <= bound else ("OK when steady" if steady <= bound else "OVER")))
