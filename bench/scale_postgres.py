#!/usr/bin/env python3
"""Loads a SQLite database of bench/generate_scale.py (or the demo database of bench/scale_templates.py) into
PostgreSQL for bench/scale (issue 20, item 3): the schema from the application's own migrations, every row by
`COPY … FROM STDIN` (CSV), converted to PostgreSQL's column types.

    python3 bench/scale_postgres.py --binary PATH --sqlite big.sqlite --url postgres://u:p@host/db \\
        [--indexes after|during]

How: the target database's public schema is emptied and `tilgang migrate -y` (DATABASE_URL=the URL) creates the
tables, keys and indexes exactly as the application does. Then, per table, the sqlite3 command-line shell
writes the rows as CSV (`-csv`: NULL unquoted empty, the empty string `""`) straight into `psql`'s `COPY … FROM
STDIN (FORMAT csv, FREEZE)`, in the transaction that truncated the table — no Python per row; the two processes
and the PostgreSQL backend run side by side. The SELECT converts SQLite's storage to each column's type read
from `information_schema.columns`: Fluent's REAL epoch seconds to `timestamptz` text rounded to the microsecond
PostgreSQL keeps (the audit chain seals whole milliseconds in `at_ms`, so nothing sealed changes), 0/1 to
boolean, BLOB to bytea hex, JSON arrays to `text[]` literals, floats with 17 digits; uuid, jsonb and text pass as
text. The foreign keys are dropped before the load and made again after it under the same names (so `migrate
--revert` finds them; every row is checked then); with `--indexes after` (the default; measured faster, see
docs/benchmarks.md) the primary and unique keys and the indexes too. Then ANALYZE. Every table's row count is compared with SQLite's. `_fluent_migrations`
keeps what `migrate` wrote. Prints rows/s per table (stderr) and a JSON summary line last (stdout).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from scale_templates import BENCH_AUDIT_KEY  # noqa: E402

KEEP = {"_fluent_migrations"}


def log(msg: str) -> None:
    print(f"[scale_postgres {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def psql(url: str, sql: str, timeout: float = 3600) -> list[list[str]]:
    """Runs SQL (stops at the first error); the rows of the last statement, fields split on the unit separator."""
    p = subprocess.run(["psql", url, "-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", "-c", sql],
                       capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise SystemExit(f"scale_postgres: psql failed: {p.stderr.strip()[:500]}\n  SQL: {sql[:300]}")
    return [line.split("\x1f") for line in p.stdout.splitlines() if line]


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def timestamp(c: str) -> str:
    """REAL/INTEGER epoch seconds → 'YYYY-MM-DD HH:MM:SS.ffffff+00' (rounded to the microsecond, floor-divided so
    times before 1970 come out right too); text passes as it is."""
    u = f"CAST(round({c} * 1000000) AS INTEGER)"
    frac = f"(({u} % 1000000 + 1000000) % 1000000)"
    return (f"CASE WHEN typeof({c}) IN ('real', 'integer') THEN strftime('%Y-%m-%d %H:%M:%S', ({u} - {frac}) / "
            f"1000000, 'unixepoch') || printf('.%06d+00', {frac}) ELSE {c} END")


def expression(column: str, udt: str) -> str:
    c = quote(column)
    if udt == "timestamptz" or udt == "timestamp":
        return timestamp(c)
    if udt == "bool":
        return f"CASE {c} WHEN 1 THEN 't' WHEN 0 THEN 'f' ELSE {c} END"
    if udt == "bytea":
        return f"CASE WHEN {c} IS NULL THEN NULL ELSE '\\x' || hex({c}) END"
    if udt == "uuid":
        return f"CASE WHEN typeof({c}) = 'blob' THEN lower(hex({c})) ELSE {c} END"
    if udt in ("float4", "float8", "numeric"):
        return f"CASE WHEN typeof({c}) = 'real' THEN printf('%.17g', {c}) ELSE {c} END"
    if udt.startswith("_"):
        # Fluent keeps arrays as JSON text on SQLite; PostgreSQL takes '{"a","b"}' with \ and " escaped.
        element = "'\"' || replace(replace(j.value, '\\', '\\\\'), '\"', '\\\"') || '\"'"
        return (f"CASE WHEN {c} IS NULL THEN NULL ELSE '{{' || coalesce((SELECT group_concat({element}, ',') "
                f"FROM json_each({c}) j), '') || '}}' END")
    return c


def pg_columns(url: str) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, udt in psql(url, "SELECT table_name, column_name, udt_name FROM information_schema.columns "
                                        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"):
        out.setdefault(table, []).append((column, udt))
    return out


def schema_objects(url: str) -> dict[str, list[tuple[str, str, str]]]:
    """(table, name, definition) of the foreign keys, the primary/unique keys and the other indexes."""
    fks = psql(url, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE connamespace = 'public'::regnamespace AND contype = 'f' ORDER BY 1, 2")
    keys = psql(url, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                     "WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u') ORDER BY 1, 2")
    indexes = psql(url, "SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = "
                        "'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = "
                        "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass) ORDER BY 1, 2")
    return {"fks": [tuple(r) for r in fks], "keys": [tuple(r) for r in keys], "indexes": [tuple(r) for r in indexes]}


def drop_schema_objects(url: str, objs: dict, tables: set[str], indexes: bool) -> None:
    """The foreign keys always (tables are truncated and loaded one by one, in any order); the keys and indexes
    of the loaded tables too when they are made after the load."""
    stmts = [f"ALTER TABLE {t} DROP CONSTRAINT {quote(n)};" for t, n, _ in objs["fks"]]
    if indexes:
        stmts += [f"DROP INDEX {quote(n)};" for t, n, _ in objs["indexes"] if t in tables]
        stmts += [f"ALTER TABLE {t} DROP CONSTRAINT {quote(n)};" for t, n, _ in objs["keys"] if t in tables]
    psql(url, "\n".join(stmts))


def copy_table(a, url: str, table: str, columns: list[tuple[str, str]]) -> None:
    select = ", ".join(expression(c, udt) for c, udt in columns)
    names = ", ".join(quote(c) for c, _ in columns)
    reader = subprocess.Popen([a.sqlite3, "-csv", "-bail", "-readonly", a.sqlite,
                               f"SELECT {select} FROM {quote(table)}"], stdout=subprocess.PIPE)
    writer = subprocess.run(["psql", url, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1",
                             "-c", f"TRUNCATE {quote(table)}",
                             "-c", f"COPY {quote(table)} ({names}) FROM STDIN WITH (FORMAT csv, FREEZE)"],
                            stdin=reader.stdout, capture_output=True, text=True, timeout=a.timeout)
    reader.stdout.close()
    reader.wait()
    if reader.returncode != 0 or writer.returncode != 0:
        raise SystemExit(f"scale_postgres: {table}: sqlite3 exit {reader.returncode}, psql exit "
                         f"{writer.returncode}: {writer.stderr.strip()[:500]}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", required=True, help="the tilgang binary (its migrations make the schema)")
    p.add_argument("--sqlite", required=True, help="the SQLite database to load")
    p.add_argument("--url", required=True, help="postgres://… of an existing database; its public schema is replaced")
    p.add_argument("--indexes", choices=("after", "during"), default="after",
                   help="after: drop keys and indexes, load, make them again (default); during: load into them")
    p.add_argument("--sqlite3", default=shutil.which("sqlite3") or "sqlite3", help="the sqlite3 shell")
    p.add_argument("--timeout", type=float, default=4 * 3600)
    a = p.parse_args()
    started = time.monotonic()
    if not shutil.which(a.sqlite3) or not shutil.which("psql"):
        raise SystemExit("scale_postgres: needs the sqlite3 shell and psql (apt: sqlite3 postgresql-client)")

    log("schema: public emptied, then tilgang migrate -y")
    psql(a.url, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    env = dict(os.environ, DATABASE_URL=a.url, TILGANG_AUDIT_KEY=os.environ.get("TILGANG_AUDIT_KEY", BENCH_AUDIT_KEY))
    env.pop("LOG_LEVEL", None)
    m = subprocess.run([a.binary, "migrate", "-y"], env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    if m.returncode != 0:
        raise SystemExit(f"scale_postgres: tilgang migrate failed: {(m.stderr or m.stdout).strip()[-500:]}")

    pg = pg_columns(a.url)
    with sqlite3.connect(f"file:{a.sqlite}?mode=ro", uri=True) as c:
        lite = {t: {r[1] for r in c.execute(f"PRAGMA table_info({quote(t)})")}
                for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite_%'")}
        counts = {t: c.execute(f"SELECT count(*) FROM {quote(t)}").fetchone()[0] for t in lite}
    problems = []
    for t in sorted(t for t in set(lite) - set(pg) if counts[t]):
        problems.append(f"table {t} ({counts[t]} rows) is in SQLite, not in the migrated schema")
    tables = {}
    for t in sorted(set(pg) & set(lite)):
        if t in KEEP:
            continue
        missing = lite[t] - {c for c, _ in pg[t]}
        if missing and counts[t]:
            problems.append(f"{t}: columns {sorted(missing)} are in SQLite, not in PostgreSQL")
        extra = [c for c, _ in pg[t] if c not in lite[t]]
        if extra:
            log(f"{t}: columns {extra} are not in SQLite: left to their defaults")
        tables[t] = [(c, udt) for c, udt in pg[t] if c in lite[t]]
    if problems:
        raise SystemExit("scale_postgres: the SQLite database does not fit this binary's schema:\n  "
                         + "\n  ".join(problems))

    objs = schema_objects(a.url)
    phases = {}
    t0 = time.monotonic()
    drop_schema_objects(a.url, objs, set(tables), a.indexes == "after")
    phases["drop_seconds"] = round(time.monotonic() - t0, 2)

    per_table = {}
    load_started = time.monotonic()
    for t in sorted((t for t in tables if counts[t]), key=lambda t: counts[t]):  # migrate left them empty
        t0 = time.monotonic()
        copy_table(a, a.url, t, tables[t])
        seconds = time.monotonic() - t0
        per_table[t] = {"rows": counts[t], "seconds": round(seconds, 2), "rows_per_second": round(counts[t] / seconds)}
        log(f"{t}: {counts[t]:,} rows in {seconds:.1f} s = {counts[t] / seconds:,.0f} rows/s")
    phases["copy_seconds"] = round(time.monotonic() - load_started, 1)

    if a.indexes == "after":
        t0 = time.monotonic()
        # Keys first (foreign keys need the referenced key), then the other indexes; one statement per object
        # so PostgreSQL builds each with maintenance_work_mem.
        psql(a.url, "SET maintenance_work_mem = '512MB';\n" + "\n".join(
            [f"ALTER TABLE {t} ADD CONSTRAINT {quote(n)} {d};" for t, n, d in objs["keys"] if t in tables]
            + [f"{d};" for t, n, d in objs["indexes"] if t in tables]))
        phases["index_seconds"] = round(time.monotonic() - t0, 1)
        log(f"keys and indexes made again in {phases['index_seconds']} s")
    t0 = time.monotonic()
    psql(a.url, "\n".join(f"ALTER TABLE {t} ADD CONSTRAINT {quote(n)} {d};" for t, n, d in objs["fks"]))
    phases["foreign_key_seconds"] = round(time.monotonic() - t0, 1)
    log(f"foreign keys made again (every row checked) in {phases['foreign_key_seconds']} s")
    t0 = time.monotonic()
    psql(a.url, "ANALYZE")
    phases["analyze_seconds"] = round(time.monotonic() - t0, 1)

    loaded = {r[0]: int(r[1]) for r in psql(a.url, " UNION ALL ".join(
        f"SELECT '{t}', count(*) FROM {quote(t)}" for t in tables))}
    wrong = {t: (counts[t], loaded.get(t)) for t in tables if loaded.get(t) != counts[t]}
    if wrong:
        raise SystemExit(f"scale_postgres: row counts differ (SQLite, PostgreSQL): {wrong}")
    total = sum(counts[t] for t in tables)
    seconds = time.monotonic() - started
    after = schema_objects(a.url)
    for kind in ("fks", "keys", "indexes"):
        if sorted(objs[kind]) != sorted(after[kind]):
            raise SystemExit(f"scale_postgres: {kind} differ after the load: {objs[kind]} != {after[kind]}")
    log(f"{total:,} rows: copy {phases['copy_seconds']} s ({total / max(phases['copy_seconds'], 0.001):,.0f} "
        f"rows/s), {seconds:.0f} s in all (indexes {a.indexes})")
    print(json.dumps({"url": a.url.rsplit("@", 1)[-1], "indexes": a.indexes, "rows": total,
                      "seconds": round(seconds, 1), **phases,
                      "rows_per_second": round(total / max(phases["copy_seconds"], 0.001)), "tables": per_table}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
