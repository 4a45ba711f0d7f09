#!/usr/bin/env python3
"""Runs bench/scale (issue 20, item 3): every role's work lists and searches, case pages, the agency's exemption
queue and search, and the statistics (with two years of a national register extract imported into the demo
database and ten into the big one), on ten years of national data and on the demo data, in one run; then
`tilgang audit verify`, the next case number, `tilgang retention run` (with a write made while it runs) and a
migration on the big data. On SQLite, on PostgreSQL, or on both (`--databases sqlite,postgres`): PostgreSQL gets
the same data, the generated SQLite files loaded by bench/scale_postgres.py into databases tilgang_scale_demo and
tilgang_scale_big (scripts/postgres-fresh-db: made again each run, left for inspection afterwards).

    python3 bench/scale_run.py --binary .build-release/release/tilgang [--scale 1] [--duration 10]
        [--databases sqlite,postgres] [--skip-endpoints | --skip-commands]

Per endpoint, wrk at 64 connections gives p50 and p99, and the server process's CPU time (utime + stime from
/proc/<pid>/stat, before and after) divided by the requests answered gives CPU per request, on the big and the
demo database under the same settings. Goals: p99 < 50 ms on the big database; CPU per request at most 1.5 × the
demo database's (on PostgreSQL the server's and every PostgreSQL process's CPU). Prints one table per database
with PASS/FAIL per goal, then the commands' figures; exit 0 when every goal passes, 1 when one fails, 2 when the
harness fails. Raw wrk output, server logs and results.json stay in --workdir.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import http.cookiejar
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import load_run  # noqa: E402  (Server, wrk, CPU accounting)
import load_setup  # noqa: E402
import scale_postgres  # noqa: E402  (psql)
from scale_templates import BENCH_AUDIT_KEY  # noqa: E402

P99_LIMIT_MS = 50.0
CPU_RATIO_MAX = 1.5
CONNECTIONS = 64


def log(msg: str) -> None:
    print(f"[bench/scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def lua(value) -> str:
    return load_setup.lua(value)


# ---------------------------------------------------------------- databases

class Database:
    """One database under test: its URL for the server and the commands, and plain SQL on it for the harness."""

    def __init__(self, kind: str, url: str):
        self.kind = kind
        self.url = url

    @property
    def path(self) -> str:
        return self.url[len("sqlite://"):]

    def query(self, sql: str) -> list[tuple]:
        """Rows of one statement (committed); PostgreSQL's values come back as text."""
        if self.kind == "sqlite":
            with sqlite3.connect(self.path) as c:
                return c.execute(sql).fetchall()
        return [tuple(r) for r in scale_postgres.psql(self.url, sql)]


TITLES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def generator_digest() -> str:
    """The cached big database is reused while the generator and its templates are unchanged."""
    h = hashlib.sha256()
    for name in ("generate_scale.py", "scale_templates.py", "load_setup.py"):
        with open(os.path.join(HERE, name), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:12]


def generated_database(a, scale: float, audit_rows, name: str, workdir: str) -> tuple[str, dict, str]:
    """bench/generate_scale.py's database at `scale`, cached by its parameters and the generator's source, copied
    into `workdir` as `name`; (copy, generator summary, cached file)."""
    os.makedirs(a.cache, exist_ok=True)
    cached = os.path.join(a.cache, f"scale-{scale:g}-{audit_rows or 'default'}-{generator_digest()}.sqlite")
    info_path = cached + ".json"
    if not (os.path.exists(cached) and os.path.exists(info_path)):
        log(f"generating the {name} database (scale {scale:g}) into {cached}")
        cmd = [sys.executable, os.path.join(HERE, "generate_scale.py"), "--binary", a.binary, "--out", cached,
               "--scale", str(scale), "--port", str(a.port + 1)]
        if audit_rows:
            cmd += ["--audit-rows", str(audit_rows)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, timeout=6 * 3600)
        if p.returncode != 0:
            raise SystemExit(2)
        with open(info_path, "w") as f:
            f.write(p.stdout.strip().splitlines()[-1])
    else:
        log(f"reusing {cached}")
    with open(info_path) as f:
        info = json.load(f)
    work = os.path.join(workdir, f"{name}.sqlite")
    copy_sqlite(cached, work)
    return work, info, cached


