#!/usr/bin/env python3
"""Why claims in priority order are slow on SQLite (ADR 14): the same claim-and-update pattern outside the engine, with
Python's sqlite3, on a table shaped like `contact` (clustered by (job_id, seq), WAL): 1M rows of a job whose priorities
are spread evenly over -99..99 and 1M rows of a job without, each claimed 1,050 at a time — read by the priority index or
by (job_id, status, seq) — then moved to dialing and to completed, a commit each, as the engine does.

usage: [PAGE_SIZE=bytes] [STATUS_INDEX=0] scripts/priority-scatter.py [rows] [wal_autocheckpoint pages, default 1000]
The engine's writer runs with wal_autocheckpoint 0 (a background checkpointer copies the WAL: ADR 5) — pass 0 for its
setting. PAGE_SIZE tries another page size (SQLite's default 4096); STATUS_INDEX=0 leaves out (job_id, status, seq).
"""
import os, sqlite3, sys, tempfile, time

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
checkpoint = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
path = os.path.join(tempfile.mkdtemp(), "scatter.db")
c = sqlite3.connect(path)
c.execute("pragma page_size=%d" % int(os.environ.get("PAGE_SIZE", "4096")))
c.execute("pragma journal_mode=wal")
c.execute("pragma wal_autocheckpoint=%d" % checkpoint)
c.execute("pragma cache_size=-65536")  # the engine's writer: 64 MiB
c.execute("create table contact (job_id text, seq integer, status text, timezone text, priority integer, data text, "
          "primary key (job_id, seq)) without rowid")
status_index = os.environ.get("STATUS_INDEX", "1") != "0"
if status_index:
    c.execute("create index contact_job_status_seq on contact (job_id, status, seq)")
c.execute("create index contact_job_priority_seq on contact (job_id, status, priority desc, seq) where priority is not null")
c.executemany("insert into contact values ('j', ?, 'pending', 'z', ?, ?)", ((i, (i * 7919) % 199 - 99, "x" * 150) for i in range(1, rows + 1)))
c.executemany("insert into contact values ('p', ?, 'pending', 'z', null, ?)", ((i, "x" * 150) for i in range(1, rows + 1)))
c.commit()
queries = {"j": "select seq from contact indexed by contact_job_priority_seq where job_id = ? and status = 'pending' "
                "and priority is not null order by priority desc, seq limit ?",
           "p": "select seq from contact %s where job_id = ? and status = 'pending' order by seq limit ?"
                % ("indexed by contact_job_status_seq" if status_index else "")}
took = {}
for job, q in queries.items():
    t = time.time()
    for _ in range(20):
        claimed = [(job, r[0]) for r in c.execute(q, (job, 1050)).fetchall()]
        c.executemany("update contact set status = 'dialing' where job_id = ? and seq = ?", claimed)
        c.commit()
        c.executemany("update contact set status = 'completed' where job_id = ? and seq = ?", claimed)
        c.commit()
    took[job] = (time.time() - t) / 20 * 1000
print("claim of 1,050 and its two updates, %d rows per job, wal_autocheckpoint %d, page size %s, status index %s: priority order "
      "%.0f ms, upload order %.0f ms (%.1f×)" % (rows, checkpoint, os.environ.get("PAGE_SIZE", "4096"), "yes" if status_index else "no",
                                                took["j"], took["p"], took["j"] / took["p"]))
