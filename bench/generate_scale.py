#!/usr/bin/env python3
"""Ten years of national volume for bench/scale (issue 20, item 3): 2.6 million exemption cases (about 6 % agency
applications, 94 % pharmacy notifications, as 2024's 14,600 / 246,300), 200,000 trust cases through every state
of the approval chain with their transitions, and an audit log of 20 million rows that `tilgang audit verify`
accepts — bulk-inserted into SQLite.

    python3 bench/generate_scale.py --binary .build-release/release/tilgang --out /tmp/big.sqlite [--scale 0.1]

How: the schema and one of every row come from the application itself (bench/scale_templates.py: a real server
on a new database, migrations, demo people, real requests). This script then copies that database, removes the
template cases, and clones them over ten years ending today: new ids, case numbers and references per year,
patients from a pool of valid identity numbers (their keyed hashes as the server makes them), times spread over
the years, the older cases decided and the last year's in every state. Every audit row is sealed into the HMAC
chain exactly as Sources/TilgangDomain/Audit/AuditChain.swift does (length-prefixed fields, HMAC-SHA256 with the
run's TILGANG_AUDIT_KEY), every case step's audit row carries its DecisionSeal hash, and the head row is signed.
Reads of cases and exemptions fill the log up to its size. Standard library only; one connection, big
transactions, executemany. Prints rows/s per table and a JSON summary line last.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import hmac
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from scale_templates import BENCH_AUDIT_KEY  # noqa: E402

YEARS = 10
EXEMPTIONS = 2_600_000
AGENCY_SHARE = 14_600 / (14_600 + 246_300)
TRUST_CASES = 200_000
AUDIT_ROWS = 20_000_000
BATCH = 50_000
FINAL_CASE_STATES = [("approved", 0.80), ("refused", 0.10), ("withdrawn", 0.10)]
GENESIS = "0" * 64


def log(msg: str) -> None:
    print(f"[generate_scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Chain:
    """AuditChain.seal and headMAC, DecisionSeal.canonicalPayload, AuditLogService.patientKey."""

    def __init__(self, key: str, sequence: int, last_hash: str):
        self.key = key.encode()
        self.sequence = sequence
        self.hash = last_hash

    def mac(self, payload: str) -> str:
        return hmac.new(self.key, payload.encode(), hashlib.sha256).hexdigest()

    @staticmethod
    def canonical(parts) -> str:
        return "|".join(f"{len(p.encode())}:{p}" for p in parts)

    def seal(self, at_ms: int, actor: str, role: str, trust: str, action: str, case: str | None,
             patient_key: str | None, detail: str) -> tuple:
        self.sequence += 1
        payload = self.canonical((self.hash, str(self.sequence), str(at_ms), actor, role, trust, action, case or "",
                                  patient_key or "", detail))
        previous, self.hash = self.hash, self.mac(payload)
        return (ordered_uuid(3, self.sequence), self.sequence, at_ms, actor, role, trust, action, case, patient_key,
                detail, previous, self.hash)

    def decision_seal(self, case_id: str, position: int, from_state: str, to_state: str, action: str,
                      actor_id: str, on_behalf_of: str | None) -> str:
        return self.mac(self.canonical(("seal", case_id.lower(), str(position), from_state, to_state, action,
                                        actor_id.lower(), (on_behalf_of or "").lower())))

    def head_mac(self) -> str:
        return self.mac(f"head|{self.sequence}|{self.hash}")


_RANDOM_TAIL = random.Random(20).getrandbits(64)


def ordered_uuid(kind: int, n: int) -> str:
    """An id that grows with n (inserts append to the primary-key index), upper case as Fluent stores them."""
    p = f"{kind:02X}{n:012X}{_RANDOM_TAIL:016X}"
    h = p[0:12] + "4" + p[12:15] + "8" + p[15:30]
    return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def valid_nin(born: datetime.date, individual: int) -> str | None:
    digits = [int(c) for c in born.strftime("%d%m%y") + f"{individual:03d}"]

    def check(numbers, weights):
        k = (11 - sum(a * b for a, b in zip(numbers, weights)) % 11) % 11
        return None if k == 10 else k

    k1 = check(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2])
    if k1 is None:
        return None
    k2 = check(digits + [k1], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
    if k2 is None:
        return None
    return "".join(map(str, digits + [k1, k2]))


def patients(chain: Chain, rng: random.Random, count: int) -> list[tuple[str, str, int]]:
    """(identity number, keyed hash, birth year): born 1940–1999 (individual numbers 000–499)."""
    out = []
    while len(out) < count:
        born = datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(60 * 365))
        nin = valid_nin(born, rng.randrange(500))
        if nin:
            out.append((nin, chain.mac("patient|" + nin), born.year))
    return out


def rows(c: sqlite3.Connection, sql: str, *args) -> list[dict]:
    cur = c.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


class Writer:
    """Buffers rows per table and inserts them with executemany; counts rows and time per table."""

    def __init__(self, c: sqlite3.Connection):
        self.c = c
        self.buffers: dict[str, list] = {}
        self.columns: dict[str, list[str]] = {}
        self.counts: dict[str, int] = {}

    def add(self, table: str, columns: list[str], row: tuple) -> None:
        if table not in self.columns:
            self.columns[table] = columns
            self.buffers[table] = []
            self.counts[table] = 0
        buf = self.buffers[table]
        buf.append(row)
        if len(buf) >= BATCH:
            self.flush(table)

    def flush(self, table: str | None = None) -> None:
        for t in [table] if table else list(self.buffers):
            buf = self.buffers[t]
            if not buf:
                continue
            cols = self.columns[t]
            self.c.executemany(
                f'INSERT INTO {t} ({", ".join(chr(34) + x + chr(34) for x in cols)}) '
                f'VALUES ({", ".join("?" * len(cols))})', buf)
            self.counts[t] += len(buf)
            buf.clear()


AUDIT_COLUMNS = ["id", "sequence", "at_ms", "actor_id", "actor_role", "actor_trust", "action", "case_id",
                 "patient_key", "detail", "previous_hash", "hash"]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", required=True, help="the tilgang binary (templates: migrations, demo people)")
    p.add_argument("--out", required=True, help="the SQLite file to write (replaced)")
    p.add_argument("--scale", type=float, default=1.0, help="factor on every count (default 1)")
    p.add_argument("--audit-rows", type=int, help=f"audit rows at scale 1 (default {AUDIT_ROWS:,})")
    p.add_argument("--port", type=int, default=19600, help="port of the template server")
    p.add_argument("--seed", type=int, default=20)
    p.add_argument("--audit-key", default=os.environ.get("TILGANG_AUDIT_KEY", BENCH_AUDIT_KEY))
    a = p.parse_args()
    started = time.monotonic()
    rng = random.Random(a.seed)
    n_exemptions = int(EXEMPTIONS * a.scale)
    n_cases = int(TRUST_CASES * a.scale)
    n_audit = int((a.audit_rows or AUDIT_ROWS) * a.scale)

    template = a.out + ".template.sqlite"
    log("templates: a real server on a new database, one of every row (bench/scale_templates.py)")
    out = subprocess.run([sys.executable, os.path.join(HERE, "scale_templates.py"), "--binary", a.binary, "--out",
                          template, "--port", str(a.port)], check=True, capture_output=True, text=True,
                         env=dict(os.environ, TILGANG_AUDIT_KEY=a.audit_key), timeout=600)
    demo_end = json.loads(out.stdout.strip().splitlines()[-1])["demo_audit_end"]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(a.out + suffix):
            os.remove(a.out + suffix)
    shutil.copyfile(template, a.out)

    c = sqlite3.connect(a.out, isolation_level=None)
    c.execute("PRAGMA journal_mode=OFF")
    c.execute("PRAGMA synchronous=OFF")
    c.execute("PRAGMA cache_size=-1000000")
    c.execute("PRAGMA temp_store=MEMORY")
    users = {u["id"]: u for u in rows(c, "SELECT id, username, role, organisation FROM users")}
    by_name = {u["username"]: u for u in users.values()}
    t_cases = rows(c, "SELECT * FROM cases ORDER BY created_at")
    t_steps = rows(c, 'SELECT * FROM case_transitions ORDER BY case_id, "position"')
    t_exemptions = rows(c, "SELECT * FROM exemptions ORDER BY created_at")
    t_events = rows(c, 'SELECT * FROM exemption_events ORDER BY exemption_id, "position"')
    t_audit = rows(c, "SELECT * FROM audit_log WHERE sequence > ? ORDER BY sequence", demo_end)
    last = c.execute("SELECT sequence, hash FROM audit_log WHERE sequence = ?", (demo_end,)).fetchone()
    chain = Chain(a.audit_key, last[0], last[1])

    steps_of: dict[str, list] = {}
    for s in t_steps:
        steps_of.setdefault(s["case_id"], []).append(s)
    events_of: dict[str, list] = {}
    for e in t_events:
        events_of.setdefault(e["exemption_id"], []).append(e)
    audit_of: dict[str, list] = {}
    for r in t_audit:
        if r["action"] not in ("case.read", "exemption.read"):
            audit_of.setdefault(r["case_id"], []).append(r)
    case_templates: dict[tuple[str, str], list] = {}
    for t in t_cases:
        case_templates.setdefault((t["trust_code"], t["state"]), []).append(t)
    states = sorted({t["state"] for t in t_cases})
    agency_templates: dict[str, list] = {}
    notification_templates = []
    for e in t_exemptions:
        if e["kind"] == "notification":
            notification_templates.append(e)
        else:
            agency_templates.setdefault(e["state"], []).append(e)

    c.execute("BEGIN")
    for table in ("case_transitions", "notices", "mail_outbox", "case_attachments", "cases", "exemption_events",
                  "exemptions", "idempotency_records"):
        c.execute(f"DELETE FROM {table}")
    c.execute("DELETE FROM audit_log WHERE sequence > ?", (demo_end,))
    c.execute("DELETE FROM reference_counters WHERE scope IN ('cases.case_number', 'exemptions.reference')")
    c.execute("COMMIT")

    pool = patients(chain, rng, 50_000)
    w = Writer(c)
    case_cols = list(t_cases[0].keys())
    step_cols = list(t_steps[0].keys())
    ex_cols = list(t_exemptions[0].keys())
    ev_cols = list(t_events[0].keys())
    counters: dict[str, int] = {}
    recent_cases: list[tuple] = []   # (case number, patient key, trust) for reads
    recent_exemptions: list[tuple] = []
    readers = {trust: [by_name[f"{trust.lower()}-{r}"] for r in ("direktor", "divisjonsdirektor", "komite",
                                                                 "avdelingsleder", "lege")] for trust in ("SI", "HB")}
    officer = by_name["dmp-saksbehandler"]

    def next_number(prefix: str) -> str:
        counters[prefix] = counters.get(prefix, 0) + 1
        return prefix + f"{counters[prefix]:06d}"

    def audit(at_ms, actor, role, trust, action, case, key, detail):
        w.add("audit_log", AUDIT_COLUMNS, chain.seal(at_ms, actor, role, trust, action, case, key, detail))

    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    days = YEARS * 365
    start = now - datetime.timedelta(days=days)
    n_case = n_ex = 0
    log(f"bulk: {n_exemptions:,} exemptions, {n_cases:,} trust cases, {n_audit:,} audit rows over {days} days")
    c.execute("BEGIN")
    bulk_started = time.monotonic()
    for day in range(days):
        day_start = (start + datetime.timedelta(days=day)).timestamp()
        age = days - day
        cases_today = (n_cases * (day + 1)) // days - n_case
        ex_today = (n_exemptions * (day + 1)) // days - n_ex
        for _ in range(cases_today):
            n_case += 1
            trust = "SI" if rng.random() < 0.6 else "HB"
            if age > 365:
                r, state = rng.random(), "approved"
                for s, share in FINAL_CASE_STATES:
                    if r < share:
                        state = s
                        break
                    r -= share
            else:
                state = rng.choice(states)
            t = rng.choice(case_templates.get((trust, state)) or case_templates[("SI", state)])
            created = day_start + rng.uniform(7 * 3600, 16 * 3600)
            case_id = ordered_uuid(1, n_case)
            number = next_number(f"{t['trust_code']}-{datetime.datetime.fromtimestamp(created).year}-")
            row = dict(t)
            row.update(id=case_id, case_number=number, created_at=created, state_changed_at=created, purged_at=None)
            key = None
            if t["patient_nin"]:
                nin, key, born = rng.choice(pool)
                row.update(patient_nin=nin, patient_key=key, patient_birth_year=born)
            steps = steps_of.get(t["id"], [])
            when = created
            new_steps = []
            for s in steps:
                when += rng.uniform(0.5, 6) * 86400 * (0.05 if age <= 30 else 1)
                step = dict(s)
                step.update(id=ordered_uuid(2, n_case * 64 + s["position"]), case_id=case_id,
                            at=min(when, now.timestamp() - 60))
                new_steps.append(step)
            if new_steps:
                row["state_changed_at"] = new_steps[-1]["at"]
                if row["decided_at"] is not None:
                    row["decided_at"] = new_steps[-1]["at"]
            w.add("cases", case_cols, tuple(row[k] for k in case_cols))
            for step in new_steps:
                w.add("case_transitions", step_cols, tuple(step[k] for k in step_cols))
            # Its audit rows: the creation, then one per step with the step's seal.
            seq_steps = iter(new_steps)
            for r in audit_of.get(t["case_number"], []):
                at_ms = int(created * 1000)
                detail = r["detail"]
                if "seal:" in detail:
                    step = next(seq_steps)
                    at_ms = int(step["at"] * 1000)
                    seal = chain.decision_seal(case_id, step["position"], step["from_state"], step["to_state"],
                                               step["action"], step["actor_id"], step["on_behalf_of_id"])
                    detail = detail.split(" seal:")[0] + " seal:" + seal
                audit(at_ms, r["actor_id"], r["actor_role"], r["actor_trust"], r["action"], number, key, detail)
            if state != "draft":
                recent_cases.append((number, key, trust))
        for _ in range(ex_today):
            n_ex += 1
            created = day_start + rng.uniform(7 * 3600, 20 * 3600)
            if rng.random() < AGENCY_SHARE:
                if age > 60:
                    state = "approved" if rng.random() < 0.8 else "refused"
                else:
                    state = rng.choice(sorted(agency_templates))
                t = rng.choice(agency_templates[state])
                prefix = "DMP"
            else:
                t = rng.choice(notification_templates)
                prefix = "NOT"
            ex_id = ordered_uuid(4, n_ex)
            created_day = datetime.datetime.fromtimestamp(created).date()
            reference = next_number(f"{prefix}-{created_day.year}-")
            nin, key, born = rng.choice(pool)
            row = dict(t)
            row.update(id=ex_id, reference=reference, created_at=created, patient_nin=nin, patient_key=key,
                       valid_from=created_day.isoformat(),
                       valid_until=(created_day + datetime.timedelta(days=90)).isoformat())
            when = created
            new_events = []
            for e in events_of.get(t["id"], []):
                if e["position"] > 1:
                    when += rng.uniform(1, 20) * 86400 * (0.05 if age <= 30 else 1)
                ev = dict(e)
                ev.update(id=ordered_uuid(5, n_ex * 16 + e["position"]), exemption_id=ex_id,
                          at=min(when, now.timestamp() - 60))
                new_events.append(ev)
            if row["decided_on"]:
                row["decided_on"] = datetime.datetime.fromtimestamp(new_events[-1]["at"]).date().isoformat()
            w.add("exemptions", ex_cols, tuple(row[k] for k in ex_cols))
            for ev in new_events:
                w.add("exemption_events", ev_cols, tuple(ev[k] for k in ev_cols))
            ev_iter = iter(new_events)
            for r in audit_of.get(t["reference"], []):
                ev = next(ev_iter, None)
                at_ms = int((ev["at"] if ev else created) * 1000)
                audit(at_ms, r["actor_id"], r["actor_role"], r["actor_trust"], r["action"], reference, key,
                      r["detail"])
            recent_exemptions.append((reference, key, t["submitted_by_organisation"]))
        # Reads fill the log up to its size, spread evenly over the days left.
        written = chain.sequence - demo_end
        reads = max(0, (n_audit - written) // (days - day))
        del recent_cases[:-20_000]
        del recent_exemptions[:-20_000]
        for i in range(reads):
            at_ms = int((day_start + 7 * 3600 + i * (10 * 3600 / max(reads, 1))) * 1000)
            if recent_cases and (i % 4 == 0 or not recent_exemptions):
                number, key, trust = recent_cases[rng.randrange(len(recent_cases))]
                u = rng.choice(readers[trust])
                audit(at_ms, u["username"], u["role"], u["organisation"], "case.read", number, key, "")
            elif recent_exemptions:
                reference, key, _ = recent_exemptions[rng.randrange(len(recent_exemptions))]
                audit(at_ms, officer["username"], officer["role"], officer["organisation"], "exemption.read",
                      reference, key, "")
        if day % 365 == 364:
            w.flush()
            c.execute("COMMIT")
            c.execute("BEGIN")
            elapsed = time.monotonic() - bulk_started
            log(f"year {day // 365 + 1}: {n_case:,} cases, {n_ex:,} exemptions, {chain.sequence:,} audit rows, "
                f"{elapsed:.0f} s ({(chain.sequence - demo_end) / elapsed:,.0f} audit rows/s)")
    w.flush()
    c.execute("UPDATE audit_head SET sequence = ?, hash = ?, mac = ? WHERE name = 'audit'",
              (chain.sequence, chain.hash, chain.head_mac()))
    for prefix, number in counters.items():
        scope = "cases.case_number" if prefix[:3] in ("SI-", "HB-") else "exemptions.reference"
        c.execute("INSERT INTO reference_counters (scope, prefix, last_number) VALUES (?, ?, ?)",
                  (scope, prefix, number))
    c.execute("COMMIT")
    bulk = time.monotonic() - bulk_started
    c.execute("PRAGMA journal_mode=WAL")
    c.close()
    total = sum(w.counts.values())
    for table, count in w.counts.items():
        log(f"{table}: {count:,} rows")
    summary = {"database": a.out, "scale": a.scale, "exemptions": w.counts.get("exemptions", 0),
               "agency_applications": sum(1 for _ in ()), "cases": w.counts.get("cases", 0),
               "case_transitions": w.counts.get("case_transitions", 0),
               "exemption_events": w.counts.get("exemption_events", 0), "audit_rows": chain.sequence,
               "bulk_seconds": round(bulk, 1), "rows_per_second": round(total / bulk),
               "total_seconds": round(time.monotonic() - started, 1),
               "bytes": os.path.getsize(a.out)}
    del summary["agency_applications"]
    log(f"{total:,} rows in {bulk:.0f} s: {total / bulk:,.0f} rows/s")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
