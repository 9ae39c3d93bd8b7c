#!/usr/bin/env python3
"""The last step of an embedded add (ADR 14), outside the engine: 100,000 staged rows moved from a TEMP table into a
`contact` table of 1M rows shaped like the engine's (its columns and indexes, WAL, wal_autocheckpoint 0, a 64 MiB cache)
by one insert ... select, then committed — the step call events wait for. ZONE=long stores every NANP zone (727
characters, what a +1 number of an unassigned area code stored before the `@1` form: ADR 9) in each row's timezone.

usage: [ZONE=long] scripts/add-move-replay.py [index to leave out ...]   (status, zone, phone, expiry, prio, zprio, disp)
"""
import os, sqlite3, sys, tempfile, time

ZONES = ("America/Adak&America/Anchorage&America/Anguilla&America/Antigua&America/Barbados&America/Boise&America/Cayman&"
         "America/Chicago&America/Denver&America/Dominica&America/Edmonton&America/Fort_Nelson&America/Grand_Turk&America/Grenada&"
         "America/Halifax&America/Jamaica&America/Juneau&America/Los_Angeles&America/Lower_Princes&America/Montserrat&America/Nassau&"
         "America/New_York&America/North_Dakota/Center&America/Phoenix&America/Port_of_Spain&America/Puerto_Rico&America/Regina&"
         "America/Santo_Domingo&America/St_Johns&America/St_Kitts&America/St_Lucia&America/St_Thomas&America/St_Vincent&"
         "America/Toronto&America/Tortola&America/Vancouver&America/Winnipeg&Atlantic/Bermuda&Pacific/Guam&Pacific/Honolulu&"
         "Pacific/Pago_Pago&Pacific/Saipan#US") if os.environ.get("ZONE") == "long" else "@1#US"
drop = sys.argv[1:]
path = os.path.join(tempfile.mkdtemp(), "move.db")
c = sqlite3.connect(path, isolation_level=None)
for pragma in ("journal_mode=wal", "cache_size=-65536", "wal_autocheckpoint=0", "temp_store=memory", "synchronous=full"):
    c.execute("pragma " + pragma)
c.execute("""create table contact (job_id text not null, seq integer not null, phone_number text not null, contact_data text,
 status text not null, error_code text, attempt_count integer not null, max_attempts integer not null, last_attempt_at integer,
 next_retry_at integer, completed_at integer, room_name text, failure_reason text, call_duration integer, timezone text,
 expires_at integer, priority integer, disposition text, primary key (job_id, seq)) without rowid""")
indexes = {"status": "(job_id, status, seq)", "zone": "(job_id, status, timezone, seq)", "phone": "(job_id, phone_number)",
           "expiry": "(expires_at) where expires_at is not null and status in ('pending', 'queued')",
           "prio": "(job_id, status, priority desc, seq) where priority is not null",
           "zprio": "(job_id, status, timezone, priority desc, seq) where priority is not null",
           "disp": "(job_id, disposition, seq) where disposition is not null"}
for name, columns in indexes.items():
    if name not in drop:
        c.execute("create index contact_%s on contact %s" % (name, columns))
JOB = "bj_0192abcdef01234567890abc"
COLUMNS = "job_id, seq, phone_number, contact_data, status, attempt_count, max_attempts, timezone, expires_at"


def rows(n, offset):
    return ((JOB, offset + i + 1, "+1%03d%07d" % (200 + (offset + i) // 10_000_000, (offset + i) % 10_000_000),
             '{"expiresAt":"2099-01-01T00:00:00Z"}', "pending", 0, 1, ZONES, 4070908800000) for i in range(n))


for k in range(50):
    c.execute("begin")
    c.executemany("insert into contact (%s) values (?,?,?,?,?,?,?,?,?)" % COLUMNS, rows(20000, k * 20000))
    c.execute("commit")
c.execute("pragma wal_checkpoint(truncate)")
c.execute("create temp table staged (job_id text not null, seq integer primary key, phone_number text not null, contact_data text, "
          "status text not null, attempt_count integer not null, max_attempts integer not null, timezone text, expires_at bigint, "
          "priority integer)")
c.execute("begin")
c.executemany("insert into staged (%s) values (?,?,?,?,?,?,?,?,?)" % COLUMNS, ((r[0], r[1] - 1_000_000) + r[2:] for r in rows(100000, 1_000_000)))
c.execute("commit")
t0 = time.time()
c.execute("begin")
c.execute("insert into contact (%s, priority) select %s, priority from staged order by seq" % (COLUMNS, COLUMNS.replace("seq", "seq + 1000000", 1)))
t1 = time.time()
c.execute("commit")
t2 = time.time()
print("zone text %d characters, indexes left out %s: insert-select %.0f ms, commit %.0f ms, WAL %.1f MB"
      % (len(ZONES), drop or "none", (t1 - t0) * 1000, (t2 - t1) * 1000, os.path.getsize(path + "-wal") / 1e6))
