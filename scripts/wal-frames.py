#!/usr/bin/env python3
"""WAL frames each write of a call adds, for a job claimed in priority order against one in upload order (ADR 14, the
rest of the SQLite priority gap): what a commit writes to the WAL is whole pages, so scattered writes cost frames.

The packaged jar creates two 1M-contact jobs (priorities spread over -99..99, and none) on a fresh data directory kept
at /tmp/wr-data (reused by later runs); a copy of its database is then replayed with Python's sqlite3 (WAL, the engine's
64 MiB writer cache, no auto-checkpoint): steps of BATCH (150) contacts per job, each write group in its own transaction
after a truncating checkpoint, so its WAL growth is its frames — the claim, the end, the call events, the attempt rows,
the numbers in a call (in and out) and each number's latest conversation (number_conversation, PRE contacts per job
conversed before, 300,000 by default). Prints frames and median milliseconds per transaction for both jobs.

usage: [BATCH=150] [STEPS=60] [PRE=300000] scripts/wal-frames.py <jar> [contacts per job, default 1000000]
"""
import os, sys, shutil, sqlite3, time, statistics
from jarserver import JarServer
jar = sys.argv[1]; m = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
d = "/tmp/wr-data"
if not os.path.exists(d + "/done"):
    shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
    server = JarServer(jar, 18978, "walreplay-key-000000001", {"BATCHCALL_MAX_CONTACTS_PER_JOB": "2000000"}, heap="512m", data_dir=d)
    def create(name, csv):
        b = "pdboundary"
        fields = {"name": name, "fromPhoneNumberId": "pn_1", "concurrentCallLimit": "1000", "maxAttempts": "1", "scheduledStartTime": "2099-01-01T00:00:00Z"}
        head = "".join("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v) for k, v in fields.items())
        head += "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\nContent-Type: text/csv\r\n\r\n" % b
        return server.call("POST", "/batch/create", head.encode() + csv.encode() + ("\r\n--%s--\r\n" % b).encode(), "multipart/form-data; boundary=" + b)["batchJobId"]
    plain = create("none", "phone\n" + "".join("+1212%07d\n" % i for i in range(m)))
    ranked = create("spread", "phone,priority\n" + "".join("+1646%07d,%d\n" % (i, (i * 7919) % 199 - 99) for i in range(m)))
    server.stop(keep_data=True)
    open(d + "/done", "w").write(plain + " " + ranked)
plain, ranked = open(d + "/done").read().split()
dbf = [f for f in os.listdir(d) if f.endswith(".sqlite") or f.endswith(".db")][0]
shutil.copy(os.path.join(d, dbf), "/tmp/wr.db")
for ext in ("-wal", "-shm"):
    if os.path.exists("/tmp/wr.db" + ext): os.remove("/tmp/wr.db" + ext)
c = sqlite3.connect("/tmp/wr.db", isolation_level=None)
c.execute("pragma journal_mode=wal"); c.execute("pragma wal_autocheckpoint=0"); c.execute("pragma cache_size=-65536")
ps = c.execute("pragma page_size").fetchone()[0]
def frames():
    try: return (os.path.getsize("/tmp/wr.db-wal") - 32) // (ps + 24)
    except FileNotFoundError: return 0
def tx(fn):
    c.execute("pragma wal_checkpoint(truncate)")
    f0 = frames(); t = time.perf_counter(); c.execute("begin immediate"); fn(); c.execute("commit")
    return frames() - f0, time.perf_counter() - t
B = int(os.environ.get("BATCH", "150"))
org = c.execute("select organization_id from batch_job where id = ?", (plain,)).fetchone()[0]
PRE = int(os.environ.get("PRE", "300000"))
t = time.time()
c.execute("begin")
c.execute("insert into number_conversation (organization_id, phone_number, at) select ?, phone_number, 1 from contact where job_id = ? and claim_key < -40", (org, ranked))
c.execute("insert into number_conversation (organization_id, phone_number, at) select ?, phone_number, 1 from contact where job_id = ? and seq <= ?", (org, plain, PRE))
c.execute("commit")
print("prepopulated", c.execute("select count(*) from number_conversation").fetchone()[0], "in %.1f s" % (time.time() - t))
res = {plain: {}, ranked: {}}
now = 1800000000000
for step in range(int(os.environ.get("STEPS", "60"))):
    for job in (ranked, plain):
        rows = c.execute("select claim_key, seq, phone_number from contact indexed by contact_job_status_seq where job_id = ? and status = 'pending' and (claim_key >= -40 or ? <> ?) and (seq > ? or ? <> ?) order by claim_key, seq limit ?", (job, job, ranked, PRE, job, plain, B)).fetchall()
        def claim():
            c.executemany("update contact set status = 'dialing', attempt_count = 1, last_attempt_at = ?, room_name = ?, caller_id = 'pn_1' where job_id = ? and seq = ? and claim_key = ?",
                          [(now, "room-%d-%d" % (k, s), job, s, k) for k, s, _ in rows])
        def end():
            c.executemany("update contact set status = 'completed', completed_at = ?, call_duration = 0 where job_id = ? and seq = ? and claim_key = ?", [(now, job, s, k) for k, s, _ in rows])
        def events():
            c.executemany("insert into call_event (job_id, seq, attempt, type, claim_key) values (?, ?, 1, ?, ?)", [(job, s, t, k) for k, s, _ in rows for t in ("connected", "ended")])
        def attempts():
            c.executemany("insert into contact_attempt (job_id, seq, attempt, started_at, ended_at, status, caller_id, room_name, claim_key) values (?, ?, 1, ?, ?, 'completed', 'pn_1', ?, ?)",
                          [(job, s, now, now, "room-%d-%d" % (k, s), k) for k, s, _ in rows])
        def dialing():
            c.executemany("insert into number_dialing (organization_id, phone_number, job_id, seq) values (?, ?, ?, ?)", [(org, p, job, s) for k, s, p in rows])
        def hungup():
            c.executemany("delete from number_dialing where organization_id = ? and phone_number = ? and job_id = ? and seq = ?", [(org, p, job, s) for k, s, p in rows])
        def conversed():
            c.executemany("insert into number_conversation (organization_id, phone_number, at) values (?, ?, ?) on conflict (organization_id, phone_number) do update set at = max(number_conversation.at, excluded.at)", [(org, p, now) for k, s, p in rows])
        for name, fn in (("claim", claim), ("end", end), ("events", events), ("attempts", attempts), ("dialing", dialing), ("hungup", hungup), ("conversed", conversed)):
            res[job].setdefault(name, []).append(tx(fn))
for name in ("claim", "end", "events", "attempts", "dialing", "hungup", "conversed"):
    r = res[ranked][name][5:]; p = res[plain][name][5:]
    print("%-9s frames/tx ranked %.1f plain %.1f   ms/tx ranked %.2f plain %.2f" % (name, statistics.mean(x[0] for x in r), statistics.mean(x[0] for x in p),
          1000 * statistics.median(x[1] for x in r), 1000 * statistics.median(x[1] for x in p)))
