"""The packaged jar as a child process, for the scripts that measure it black-box (pacing-check, carrier-check,
held-back-pass): start it on a fresh data directory, wait for /health, call the API with a key, stop it."""
import http.server, json, os, shutil, subprocess, tempfile, threading, time, urllib.error, urllib.request


class JarServer:
    def __init__(self, jar, port, key, env=None, heap=None, data_dir=None, start_seconds=30):
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="batchcall-jar-")
        full = dict(os.environ, BATCHCALL_HTTP_PORT=str(port), BATCHCALL_DATA_DIR=self.data_dir,
                    BATCHCALL_API_KEYS="bench:" + key, BATCHCALL_REQUEST_LOG="false", **(env or {}))
        self.base = "http://127.0.0.1:%d" % port
        self.key = key
        self.proc = subprocess.Popen(["java"] + (["-Xmx" + heap] if heap else []) + ["-jar", jar], env=full,
                                     stdout=subprocess.DEVNULL,
                                     stderr=open(os.environ["JAR_LOG"], "w") if os.environ.get("JAR_LOG") else subprocess.DEVNULL)
        for _ in range(start_seconds * 10):
            try:
                urllib.request.urlopen(self.base + "/health")
                return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError("the jar did not answer /health in %d s" % start_seconds)

    def call(self, method, path, body=None, content_type="application/json"):
        data = body if isinstance(body, bytes) else (None if body is None else json.dumps(body).encode())
        req = urllib.request.Request(self.base + path, method=method, data=data,
                                     headers={"Authorization": "Bearer " + self.key, "Content-Type": content_type})
        try:
            with urllib.request.urlopen(req, timeout=600) as resp:
                return json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as e:
            raise RuntimeError("%s %s answered %d: %s" % (method, path, e.code, e.read()[:500].decode(errors="replace"))) from None

    def stop(self, keep_data=False):
        self.proc.kill()
        self.proc.wait()
        if not keep_data:
            shutil.rmtree(self.data_dir, ignore_errors=True)  # a 1M-contact job's database is 2.3 GB


def ok_receiver():
    """A dial endpoint for the webhook dialer that answers every dial 200 and keeps nothing (the calls stay open until the
    script ends them with call events); returns the running server (its port: .server_port)."""
    class Receiver(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *a):
            pass

    receiver = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    return receiver
