#!/usr/bin/env python3
"""Hostile input against a running server: seeded random requests over every endpoint (bad methods, bodies,
headers, query strings, multipart boundaries, Expect, missing Host, Idempotency-Key), raw sockets.
Prints the answers by status and every 5xx or 4xx without the JSON envelope (HEAD excluded). NUL characters
(%00 in paths and queries, \u0000 and raw 0x00 in bodies) are among what it sends: run it against PostgreSQL too,
where they once were 500s:

    BATCHCALL_API_KEYS=fuzz:fuzz-key-0000000000000001 BATCHCALL_HTTP_PORT=8383 java -jar bootstrap/target/batchcall.jar &
    BATCHCALL_DB_URL=jdbc:postgresql://localhost/batchcall BATCHCALL_DB_USER=… BATCHCALL_DB_PASSWORD=… (same, on PostgreSQL)
    python3 scripts/hostile.py SEED JOB_ID COUNT [PORT] [KEY]
"""
import random, socket, json, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
HOST = "127.0.0.1"
PORT = int(sys.argv[4]) if len(sys.argv) > 4 else 8383
KEY = sys.argv[5] if len(sys.argv) > 5 else "fuzz-key-0000000000000001"
paths = ["/batch/create", "/batch/jobs", "/batch/jobs/bj_x", "/batch/jobs/%00", "/batch/jobs/{job}%00", "/batch/jobs/%00/cancel",
         "/batch/webhooks/%00/deliveries", "/batch/suppressions/%2B1415%00", "/batch/webhooks", "/batch/jobs/{job}", "/batch/jobs/{job}/start", "/batch/jobs/{job}/cancel",
         "/batch/jobs/{job}/pause", "/batch/jobs/{job}/resume", "/batch/jobs/{job}/reschedule", "/batch/call-events", "/batch/suppressions",
         "/batch/suppressions/%2B14155550101", "/health", "/", "/batch/create?dryRun=true", "/batch/create?dryRun=maybe",
         "/batch/caller-ids", "/batch/caller-ids/pn_fuzz", "/batch/caller-ids/%00", "/batch/caller-ids/" + "x" * 300,
         "/batch/jobs/{job}/contacts", "/batch/jobs/{job}/contacts?dryRun=true", "/batch/jobs/%00/contacts", "/batch/jobs/{job}/contacts/{job}-c1",
         "/batch/jobs/{job}/contacts/{job}-c1/cancel", "/batch/jobs/{job}/contacts/%00/cancel", "/batch/jobs/{job}/contacts/{job}-c1/callback",
         "/batch/jobs/{job}/contacts/" + "c" * 300 + "/cancel", "/batch/consents", "/batch/consents?phoneNumber=%2B14155550101",
         "/batch/consents/%2B14155550101", "/batch/consents/%00", "/batch/consents?phoneNumber=" + "9" * 300, "/batch/calling-rules"]
methods = ["GET", "POST", "PATCH", "DELETE", "PUT", "OPTIONS", "HEAD"]
junk = ["%zz", "%", "%u0", "a[]=1", "contactStatus=" + "x"*5000, "page=-1", "page=99999999999999999999", "pageSize=0", "contactsPageSize=501",
        "scheduledStartTime=%2B999999999-12-31T23:59:59Z", "timezone=Mars/Base", "phoneNumber=%00", "status=running", "status=%00",
        "contactStatus=completed%00", "dry_run=true", "phoneNumber=+14155550101", ""]