def big_database(a, workdir: str) -> tuple[str, dict, str]:
    return generated_database(a, a.scale, a.audit_rows, "big", workdir)


def postgres_database(a, name: str, sqlite_path: str, workdir: str) -> tuple[str, dict]:
    """A new PostgreSQL database `name` (scripts/postgres-fresh-db) loaded from a SQLite file; (URL, load summary)."""
    url = subprocess.run([os.path.join(REPO, "scripts", "postgres-fresh-db"), name], check=True,
                         stdout=subprocess.PIPE, text=True, timeout=900).stdout.strip().splitlines()[-1]
    log(f"loading {os.path.basename(sqlite_path)} into PostgreSQL {name} (bench/scale_postgres.py)")
    with open(os.path.join(workdir, f"load-{name}.log"), "w") as err:
        p = subprocess.run([sys.executable, os.path.join(HERE, "scale_postgres.py"), "--binary", a.binary,
                            "--sqlite", sqlite_path, "--url", url], stdout=subprocess.PIPE, stderr=err, text=True,
                           timeout=6 * 3600)
    if p.returncode != 0:
        log(f"loading into {name} failed: see {err.name}")
        raise SystemExit(2)
    return url, json.loads(p.stdout.strip().splitlines()[-1])


def copy_sqlite(src: str, dst: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(src, dst)


def demo_database(a, workdir: str) -> str:
    """The database the big one is compared with: the demo people and catalogue with, by default, a tenth of the
    ten years (--demo-scale 0.1: 20,000 trust cases, 260,000 exemptions, two million audit rows), the least that
    fills every list's first page (100 rows) as on the big database, so CPU per request compares like with like
    and the ratio is the cost of ten times the data. The bare
    demo data (--demo-scale 0: one case in every state, a few exemptions) fills no page: its lists answer one row
    where the big database's answer a hundred, which is not the data's growth."""
    if a.demo_scale > 0:
        return generated_database(a, a.demo_scale, None, "demo", workdir)[0]
    path = os.path.join(workdir, "demo.sqlite")
    subprocess.run([sys.executable, os.path.join(HERE, "scale_templates.py"), "--binary", a.binary, "--out", path,
                    "--port", str(a.port + 2)], check=True, stdout=subprocess.DEVNULL, timeout=600)
    return path


def extract_files(a) -> tuple[str, str]:
    """Register extracts for the statistics page, cached by bench/generate_extract.py's source: the agency's two
    years (2023-2024) for the demo database, and the same rows over ten years (2015-2024, each pair of years a
    copy of those two) for the big one, so /statistikk is measured on a year's national extract and on ten."""
    os.makedirs(a.cache, exist_ok=True)
    with open(os.path.join(HERE, "generate_extract.py"), "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    two = os.path.join(a.cache, f"extract-2y-{digest}.csv")
    ten = os.path.join(a.cache, f"extract-10y-{digest}.csv")
    if not os.path.exists(two):
        log(f"generating the register extract {two}")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_extract.py"), "--out", two + ".tmp"],
                       check=True, stdout=subprocess.DEVNULL, timeout=3600)
        os.replace(two + ".tmp", two)
    if not os.path.exists(ten):
        log(f"writing ten years of it into {ten}")
        with open(two, encoding="utf-8") as src, open(ten + ".tmp", "w", encoding="utf-8") as dst:
            header = src.readline()
            dst.write(header)
            for shift in (-8, -6, -4, -2, 0):
                src.seek(0)
                src.readline()
                for line in src:
                    year, rest = line.split(",", 1)  # the year is the first field, never quoted
                    dst.write(f"{int(year) + shift},{rest}")
        os.replace(ten + ".tmp", ten)
    return two, ten


def import_extract(a, db: Database, path: str, workdir: str) -> None:
    """`tilgang import extract` into one database under test, as an operator would."""
    env = dict(os.environ, DATABASE_URL=db.url)
    with open(os.path.join(workdir, "import-extract.log"), "a") as out:
        p = subprocess.run([a.binary, "import", "extract", path], env=env, stdout=out, stderr=out,
                           timeout=3600)
    if p.returncode != 0:
        log(f"importing {path} into {db.url} failed: see {out.name}")
        raise SystemExit(2)


# ---------------------------------------------------------------- sign-in and the endpoints

def page_session(base: str, username: str) -> str:
    """Signs in through the login form (CSRF token from the page); returns the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/logg-inn", timeout=30).read().decode()
    csrf = html.unescape(re.search(r'name="csrf" value="([^"]*)"', page).group(1))
    body = urllib.parse.urlencode({"csrf": csrf, "username": username, "password": load_setup.PASSWORD}).encode()
    opener.open(urllib.request.Request(base + "/logg-inn", data=body, method="POST"), timeout=30).read()
    cookies = [f"{c.name}={c.value}" for c in jar if c.name == "tilgang-session"]
    if not cookies:
        raise SystemExit(f"bench/scale: page sign-in as {username} gave no session")
    return "; ".join(cookies)


def sample_ids(db: Database) -> dict:
    """Case ids for the case pages: cases the directors may read (not drafts), newest and oldest."""
    ids = {}
    for trust in ("SI", "HB"):
        newest = db.query(f"SELECT id FROM cases WHERE trust_code = '{trust}' AND state != 'draft' "
                          "ORDER BY created_at DESC LIMIT 10")
        oldest = db.query(f"SELECT id FROM cases WHERE trust_code = '{trust}' AND state != 'draft' "
                          "ORDER BY created_at LIMIT 10")
        ids[trust] = [r[0] for r in newest + oldest]
    ids["exemption"] = [r[0] for r in db.query(
        "SELECT id FROM exemptions WHERE kind = 'agency_application' ORDER BY created_at DESC LIMIT 10")]
    ids["year"] = db.query("SELECT substr(max(case_number), 4, 4) FROM cases")[0][0]
    return ids


def endpoints(base: str, ids: dict, year_ago: str) -> list[tuple[str, list[dict]]]:
    """(name, requests): the same list for both databases. API calls carry bearer tokens, pages a session."""
    tokens, cookies = {}, {}

    def api(user: str, path: str) -> dict:
        if user not in tokens:
            s, b = load_setup.http(base, "POST", "/api/v1/auth/token", {"username": user,
                                                                         "password": load_setup.PASSWORD})
            tokens[user] = load_setup.expect(s, b, 200, f"sign in {user}")["token"]
        return {"method": "GET", "path": path, "headers": {"Authorization": f"Bearer {tokens[user]}"}}

    def page(user: str, path: str) -> dict:
        if user not in cookies:
            cookies[user] = page_session(base, user)
        return {"method": "GET", "path": path, "headers": {"Cookie": cookies[user], "Accept": "text/html"}}

    q = urllib.parse.quote
    out = [
        ("API todo: physician", [api("si-lege", "/api/v1/cases?list=todo")]),
        ("API todo: department head", [api("si-avdelingsleder", "/api/v1/cases?list=todo")]),
        ("API todo: division director", [api("si-divisjonsdirektor", "/api/v1/cases?list=todo")]),
        ("API todo: committee member", [api("si-komite", "/api/v1/cases?list=todo")]),
        ("API todo: medical director", [api("si-direktor", "/api/v1/cases?list=todo")]),
        ("API unit: medical director", [api("si-direktor", "/api/v1/cases?list=unit")]),
        ("API decided: medical director", [api("hb-direktor", "/api/v1/cases?list=decided")]),
        ("API todo: admin", [api("si-admin", "/api/v1/cases?list=todo")]),
        ("API search: case number", [api("si-direktor", f"/api/v1/cases?list=unit&q={q(year_ago)}")]),
        ("API search: medicine", [api("si-direktor", "/api/v1/cases?list=unit&q=mabthera")]),
        ("API search: no match", [api("si-direktor", "/api/v1/cases?list=unit&q=finnesikke")]),
        ("API case", [api("si-direktor", f"/api/v1/cases/{i}") for i in ids["SI"]]
         + [api("hb-direktor", f"/api/v1/cases/{i}") for i in ids["HB"]]),
        ("page /saker: physician", [page("si-lege", "/saker")]),
        ("page /saker: medical director", [page("si-direktor", "/saker")]),
        ("page /saker search: director", [page("si-direktor", f"/saker?liste=unit&q={q(year_ago)}")]),
        ("page case", [page("si-direktor", f"/saker/{i}") for i in ids["SI"]]),
        ("API exemption queue: DMP", [api("dmp-saksbehandler", "/api/v1/exemptions?list=todo")]),
        ("API exemption search: DMP", [api("dmp-saksbehandler", "/api/v1/exemptions?list=all&q=prednisolon")]),
        ("API exemptions: pharmacist", [api("si-farmasoyt", "/api/v1/exemptions?list=all")]),
        ("page /fritak: DMP", [page("dmp-saksbehandler", "/fritak")]),
        ("API exemption counts: DMP", [api("dmp-saksbehandler", "/api/v1/exemptions/counts")]),
        ("page /statistikk", [page("si-direktor", "/statistikk")]),
    ]
    if ids["exemption"]:
        out.append(("API exemption: DMP", [api("dmp-saksbehandler", f"/api/v1/exemptions/{i}")
                                           for i in ids["exemption"]]))
    return out


def check_statuses(base: str, eps) -> dict[str, int]:
    """Each endpoint's first request answered once before the load (anything but 200 is reported)."""
    statuses = {}
    for name, reqs in eps:
        r = reqs[0]
        req = urllib.request.Request(base + r["path"], headers=r["headers"])
        try:
            with urllib.request.urlopen(req, timeout=120) as res:
                statuses[name] = res.status
        except urllib.error.HTTPError as e:
            statuses[name] = e.code
        except OSError as e:  # a dropped connection or a timeout: reported, and the load still runs
            log(f"{name}: {type(e).__name__}: {e}")
            statuses[name] = 0
    return statuses


# ---------------------------------------------------------------- one database

def measure(a, db_name: str, db: Database, workdir: str, year_ago: str) -> dict:
    dbdir = os.path.join(workdir, db.kind, db_name)
    os.makedirs(dbdir, exist_ok=True)
    port = load_run.free_port(a.port + (10 if db_name == "big" else 20) + (5 if db.kind == "postgres" else 0))
    server = load_run.Server(a.binary, db.url, port, os.path.join(dbdir, "server.log"))
    result = {"db": db_name, "endpoints": {}}
    try:
        if not server.wait_healthy(a.start_timeout):
            result["failed"] = f"server did not become healthy (see {server.log_path})"
            return result
        eps = endpoints(server.base, sample_ids(db), year_ago)
        result["statuses"] = check_statuses(server.base, eps)
        raw = os.path.join(dbdir, "wrk")
        os.makedirs(raw, exist_ok=True)
        wrk_args = argparse.Namespace(threads=2, wrk_timeout=a.wrk_timeout)
        for name, reqs in eps:
            data = os.path.join(dbdir, re.sub(r"[^a-z0-9]+", "-", name.lower()) + ".lua")
            with open(data, "w", encoding="utf-8") as f:
                f.write("return " + lua({"requests": reqs}) + "\n")
            r = load_run.run_wrk(wrk_args, name, "scale.lua", server.base + "/", CONNECTIONS, a.duration, data,
                                 None, raw, server, f"{db.kind} {db_name}", None)
            result["endpoints"][name] = r
            # A slow endpoint leaves requests queued when wrk stops; the next one starts on an idle server.
            load_run.wait_idle(server, 300)
    finally:
        server.stop()
    return result


# ---------------------------------------------------------------- the commands on the big database

def timed(cmd: list[str], env: dict, timeout: float) -> dict:
    """Wall time, exit code, max RSS (GNU time -v) and the last lines of output."""
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, env=env, capture_output=True, text=True, timeout=timeout,
                       cwd=REPO)
    seconds = time.monotonic() - t0
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    output = (p.stdout.strip().splitlines() or [""])
    return {"seconds": round(seconds, 1), "exit": p.returncode, "max_rss_mb": round(int(rss.group(1)) / 1024)
            if rss else None, "output": output[:3] + (["…"] if len(output) > 3 else []),
            "stderr_tail": [ln for ln in p.stderr.splitlines() if "Command being timed" not in ln
                            and not ln.startswith("\t")][-3:]}


