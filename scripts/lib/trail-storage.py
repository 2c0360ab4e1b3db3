#!/usr/bin/env python3
"""The audit trail's share of a SQLite database: pages of the trail's tables (events and seals, with their
indexes) against the domain data (every other table and its indexes, except Identity's tables, security events, the
outbox, data-protection keys and the migrations history), from dbstat. Usage: trail-storage.py FILE.db"""
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
owner = {name: table for name, table in db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")}
sizes = {}
for name, size in db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
    table = owner.get(name, name)
    sizes[table] = sizes.get(table, 0) + size
trail = {"AuditEvents", "AuditSeals"}
left_out = lambda t: t.startswith("AspNet") or t.startswith("__EF") or t.startswith("sqlite_") or t in {"SecurityEvents", "OutboxMessages", "DataProtectionKeys"}
trail_bytes = sum(s for t, s in sizes.items() if t in trail)
domain_bytes = sum(s for t, s in sizes.items() if t not in trail and not left_out(t))
events = db.execute("SELECT COUNT(*) FROM AuditEvents").fetchone()[0]
seals = db.execute("SELECT COUNT(*) FROM AuditSeals").fetchone()[0]
answers = db.execute("SELECT COUNT(*) FROM ReturnAnswer").fetchone()[0]
returns = db.execute("SELECT COUNT(*) FROM Returns").fetchone()[0]
print(f"{events:,} trail events, {seals:,} seals; {returns:,} returns, {answers:,} answers")
for table, size in sorted(sizes.items(), key=lambda x: -x[1])[:8]:
    print(f"  {table:<24} {size / 1048576:9.1f} MiB")
print(f"Trail (events, seals, their indexes) {trail_bytes / 1048576:.1f} MiB; domain data {domain_bytes / 1048576:.1f} MiB; "
      f"trail / domain = {trail_bytes / domain_bytes:.2f} (target <= 1.5)")
