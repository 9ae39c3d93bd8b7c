#!/usr/bin/env python3
"""Back-off, black box (CONTRACT §14): the packaged jar, the webhook dialer, and a fake carrier that accepts at most
<cps> new calls in any second and answers HTTP 429 (Retry-After: 1) above it — as Twilio does past an account's CPS.

usage: scripts/carrier-check.py <jar> <cps> <contacts> [port]

No callsPerSecond is configured: the engine must find the carrier's rate by itself. Accepted calls end 0.3 s later
(a completed call event posted back). Prints, per 10 s: calls accepted per second and refusals; then whether every
contact completed and how many attempts the contacts used (a refusal must not count as one).
"""
import http.server, json, sys, threading, time, urllib.request, collections
from jarserver import JarServer

jar, cps, total = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
port = int(sys.argv[4]) if len(sys.argv) > 4 else 18932
key = "carrier-check-key-0001"
base = "http://127.0.0.1:%d" % port
lock = threading.Lock()
accepted, refused = [], []

def post_event(req):
    time.sleep(0.3)
    body = json.dumps({"batchJobId": req["batchJobId"], "contactId": req["contactId"], "attempt": req["attempt"],
                       "type": "ended", "outcome": "completed", "callDuration": 1}).encode()
    r = urllib.request.Request(base + "/batch/call-events", data=body, method="POST",
                               headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    urllib.request.urlopen(r).read()

class Carrier(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        req = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        now = time.time()
        with lock:
            recent = [t for t in accepted if t > now - 1.0]
            ok = len(recent) < cps
            (accepted if ok else refused).append(now)
        if ok:
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            threading.Thread(target=post_event, args=(req,), daemon=True).start()
        else:
            body = b'{"code": 20429, "message": "Too Many Requests"}'
            self.send_response(429)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Carrier)
threading.Thread(target=server.serve_forever, daemon=True).start()
jar_server = JarServer(jar, port, key, {"BATCHCALL_DIALER": "webhook",
                                       "BATCHCALL_DIALER_WEBHOOK_URL": "http://127.0.0.1:%d/calls" % server.server_port})
call = jar_server.call

try:
    contacts = [{"phone": "+1415%07d" % i} for i in range(total)]
    job = call("POST", "/batch/create", {"name": "carrier", "fromPhoneNumberId": "pn-trunk", "concurrentCallLimit": 50,
                                         "maxAttempts": 1, "contacts": contacts})["batchJobId"]
    t0 = time.time()
    status = None
    while time.time() - t0 < 600:
        time.sleep(1)
        d = call("GET", "/batch/jobs/%s?contactsPageSize=1" % job)
        status = d["status"]
        if status == "completed":
            break
    detail = call("GET", "/batch/jobs/%s?contactsPageSize=500" % job)
    caller = call("GET", "/batch/caller-ids")
finally:
    jar_server.stop()
with lock:
    a, r = sorted(accepted), sorted(refused)
start = min(a[0] if a else t0, r[0] if r else t0)
buckets = collections.OrderedDict()
for t in a:
    buckets.setdefault(int((t - start) // 10), [0, 0])[0] += 1
for t in r:
    buckets.setdefault(int((t - start) // 10), [0, 0])[1] += 1
for b in sorted(buckets):
    print("%3d-%3d s: accepted %.2f/s, refused %d" % (b * 10, b * 10 + 10, buckets[b][0] / 10.0, buckets[b][1]))
attempts = [c["attemptCount"] for c in detail["contacts"]]
print("job %s after %.0f s: completed %d of %d; attempts per contact max %d (maxAttempts 1: a refusal counted would fail the contact); "
      "refusals %d; %s" % (status, time.time() - t0, detail["successfulCalls"], total, max(attempts) if attempts else 0, len(r),
                           "; ".join("%s %s" % (c["id"], c["state"]) for c in caller["callerIds"]) or "no caller id registered"))