def next_case_number(db: Database, base: str, token: str) -> dict:
    """A case submitted through the API gets the number after the last one of its prefix (reference_counters
    carried over from the generator, or the loader), and no other case has it."""
    s, b = load_setup.http(base, "POST", "/api/v1/cases", load_setup.draft("SI", load_setup.PATIENTS[0]), token)
    if s != 201:
        return {"ok": False, "text": f"create: {s} {str(b)[:120]}"}
    number = b.get("caseNumber", "")
    prefix, _, n = number.rpartition("-")
    before = db.query(f"SELECT max(case_number) FROM cases WHERE case_number LIKE '{prefix}-%' "
                      f"AND case_number != '{number}'")[0][0]
    same = int(db.query(f"SELECT count(*) FROM cases WHERE case_number = '{number}'")[0][0])
    expected = f"{prefix}-{int(before.rpartition('-')[2]) + 1:0{len(n)}d}" if before else f"{prefix}-{1:0{len(n)}d}"
    return {"ok": number == expected and same == 1, "number": number, "after": before, "expected": expected,
            "text": f"{number} after {before}" + ("" if same == 1 else f" ({same} cases have it)")}


def commands(a, db: Database, info: dict, workdir: str) -> dict:
    env = dict(os.environ, DATABASE_URL=db.url, TILGANG_AUDIT_KEY=BENCH_AUDIT_KEY)
    env.pop("LOG_LEVEL", None)
    out = {}
    rows = int(db.query("SELECT count(*) FROM audit_log")[0][0])
    log(f"{db.kind}: tilgang audit verify on {rows:,} audit rows")
    v = timed([a.binary, "audit", "verify"], env, a.command_timeout)
    v["rows"] = rows
    v["rows_per_s"] = round(rows / v["seconds"]) if v["seconds"] else None
    out["audit verify"] = v

    log(f"{db.kind}: the next case number; tilgang retention run, with a case created through a server on the same "
        "database while it runs")
    port = load_run.free_port(a.port + 30 + (5 if db.kind == "postgres" else 0))
    server = load_run.Server(a.binary, db.url, port, os.path.join(workdir, db.kind, "retention-server.log"))
    writes: list[float] = []
    failures: list[str] = []
    try:
        if not server.wait_healthy(a.start_timeout):
            out["retention run"] = {"failed": "server did not start"}
            return out
        s, b = load_setup.http(server.base, "POST", "/api/v1/auth/token", {"username": "si-lege",
                                                                            "password": load_setup.PASSWORD})
        token = load_setup.expect(s, b, 200, "sign in")["token"]
        out["next case number"] = next_case_number(db, server.base, token)
        stop = threading.Event()

        def writer():
            while not stop.is_set():
                t0 = time.monotonic()
                s, b = load_setup.http(server.base, "POST", "/api/v1/cases",
                                       load_setup.draft("SI", load_setup.PATIENTS[0]), token)
                writes.append(time.monotonic() - t0)
                if s != 201:
                    failures.append(f"{s} {str(b)[:120]}")
                time.sleep(0.2)

        thread = threading.Thread(target=writer, daemon=True)
        thread.start()
        time.sleep(1)
        before = len(writes)
        r = timed([a.binary, "retention", "run"], env, a.command_timeout)
        during = writes[before:]
        stop.set()
        thread.join(60)
        r["output"] = r["output"][:1]
        r["writes_during"] = len(during)
        r["write_max_ms"] = round(max(during) * 1000) if during else None
        r["write_p50_ms"] = round(sorted(during)[len(during) // 2] * 1000) if during else None
        r["write_failures"] = failures[:3]
        out["retention run"] = r
    finally:
        server.stop()

    log(f"{db.kind}: migration: the newest migration reverted and applied again (tilgang migrate --revert, then "
        "migrate)")
    out["migration"] = migration(a, db, env)
    return out


def migration(a, db: Database, env: dict) -> dict:
    """Times `tilgang migrate` of the last batch on a copy: Fluent's --revert undoes the last batch (here the
    migrations the server ran on its first start beyond the generator's, or the newest one we mark as new)."""
    # The newest applied: SQLite's insertion order (rowid); PostgreSQL has none, its rows' creation times are.
    order = "rowid" if db.kind == "sqlite" else "created_at"
    last = db.query(f"SELECT name, batch FROM _fluent_migrations ORDER BY batch DESC, {order} DESC LIMIT 1")[0]
    name = last[0].replace("'", "''")
    db.query("UPDATE _fluent_migrations SET batch = (SELECT max(batch) FROM _fluent_migrations) + 1 "
             f"WHERE name = '{name}'")
    revert = timed([a.binary, "migrate", "--revert", "-y"], env, a.command_timeout)
    apply = timed([a.binary, "migrate", "-y"], env, a.command_timeout)
    return {"migration": last[0], "revert_seconds": revert["seconds"], "revert_exit": revert["exit"],
            "apply_seconds": apply["seconds"], "apply_exit": apply["exit"], "max_rss_mb": apply["max_rss_mb"],
            "stderr_tail": (revert["stderr_tail"] + apply["stderr_tail"])[-3:]}


# ---------------------------------------------------------------- report

def row(r: dict | None, with_postgres: bool) -> dict:
    if not r or "latency_us" not in r:
        return {"ok": False, "text": "failed" if not r else r.get("failed", "failed")[:40]}
    n = r["requests"] or 1
    cls = load_run.classify(r)
    if not cls["ok"]:
        return {"ok": False, "text": "no answer"}
    return {"ok": True, "requests": r["requests"], "p50": r["latency_us"]["p50"] / 1000, "p99": r["latency_us"]["p99"] / 1000,
            "rps": r["rps"], "errors": cls["errors"],
            "cpu_us": (r["cpu"]["server_s"] + (r["cpu"]["postgres_s"] if with_postgres else 0)) / n * 1e6,
            "detail": cls["detail"]}


def report(kind: str, demo: dict, big: dict, cmds: dict, info: dict, loads: dict) -> bool:
    print()
    print(f"{TITLES[kind]} — ten years of data (bench/scale): {info.get('cases', 0):,} trust cases, "
          f"{info.get('exemptions', 0):,} exemptions, {info.get('audit_rows', 0):,} audit rows (scale "
          f"{info.get('scale')}); wrk {CONNECTIONS} connections; nproc {os.cpu_count()}, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
          + ("; CPU µs = the server's + every PostgreSQL process's" if kind == "postgres" else ""))
    for name, summary in loads.items():
        print(f"  loaded {name} ({summary['rows']:,} rows) by COPY in {summary['copy_seconds']} s = "
              f"{summary['rows_per_second']:,} rows/s; keys and indexes {summary.get('index_seconds')} s, foreign "
              f"keys {summary.get('foreign_key_seconds')} s, ANALYZE {summary.get('analyze_seconds')} s; "
              f"{summary['seconds']} s in all")
    head = (f"{'endpoint':34} {'demo p50/p99 ms':>16} {'cpu µs':>7} {'big p50/p99 ms':>16} {'cpu µs':>7} "
            f"{'ratio':>6} {'p99<50':>6} {'cpu≤1.5×':>8}")
    print(head)
    print("-" * len(head))
    all_pass = True
    for name in big.get("endpoints", {}):
        d = row(demo["endpoints"].get(name), kind == "postgres")
        b = row(big["endpoints"].get(name), kind == "postgres")
        status_big = big.get("statuses", {}).get(name)
        if not (d["ok"] and b["ok"]):
            print(f"{name:34} {d.get('text', 'ok'):>16} {'':7} {b.get('text', 'ok'):>16} {'':7} {'':6} "
                  f"{'FAIL':>6} {'FAIL':>8}")
            all_pass = False
            continue
        ratio = b["cpu_us"] / d["cpu_us"] if d["cpu_us"] else float("inf")
        p99_ok = b["p99"] < P99_LIMIT_MS and b["errors"] == 0 and status_big == 200
        cpu_ok = ratio <= CPU_RATIO_MAX
        all_pass &= p99_ok and cpu_ok
        note = "" if status_big == 200 and b["errors"] == 0 else f"  (status {status_big}; errors {b['detail']})"
        print(f"{name:34} {d['p50']:7.1f}/{d['p99']:8.1f} {d['cpu_us']:7.0f} {b['p50']:7.1f}/{b['p99']:8.1f} "
              f"{b['cpu_us']:7.0f} {ratio:6.2f} {'PASS' if p99_ok else 'FAIL':>6} {'PASS' if cpu_ok else 'FAIL':>8}"
              f"{note}")
    print()
    v = cmds.get("audit verify", {})
    if v:
        print(f"tilgang audit verify: {v.get('rows', 0):,} rows in {v.get('seconds')} s = {v.get('rows_per_s'):,} "
              f"rows/s, max RSS {v.get('max_rss_mb')} MB, exit {v.get('exit')}: {' '.join(v.get('output', []))[:160]}")
    nc = cmds.get("next case number")
    if nc:
        all_pass &= nc["ok"]
        print(f"next case number through the API: {nc['text']}: {'PASS' if nc['ok'] else 'FAIL'}")
    r = cmds.get("retention run", {})
    if r:
        print(f"tilgang retention run: {r.get('seconds')} s, max RSS {r.get('max_rss_mb')} MB, exit {r.get('exit')}: "
              f"{' '.join(r.get('output', []))[:160]}")
        print(f"  a case created every 0.2 s meanwhile: {r.get('writes_during')} writes, p50 {r.get('write_p50_ms')} "
              f"ms, max {r.get('write_max_ms')} ms, failures {r.get('write_failures')}")
    m = cmds.get("migration", {})
    if m:
        print(f"migration {m.get('migration')}: revert {m.get('revert_seconds')} s (exit {m.get('revert_exit')}), "
              f"apply {m.get('apply_seconds')} s (exit {m.get('apply_exit')}), max RSS {m.get('max_rss_mb')} MB")
    if v:
        all_pass &= v.get("exit") == 0
    return all_pass


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", required=True)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--audit-rows", type=int, help="audit rows at scale 1 (generator default 20,000,000)")
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--port", type=int, default=19610)
    p.add_argument("--workdir", default="/tmp/tilgang-scale")
    p.add_argument("--cache", default=os.path.join(REPO, ".build-scale"))
    p.add_argument("--start-timeout", type=float, default=600)
    p.add_argument("--wrk-timeout", type=int, default=10)
    p.add_argument("--command-timeout", type=float, default=3 * 3600)
    p.add_argument("--skip-commands", action="store_true")
    p.add_argument("--skip-endpoints", action="store_true",
                   help="time only the commands (audit verify, retention, migration) on the big database")
    p.add_argument("--databases", default="sqlite", help="sqlite, postgres or sqlite,postgres")
    p.add_argument("--demo-scale", type=float, default=0.1,
                   help="the comparison database: the generator at this scale (default 0.1); 0: bare demo data")
    a = p.parse_args()
    kinds = [k.strip() for k in a.databases.split(",") if k.strip()]
    if not kinds or any(k not in TITLES for k in kinds):
        p.error("--databases: sqlite, postgres or sqlite,postgres")
    a.binary = os.path.abspath(a.binary)
    os.environ.update(TILGANG_AUDIT_KEY=BENCH_AUDIT_KEY, TILGANG_INSECURE_COOKIES_ON_LOOPBACK="1")
    os.makedirs(a.workdir, exist_ok=True)
    big, info, cached = big_database(a, a.workdir)
    demo = demo_database(a, a.workdir)
    with sqlite3.connect(big) as c:
        # A case number from about a year ago: a search that matches one case among many.
        year_ago = c.execute("SELECT case_number FROM cases WHERE trust_code = 'SI' AND state != 'draft' "
                             "ORDER BY created_at DESC LIMIT 1 OFFSET ?", (max(1, info.get("cases", 0) // 10),)) \
            .fetchone()[0]
    # Every database is made before any is measured: the SQLite runs write to their files (reads are audited,
    # retention purges), and PostgreSQL is loaded from the same data as it was generated.
    targets: dict[str, dict[str, Database]] = {}
    loads: dict[str, dict] = {}
    for kind in kinds:
        os.makedirs(os.path.join(a.workdir, kind), exist_ok=True)
        if kind == "sqlite":
            targets[kind] = {"demo": Database(kind, f"sqlite://{demo}"), "big": Database(kind, f"sqlite://{big}")}
        else:
            demo_url, loads["demo"] = postgres_database(a, "tilgang_scale_demo", demo, a.workdir)
            big_url, loads["big"] = postgres_database(a, "tilgang_scale_big", cached, a.workdir)
            targets[kind] = {"demo": Database(kind, demo_url), "big": Database(kind, big_url)}
    log(f"demo database: {demo}; big database: {big}; databases: {', '.join(kinds)}")
    two_years, ten_years = extract_files(a)
    for kind in kinds:
        log(f"{kind}: importing the register extracts (two years into demo, ten into big)")
        import_extract(a, targets[kind]["demo"], two_years, a.workdir)
        import_extract(a, targets[kind]["big"], ten_years, a.workdir)
    results: dict = {"info": info, "postgres_loads": loads}
    for kind in kinds:
        r = results[kind] = {}
        if a.skip_endpoints:
            r["demo"] = r["big"] = {"endpoints": {}}
        else:
            r["demo"] = measure(a, "demo", targets[kind]["demo"], a.workdir, year_ago)
            r["big"] = measure(a, "big", targets[kind]["big"], a.workdir, year_ago)
        r["commands"] = {} if a.skip_commands else commands(a, targets[kind]["big"], info, a.workdir)
    with open(os.path.join(a.workdir, "results.json"), "w") as f:
        json.dump(results, f, indent=1, default=str)
    for kind in kinds:
        for key in ("demo", "big"):
            if results[kind][key].get("failed"):
                print(f"bench/scale: {kind} {key}: {results[kind][key]['failed']}", file=sys.stderr)
                return 2
    all_pass = True
    for kind in kinds:
        r = results[kind]
        all_pass &= report(kind, r["demo"], r["big"], r["commands"], info, loads if kind == "postgres" else {})
    print()
    if a.skip_endpoints:
        # Only the commands were run: the endpoints' goals were not measured, so "all" would claim too much.
        print("THE COMMANDS' GOALS PASS (endpoints not measured: --skip-endpoints)" if all_pass
              else "SOME GOALS FAIL")
    else:
        print("ALL GOALS PASS" if all_pass else "SOME GOALS FAIL")
    return 0 if all_pass else 1


if __name__ == "__main__":
    sys.exit(main())