def body():
    r = random.random()
    if r < 0.1: return random.choice([b'{"name":"a\\u0000b","fromPhoneNumberId":"p","contacts":[{"phone":"+14155550101"}]}',
                                      b'{"name":"n","fromPhoneNumberId":"p","contacts":[{"phone":"+14155550101","k\\u0000":"\\u0000"}]}',
                                      b'{"batchJobId":"bj_\\u0000","contactId":"c","attempt":1,"type":"ended","outcome":"completed"}',
                                      b'{"phoneNumbers":["+14155550101"],"reason":"\\u0000"}', b'{"url":"https://x/\\u0000"}',
                                      b'{"name":"a\x00b"}'])
    if r < 0.2: return b""
    if r < 0.3: return b"{" * random.randint(1, 2000)
    if r < 0.4: return json.dumps({"name": "x" * random.randint(0, 300), "fromPhoneNumberId": "p" * random.randint(0, 250), "contacts": [{"phone": "+1415555%04d" % random.randint(0, 9999), "d": "x" * random.randint(0, 1000)}], "callingWindow": random.choice([None, {"start": "09:00", "end": "20:00"}, "junk", {"start": "25:00"}, [1]])}).encode()
    if r < 0.5: return json.dumps([{"batchJobId": "bj_x", "contactId": "c", "attempt": random.choice([1, -1, "x", 10**20]), "type": random.choice(["ended", "connected", "x"]), "failureReason": "r" * random.randint(0, 1200)}] * random.randint(1, 3)).encode()
    if r < 0.6: return bytes(random.getrandbits(8) for _ in range(random.randint(1, 500)))
    if r < 0.65: return json.dumps(random.choice([{"phoneNumber": random.choice(["+14155550100", "4155550100", "+1" + "9" * 30, None, 5, "\u0000"]),
                                                    "callsPerSecond": random.choice([0, 0.05, 1, 1000, 1001, "fast", None, 1e308, -1]),
                                                    "dailyCap": random.choice([0, 1, 1000000, 10**12, "x", None, 2.5])},
                                                   {"name": "pool", "fromPhoneNumberIds": random.choice([[], ["a"] * 2, ["p%d" % i for i in range(101)], "a,b", [None], [5]]),
                                                    "callerIdSelection": random.choice(["local", "round_robin", "nearest", 5, None]),
                                                    "stickyCallerId": random.choice([True, "yes", None]), "contacts": [{"phone": "+14155550101"}]}])).encode()
    if r < 0.68: return json.dumps(random.choice([
        {"phoneNumber": random.choice(["+14155550101", "x", None, 5, "+1" + "9" * 40]), "source": random.choice(["form", "", None, "s" * 300, 7]),
         "grantedAt": random.choice([None, "2026-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "yesterday", "+999999999-12-31T23:59:59Z", 5]),
         "text": random.choice([None, "t" * random.randint(0, 2100), "\u0000"])},
        {"name": "c", "fromPhoneNumberId": "p", "requireConsent": random.choice([True, False, "yes", None, 1]),
         "contacts": [{"phone": "+1415555%04d" % random.randint(0, 9999), "priority": random.choice([0, 99, 100, -100, 1.5, "9", "x", None, 1e308]),
                       "region": random.choice(["US-FL", "gb", "Florida", "", None, 5, "X" * 100])}]}])).encode()
    if r < 0.7: return json.dumps({"phoneNumbers": ["+1415555%04d" % i for i in range(random.randint(0, 50))] + ["bad", None, 5, {}], "reason": "r" * random.randint(0, 300)}).encode()
    return json.dumps({"scheduledStartTime": random.choice(["2099-01-01T00:00:00Z", "+200000000-01-01T00:00:00Z", "x", 5]), "timezone": random.choice(["UTC", "x"*100, None])}).encode()
def send(raw):
    s = socket.create_connection((HOST, PORT), timeout=10)
    try:
        s.sendall(raw)
        data = b""
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk: break
            data += chunk
            if b"\r\n\r\n" in data:
                head, _, rest = data.partition(b"\r\n\r\n")
                cl = [l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")]
                if cl and len(rest) >= int(cl[0].split(b":")[1]): break
                if b"transfer-encoding: chunked" in head.lower() and rest.endswith(b"0\r\n\r\n"): break
        return data
    except (ConnectionResetError, BrokenPipeError):
        return b""
    finally:
        s.close()
job = sys.argv[2] if len(sys.argv) > 2 else "bj_none"
stats = {}
bad = []
for i in range(int(sys.argv[3]) if len(sys.argv) > 3 else 2000):
    m = random.choice(methods); p = random.choice(paths).replace("{job}", job)
    q = random.choice(junk)
    if q: p += ("&" if "?" in p else "?") + q
    b = body()
    ct = random.choice(["application/json", "multipart/form-data; boundary=", "multipart/form-data; boundary=xyz", "text/plain", None, "application/json; charset=utf-8"])
    hdrs = "Host: x\r\n" if random.random() > 0.05 else ""
    if random.random() > 0.1: hdrs += "Authorization: Bearer " + (KEY if random.random() > 0.1 else "nope") + "\r\n"
    if ct: hdrs += "Content-Type: " + ct + "\r\n"
    if random.random() < 0.05: hdrs += "Expect: teapot\r\n"
    if random.random() < 0.05: hdrs += "Idempotency-Key: " + "k" * random.randint(0, 300) + "\r\n"
    raw = ("%s %s HTTP/1.1\r\n%sContent-Length: %d\r\nConnection: close\r\n\r\n" % (m, p, hdrs, len(b))).encode() + b
    resp = send(raw)
    if not resp:
        stats["noresp"] = stats.get("noresp", 0) + 1; continue
    line = resp.split(b"\r\n", 1)[0].decode(errors="replace")
    parts = line.split(" ")
    code = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else -1
    stats[code] = stats.get(code, 0) + 1
    head, _, rest = resp.partition(b"\r\n\r\n")
    if code >= 500 or (code >= 400 and m != "HEAD" and b'"success":false' not in rest):
        bad.append((code, m, p[:120], ct, rest[:200]))
print(stats)
for x in bad[:15]: print(x)
print("bad", len(bad))
