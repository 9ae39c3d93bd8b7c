#!/usr/bin/env python3
"""Why claims in priority order were slow on SQLite, and what the claim-order layout changed (ADR 14): the same
claim-and-update pattern outside the engine, with Python's sqlite3, on a table shaped like `contact` (WAL): 1M rows of a
job whose priorities are spread evenly over -99..99 and 1M rows of a job without, each claimed 1,050 at a time — read in
claim order — then moved to dialing and to completed, a commit each, as the engine does.

usage: [LAYOUT=claim] [PAGE_SIZE=bytes] [STATUS_INDEX=0] scripts/priority-scatter.py [rows] [wal_autocheckpoint pages, default 1000]
LAYOUT=position (the default) is the layout before V13: rows keyed (job_id, seq), status and zone indexes by seq, the
partial priority indexes. LAYOUT=claim is the engine's since V13: rows keyed (job_id, claim_key, seq) with
claim_key = -priority, status and zone indexes with claim_key before seq, a (job_id, seq) index of rows with a claim key
other than 0. The engine's writer runs with wal_autocheckpoint 0 (a background checkpointer copies the WAL: ADR 5) —
pass 0 for its setting. PAGE_SIZE tries another page size (SQLite's default 4096); STATUS_INDEX=0 leaves out the status
index (position layout only).
"""
import os, sqlite3, sys, tempfile, time

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
checkpoint = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
claim_layout = os.environ.get("LAYOUT", "position") == "claim"
path = os.path.join(tempfile.mkdtemp(), "scatter.db")
c = sqlite3.connect(path)
c.execute("pragma page_size=%d" % int(os.environ.get("PAGE_SIZE", "4096")))
c.execute("pragma journal_mode=wal")
c.execute("pragma wal_autocheckpoint=%d" % checkpoint)
c.execute("pragma cache_size=-65536")  # the engine's writer: 64 MiB
status_index = os.environ.get("STATUS_INDEX", "1") != "0" or claim_layout
if claim_layout:
    c.execute("create table contact (job_id text, claim_key integer not null, seq integer, status text, timezone text, "
              "priority integer, data text, primary key (job_id, claim_key, seq)) without rowid")
    c.execute("create unique index contact_job_seq on contact (job_id, seq) where claim_key <> 0")
    c.execute("create index contact_job_status_seq on contact (job_id, status, claim_key, seq)")
    c.execute("create index contact_job_status_zone_seq on contact (job_id, status, timezone, claim_key, seq)")
else:
    c.execute("create table contact (job_id text, claim_key integer not null, seq integer, status text, timezone text, "
              "priority integer, data text, primary key (job_id, seq)) without rowid")
    if status_index:
        c.execute("create index contact_job_status_seq on contact (job_id, status, seq)")
    c.execute("create index contact_job_status_zone_seq on contact (job_id, status, timezone, seq)")
    c.execute("create index contact_job_priority_seq on contact (job_id, status, priority desc, seq) where priority is not null")
    c.execute("create index contact_job_zone_priority_seq on contact (job_id, status, timezone, priority desc, seq) "
              "where priority is not null")
c.executemany("insert into contact values ('j', ?, ?, 'pending', 'z', ?, ?)",
              ((-((i * 7919) % 199 - 99), i, (i * 7919) % 199 - 99, "x" * 150) for i in range(1, rows + 1)))
c.executemany("insert into contact values ('p', 0, ?, 'pending', 'z', null, ?)", ((i, "x" * 150) for i in range(1, rows + 1)))
c.commit()
if claim_layout:  # one query for both jobs; rows updated by their key
    queries = {job: "select claim_key, seq from contact indexed by contact_job_status_seq where job_id = ? and status = 'pending' "
                    "order by claim_key, seq limit ?" for job in ("j", "p")}
    update = "update contact set status = ? where job_id = ? and claim_key = ? and seq = ?"
else:
    queries = {"j": "select null, seq from contact indexed by contact_job_priority_seq where job_id = ? and status = 'pending' "
                    "and priority is not null order by priority desc, seq limit ?",
               "p": "select null, seq from contact %s where job_id = ? and status = 'pending' order by seq limit ?"
                    % ("indexed by contact_job_status_seq" if status_index else "")}
    update = "update contact set status = ? where job_id = ? and seq = ?"
took = {}
for job, q in queries.items():
    t = time.time()
    for _ in range(20):
        claimed = [(job, r[0], r[1]) if claim_layout else (job, r[1]) for r in c.execute(q, (job, 1050)).fetchall()]
        c.executemany(update, (("dialing",) + k for k in claimed))
        c.commit()
        c.executemany(update, (("completed",) + k for k in claimed))
        c.commit()
    took[job] = (time.time() - t) / 20 * 1000
print("claim of 1,050 and its two updates, %d rows per job, %s layout, wal_autocheckpoint %d, page size %s, status index %s: "
      "priority order %.0f ms, upload order %.0f ms (%.1f×)"
      % (rows, "claim-order" if claim_layout else "position", checkpoint, os.environ.get("PAGE_SIZE", "4096"),
         "yes" if status_index else "no", took["j"], took["p"], took["j"] / took["p"]))
