#!/usr/bin/env python3
"""Fills a migrated SQLite database with N audit rows and the cases they seal, computing the real chain.

    bench/fill_audit.py DATABASE.sqlite ROWS [--key KEY]

The rows are what ten years look like from the log's side: mostly reads (`case.read`, a patient key, no seal), and
one case in forty with two sealed steps (`case.submit`, `case.approve`), whose case rows and transitions are stored
too, so `tilgang audit verify` checks both the chain and the seals. Each row's keyed hash is HMAC-SHA256 over the
same canonical payload as `AuditRecord.canonicalPayload`; the head row is MAC'ed as `AuditChain.headMAC`. Written
straight into SQLite (executemany, one transaction), so two million rows take under a minute.
"""
import argparse
import hashlib
import hmac
import sqlite3
import uuid

DEFAULT_KEY = "tilgang-development-audit-key-not-for-production"


def canonical(parts):
    return "|".join(f"{len(p.encode())}:{p}" for p in parts)


def filler(column_type):
    kind = (column_type or "").upper()
    if "INT" in kind or "BOOL" in kind:
        return 0
    if "REAL" in kind or "DOUBLE" in kind or "FLOAT" in kind:
        return 0.0
    return "x"


def template(db, table):
    """A row for `table` with every NOT NULL column filled, to override per row."""
    return {name: filler(kind) for _, name, kind, notnull, default, _ in db.execute(f"PRAGMA table_info({table})")
            if notnull and default is None}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("rows", type=int)
    parser.add_argument("--key", default=DEFAULT_KEY)
    args = parser.parse_args()
    key = args.key.encode()
    mac = lambda text: hmac.new(key, text.encode(), hashlib.sha256).hexdigest()  # noqa: E731

    db = sqlite3.connect(args.database)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    case_row, step_row = template(db, "cases"), template(db, "case_transitions")
    actor = str(uuid.uuid4()).upper()
    base_ms = 1_480_000_000_000  # ten years back
    previous = "0" * 64
    audit, cases, steps = [], [], []
    sequence = 0

    def append(action, case_number, patient_key, detail, at_ms):
        nonlocal previous, sequence
        sequence += 1
        parts = [previous, str(sequence), str(at_ms), actor, "physician", "SI", action, case_number or "",
                 patient_key or "", detail]
        digest = mac(canonical(parts))
        audit.append((str(uuid.uuid4()).upper(), sequence, at_ms, actor, "physician", "SI", action, case_number,
                      patient_key, detail, previous, digest))
        previous = digest

    def flush():
        if cases:
            columns = list(cases[0])
            db.executemany(f"INSERT INTO cases ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           [tuple(c[k] for k in columns) for c in cases])
            cases.clear()
        if steps:
            columns = list(steps[0])
            db.executemany(
                f"INSERT INTO case_transitions ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [tuple(s[k] for k in columns) for s in steps])
            steps.clear()
        db.executemany("INSERT INTO audit_log (id, sequence, at_ms, actor_id, actor_role, actor_trust, action, case_id,"
                       " patient_key, detail, previous_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", audit)
        audit.clear()

    number = 0
    while sequence < args.rows:
        at_ms = base_ms + sequence * 15_000
        if sequence % 40 == 0 and sequence + 2 <= args.rows:
            number += 1
            case_id = str(uuid.uuid4()).upper()
            case_number = f"SI-{2016 + number % 10}-{number:06d}"
            cases.append({**case_row, "id": case_id, "case_number": case_number, "state": "approved",
                          "trust_code": "SI", "retention_years": 10, "version": 3, "chain_version": 2})
            for position, (source, target, action) in enumerate(
                    [("draft", "director", "submit"), ("director", "approved", "approve")], start=1):
                steps.append({**step_row, "id": str(uuid.uuid4()).upper(), "case_id": case_id,
                              "position": position, "from_state": source, "to_state": target, "action": action,
                              "actor_id": actor, "at": at_ms / 1000})
                seal = mac(canonical(["seal", case_id.lower(), str(position), source, target, action, actor.lower(),
                                      ""]))
                append(f"case.{action}", case_number, None, f"{source}->{target} seal:{seal}", at_ms)
        else:
            append("case.read", f"SI-2020-{sequence % 9973:06d}", mac(f"patient|{sequence % 50021:011d}"), "",
                   at_ms)
        if len(audit) >= 50_000:
            flush()
    flush()
    head_mac = mac(f"head|{sequence}|{previous}")
    db.execute("DELETE FROM audit_head WHERE name = 'audit'")
    db.execute("INSERT INTO audit_head (name, sequence, hash, mac) VALUES ('audit', ?, ?, ?)",
               (sequence, previous, head_mac))
    db.commit()
    print(f"{sequence} audit rows, {number} cases with {2 * number} sealed steps")


if __name__ == "__main__":
    main()
