#!/usr/bin/env python3
"""Sums a PostgreSQL log written with log_min_duration_statement=0 by statement (parameters folded):
share of the logged time, total ms, count. Usage: python3 scripts/pg-log-top.py /tmp/pgdisp/pg.log [rows]"""
import collections
import re
import sys

PAT = re.compile(r'duration: ([0-9.]+) ms\s+(statement|execute [^:]*|parse [^:]*|bind [^:]*): (.*)')
total, count = collections.Counter(), collections.Counter()
with open(sys.argv[1], errors='replace') as f:
    for line in f:
        m = PAT.search(line)
        if not m:
            continue
        kind = m.group(2).split(' ')[0]
        sql = re.sub(r'\$\d+', '?', m.group(3))
        sql = re.sub(r"'[^']*'", "'x'", sql)
        sql = re.sub(r'\(\?(, \?)+\)', '(?...)', sql)
        key = kind + ': ' + sql[:160]
        total[key] += float(m.group(1))
        count[key] += 1
all_ms = sum(total.values()) or 1
print(f"logged {all_ms:.0f} ms in {sum(count.values())} statements")
for key, ms in total.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 15):
    print(f"{100 * ms / all_ms:5.1f}% {ms:9.0f} ms {count[key]:8d}x  {key}")
