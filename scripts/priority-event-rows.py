#!/usr/bin/env python3
"""What is left of the priority gap on SQLite after V13 (ADR 14): the rows each ended attempt adds — `call_event` (the
event's idempotency record) and `contact_attempt` (the timeline) — are keyed (job_id, seq, ...), so a job dialed in
priority order inserts them at scattered places of tables that grow with the campaign. Replayed with Python's sqlite3
(WAL, the engine's 64 MiB cache, no auto-checkpoint): 95 steps of 1,050 ended attempts each, a job whose priorities are
spread over -99..99 (claim order) against one without (upload order), a commit per step.

usage: scripts/priority-event-rows.py
"""
import os, sqlite3, tempfile, time
c = sqlite3.connect(os.path.join(tempfile.mkdtemp(), "e.db"))
c.execute("pragma journal_mode=wal"); c.execute("pragma wal_autocheckpoint=0"); c.execute("pragma cache_size=-65536")
c.execute("create table call_event (job_id text not null, seq integer not null, attempt integer not null, type text not null, primary key (job_id, seq, attempt, type)) without rowid")
c.execute("create table contact_attempt (job_id text not null, seq integer not null, attempt integer not null, started_at integer, ended_at integer, status text, sip integer, error text, dur integer, caller text, disp text, ans text, outcome text, primary key (job_id, seq, attempt)) without rowid")
M = 1_000_000
order = {"j": sorted(range(1, M + 1), key=lambda i: (-((i * 7919) % 199 - 99), i)), "p": list(range(1, M + 1))}
took = {"j": [], "p": []}
for step in range(95):
    for job in ("j", "p"):
        seqs = order[job][step * 1050:(step + 1) * 1050]
        t = time.time()
        c.executemany("insert into call_event values (?, ?, 1, 'ended')", ((job, s) for s in seqs))
        c.executemany("insert into contact_attempt values (?, ?, 1, 1, 2, 'completed', 200, null, 1, 'pn', null, null, null)", ((job, s) for s in seqs))
        c.commit()
        took[job].append(time.time() - t)
for job in ("j", "p"):
    print("%s: inserts of 1,050 ended attempts, first 10 steps %.1f ms, last 10 steps %.1f ms"
          % ("priority order" if job == "j" else "upload order", sum(took[job][:10]) / 10 * 1000, sum(took[job][-10:]) / 10 * 1000))
