#!/usr/bin/env python3
"""Runs the load benchmark for bench/load (which installs wrk and builds the release binary first).

For each database (SQLite, then PostgreSQL) it starts `tilgang serve --env production` on a new database with
demo data, prepares users, cases and request data (bench/load_setup.py), then drives wrk (threads = 2) for a
fixed time per run:
  for each connection count: the bare endpoint (GET /ping, no database) and the read mix, back to back;
  then for each connection count: the write mix (submissions and approvals);
  with --breakdown: the read mix's parts alone (work lists, case pages, route decisions) at 64 connections.
It prints one table per database, checks the goals (issue 7) and exits 1 when a goal fails, 2 when the
harness itself fails. All figures are printed in every case; raw wrk output, server logs and results.jsonl
stay in --workdir.

    python3 bench/load_run.py --binary .build-release/release/tilgang [--duration 15] [--connections 16,64,256]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LUA_DIR = os.path.join(REPO, "bench", "wrk")
TICKS = os.sysconf("SC_CLK_TCK")
NCPU = os.cpu_count() or 1

# Goals (issue 7, part 1).
P99_LIMIT_MS = 100.0
P99_AT_CONNECTIONS = 64
READ_RATIO_MIN = 0.30


def log(msg: str) -> None:
    print(f"[bench/load {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- CPU accounting (was the machine quiet?)

def cpu_busy_jiffies() -> int:
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (v + [0] * 8)[:8]
    return user + nice + system + irq + softirq + steal


def process_jiffies() -> dict[int, tuple[str, int]]:
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        comm = s[s.index("(") + 1:s.rindex(")")]
        fields = s[s.rindex(")") + 2:].split()
        out[int(pid)] = (comm, int(fields[11]) + int(fields[12]))
    return out


class CPUWindow:
    """CPU used during one run: by the server, by PostgreSQL, by wrk, and by everything else."""

    def __init__(self, server_pid: int):
        self.server_pid = server_pid
        self.t0 = time.monotonic()
        self.busy0 = cpu_busy_jiffies()
        self.procs0 = process_jiffies()
        self.children0 = resource.getrusage(resource.RUSAGE_CHILDREN)

    def close(self) -> dict:
        elapsed = time.monotonic() - self.t0
        busy = (cpu_busy_jiffies() - self.busy0) / TICKS
        procs1 = process_jiffies()
        ch = resource.getrusage(resource.RUSAGE_CHILDREN)
        wrk = (ch.ru_utime - self.children0.ru_utime) + (ch.ru_stime - self.children0.ru_stime)

        def delta(pred) -> float:
            total = 0
            for pid, (comm, j) in procs1.items():
                if pred(pid, comm):
                    total += j - self.procs0.get(pid, (comm, 0))[1]
            return total / TICKS

        server = delta(lambda pid, comm: pid == self.server_pid)
        postgres = delta(lambda pid, comm: comm.startswith("postgres"))
        other = max(0.0, busy - server - postgres - wrk)
        cap = elapsed * NCPU / 100.0
        return {"server_s": round(server, 3), "postgres_s": round(postgres, 3),
                "server_pct": round(server / cap, 1), "postgres_pct": round(postgres / cap, 1),
                "wrk_pct": round(wrk / cap, 1), "other_pct": round(other / cap, 1),
                "idle_pct": round(max(0.0, 100 - busy / cap), 1)}


# ---------------------------------------------------------------- server and database

def free_port(preferred: int) -> int:
    for port in [preferred] + list(range(preferred + 1, preferred + 50)):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise RuntimeError("no free port")


def http_get(url: str, timeout: float = 5) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def as_root(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return cmd
    return ["sudo", "-n"] + cmd


def postgres_database(explicit_url: str | None) -> str:
    """A new, empty PostgreSQL database; its URL.

    Default: scripts/postgres-up (installs/starts PostgreSQL, role tilgang_test), then a separate database
    tilgang_bench owned by tilgang_test, dropped and created again — so the test command's tilgang_test
    database is never touched while someone runs the tests. With --postgres-url (or when the superuser is
    not reachable) the given database's public schema is dropped and created again instead.
    """
    if explicit_url:
        reset_schema(explicit_url)
        return explicit_url
    url = subprocess.run([os.path.join(REPO, "scripts", "postgres-up")], check=True, capture_output=True,
                         text=True, timeout=600).stdout.strip().splitlines()[-1]
    bench_url = url.rsplit("/", 1)[0] + "/tilgang_bench"
    owner = re.match(r"postgres://([^:@/]+)", url)
    sql = ("DROP DATABASE IF EXISTS tilgang_bench WITH (FORCE);"
           f"CREATE DATABASE tilgang_bench OWNER {owner.group(1) if owner else 'tilgang_test'};")
    try:
        for statement in sql.split(";")[:-1]:
            subprocess.run(as_root(["su", "postgres", "-c", f"psql -q -v ON_ERROR_STOP=1 -c '{statement}'"]),
                           check=True, capture_output=True, text=True, timeout=120)
        return bench_url
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        log(f"could not create tilgang_bench as superuser ({getattr(e, 'stderr', e)!s:.200}); "
            f"resetting the schema of {re.sub(r':[^:@/]*@', ':***@', url)} instead")
        reset_schema(url)
        return url


def reset_schema(url: str) -> None:
    subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                    "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"],
                   check=True, capture_output=True, text=True, timeout=120)


def drop_bench_database(url: str) -> None:
    if not url.endswith("/tilgang_bench"):
        return
    subprocess.run(as_root(["su", "postgres", "-c",
                            "psql -q -c 'DROP DATABASE IF EXISTS tilgang_bench WITH (FORCE)'"]),
                   capture_output=True, timeout=120)


class Server:
    def __init__(self, binary: str, database_url: str, port: int, log_path: str):
        self.log_path = log_path
        self.log_file = open(log_path, "w")
        env = dict(os.environ, DATABASE_URL=database_url, TILGANG_SECURE_COOKIES="0")
        env.pop("LOG_LEVEL", None)
        self.base = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [binary, "serve", "--env", "production", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=REPO, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_healthy(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                if http_get(self.base + "/healthz", 2)[0] == 200:
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log_file.close()

    def log_size(self) -> int:
        self.log_file.flush()
        return os.path.getsize(self.log_path)

    def log_problems(self, start: int, end: int | None = None) -> dict[str, int]:
        """Lines at warning level or above between two offsets, request ids stripped, counted."""
        with open(self.log_path, "rb") as f:
            f.seek(start)
            text = f.read(None if end is None else end - start).decode(errors="replace")
        counts: dict[str, int] = {}
        for line in text.splitlines():
            if re.search(r"\[ (WARNING|ERROR|CRITICAL) \]", line) or "Fatal error" in line:
                key = re.sub(r"\s*\[[a-z-]+: [^\]]*\]\s*$", "", line).strip()  # metadata: request id, waiter…
                key = re.sub(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", "<id>", key)
                counts[key] = counts.get(key, 0) + 1
        return counts


class PostgresLog:
    """ERROR/FATAL lines the PostgreSQL server logged for one database (Debian's log file; root can read it)."""

    def __init__(self, dbname: str):
        import glob
        paths = sorted(glob.glob("/var/log/postgresql/postgresql-*-main.log"))
        self.path = paths[-1] if paths and os.access(paths[-1], os.R_OK) else None
        self.dbname = dbname

    def size(self) -> int:
        try:
            return os.path.getsize(self.path) if self.path else 0
        except OSError:
            return 0

    def problems(self, start: int) -> dict[str, int]:
        if not self.path:
            return {}
        with open(self.path, "rb") as f:
            f.seek(start)
            text = f.read().decode(errors="replace")
        counts: dict[str, int] = {}
        for line in text.splitlines():
            if f"@{self.dbname} " in line and re.search(r"\b(ERROR|FATAL|PANIC):", line):
                key = "postgres: " + re.sub(r"^.*?@\S+ ", "", line).strip()
                counts[key] = counts.get(key, 0) + 1
        return counts


def wait_idle(server: "Server", limit: float = 30) -> None:
    """wrk stops with requests still queued in the server; let it finish them before the next run starts."""
    deadline = time.monotonic() + limit
    pid = server.proc.pid
    while time.monotonic() < deadline and server.alive():
        before = process_jiffies().get(pid, ("", 0))[1]
        time.sleep(0.5)
        after = process_jiffies().get(pid, ("", 0))[1]
        if (after - before) / TICKS < 0.05:  # under 10 % of one core over half a second
            return


# ---------------------------------------------------------------- wrk

def run_wrk(a, scenario: str, script: str, url: str, connections: int, duration: int, data: str,
            kinds: str | None, raw_dir: str, server: Server, db: str, pg: PostgresLog | None) -> dict:
    env = dict(os.environ, TILGANG_BENCH_DATA=data, TILGANG_BENCH_LUA=LUA_DIR)
    if kinds:
        env["TILGANG_BENCH_KINDS"] = kinds
    cmd = ["wrk", "-t", str(min(a.threads, connections)), "-c", str(connections), "-d", f"{duration}s",
           "--timeout", f"{a.wrk_timeout}s", "-s", os.path.join(LUA_DIR, script), url]
    log(f"{db}: {scenario} at {connections} connections for {duration} s")
    log_start = server.log_size()
    pg_start = pg.size() if pg else 0
    window = CPUWindow(server.proc.pid)
    try:
        p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=duration + 60)
        out, err, rc = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out, err, rc = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or ""), "timeout", -1
    cpu = window.close()
    wait_idle(server)
    name = f"{db}-{scenario.replace(' ', '_').replace('/', '')}-{connections}"
    with open(os.path.join(raw_dir, name + ".txt"), "w") as f:
        f.write(" ".join(cmd) + "\n\n" + out + "\n--- stderr\n" + err)
    result = {"db": db, "scenario": scenario, "connections": connections, "duration_s": duration, "cpu": cpu,
              "server_log": server.log_problems(log_start), "server_alive": server.alive()}
    if pg:
        result["server_log"].update(pg.problems(pg_start))
    m = re.search(r"^WRK_RESULT (\{.*\})$", out, re.M)
    if rc != 0 or not m:
        result["failed"] = f"wrk exit {rc}: {(err or out).strip()[-300:]}"
        return result
    w = json.loads(m.group(1))
    result.update(w)
    result["rps"] = w["requests"] / (w["duration_us"] / 1e6)
    return result


def cpu_per_request(r: dict) -> str:
    """CPU time per request of the server and of PostgreSQL, in µs: steadier than req/s on a host whose speed
    varies from run to run (time stolen by the host is nobody's CPU time)."""
    n = r.get("requests") or 0
    if not n or "server_s" not in r["cpu"]:
        return "-"
    return f"{r['cpu']['server_s'] / n * 1e6:.0f}+{r['cpu']['postgres_s'] / n * 1e6:.0f}"


def classify(r: dict) -> dict:
    """ok (2xx/3xx), conflicts (409), errors (everything else, socket errors and timeouts included)."""
    statuses = {int(k): v for k, v in r.get("statuses", {}).items()}
    ok = sum(v for s, v in statuses.items() if 200 <= s < 400)
    conflicts = statuses.get(409, 0)
    bad = {s: v for s, v in statuses.items() if not (200 <= s < 400) and s != 409}
    e = r.get("errors", {})
    sockets = {k: e.get(k, 0) for k in ("connect", "read", "write", "timeout") if e.get(k, 0)}
    detail = [f"{s}x{v}" for s, v in sorted(bad.items())] + [f"{k}x{v}" for k, v in sockets.items()]
    return {"ok": ok, "conflicts": conflicts, "errors": sum(bad.values()) + sum(sockets.values()),
            "detail": " ".join(detail)}


# ---------------------------------------------------------------- one database

def run_database(a, db: str, workdir: str) -> tuple[list[dict], dict]:
    info: dict = {"db": db}
    results: list[dict] = []
    dbdir = os.path.join(workdir, db)
    os.makedirs(dbdir, exist_ok=True)
    if db == "sqlite":
        path = os.path.join(dbdir, "tilgang.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        url = f"sqlite://{path}"
        info["database"] = url
    else:
        url = postgres_database(a.postgres_url)
        info["database"] = re.sub(r":[^:@/]*@", ":***@", url)
    pg = PostgresLog(url.rsplit("/", 1)[-1].split("?")[0]) if db == "postgres" else None
    pg_start = pg.size() if pg else 0
    port = free_port(a.port)
    server = Server(a.binary, url, port, os.path.join(dbdir, "server.log"))
    info["server_log"] = server.log_path
    try:
        if not server.wait_healthy(a.start_timeout):
            info["failed"] = f"server did not become healthy (see {server.log_path})"
            return results, info
        status, body = http_get(server.base + "/ping")
        if status == 200:
            info["bare"] = "/ping"
        else:
            info["bare"] = "/css/site.css"
            info["bare_note"] = f"GET /ping answered {status}; the bare figure is the static file /css/site.css"
        data = os.path.join(dbdir, "data.lua")
        t0 = time.monotonic()
        p = subprocess.run([sys.executable, os.path.join(REPO, "bench", "load_setup.py"), "--base-url",
                            server.base, "--out", data], capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            info["failed"] = f"setup failed: {p.stderr.strip()[-600:]}"
            return results, info
        info["setup"] = json.loads(p.stdout.strip().splitlines()[-1])
        info["setup_seconds"] = round(time.monotonic() - t0, 1)
        raw = os.path.join(dbdir, "wrk")
        os.makedirs(raw, exist_ok=True)

        def run(scenario, script, path, c, d=a.duration, kinds=None, record=True):
            if not server.alive():
                return None
            r = run_wrk(a, scenario, script, server.base + path, c, d, data, kinds, raw, server, db, pg)
            if record:
                results.append(r)
            return r

        if a.warmup > 0:
            run("warm-up", "read.lua", "/", min(a.connections), a.warmup, record=False)
        for c in a.connections:
            run("bare " + info["bare"], "ping.lua", info["bare"], c)
            run("read mix", "read.lua", "/", c)
        if a.breakdown:  # before the write mix, on the same data as the read mix
            for kind, label in (("list", "read: work lists"), ("case", "read: case pages"),
                                ("pathway", "read: route decisions")):
                run(label, "read.lua", "/", P99_AT_CONNECTIONS, kinds=kind)
        for c in a.connections:
            run("write mix", "write.lua", "/", c)
        if a.breakdown:  # the same read mix once the write mix has grown the case table
            run("read mix after writes", "read.lua", "/", P99_AT_CONNECTIONS)
        info["server_alive_at_end"] = server.alive()
    finally:
        server.stop()
        info["server_exit"] = server.proc.returncode
        info["rows_at_end"] = table_counts(db, url)
        info["log_problems"] = server.log_problems(0)
        if pg:
            info["log_problems"].update(pg.problems(pg_start))
        if db == "postgres" and not a.keep:
            drop_bench_database(url)
    return results, info


def table_counts(db: str, url: str) -> dict:
    """Rows in cases and audit_log once the server has stopped (what the "after writes" run read from)."""
    counts = {}
    for table in ("cases", "audit_log"):
        try:
            if db == "sqlite":
                import sqlite3
                with sqlite3.connect(url[len("sqlite://"):]) as c:
                    counts[table] = c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            else:
                out = subprocess.run(["psql", url, "-tAc", f"SELECT count(*) FROM {table}"], capture_output=True,
                                     text=True, timeout=60)
                counts[table] = int(out.stdout.strip())
        except Exception as e:  # a figure for the report only
            counts[table] = f"? ({str(e)[:60]})"
    return counts


# ---------------------------------------------------------------- report

def fmt_ms(us) -> str:
    return "-" if us is None else f"{us / 1000:.1f}"


def report(all_results: list[dict], infos: list[dict], a) -> int:
    names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    failed_goal = False
    harness_failed = False
    lines = []
    p = lines.append
    p("")
    p(f"Binary: {a.binary_info}")
    p(f"Machine: {NCPU} CPUs, {machine_model()}; wrk and the server share it. "
      f"wrk -t{a.threads}, {a.duration} s per run, --timeout {a.wrk_timeout}s.")
    for info in infos:
        db = info["db"]
        rs = [r for r in all_results if r["db"] == db]
        p("")
        p(f"== {names.get(db, db)} ({info.get('database', '')})")
        if "setup" in info:
            s = info["setup"]
            p(f"   setup: {s['users']} users signed in, {s['cases']} cases ({', '.join(f'{k} {v}' for k, v in s['states'].items())}), "
              f"{s['scenarios']} route scenarios; {info['setup_seconds']} s")
        if info.get("bare_note"):
            p(f"   NOTE: {info['bare_note']}")
        if info.get("failed"):
            p(f"   HARNESS FAILURE: {info['failed']}")
            harness_failed = True
        hdr = (f"   {'scenario':<24}{'conns':>6}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
               f"{'errors':>8}{'409':>6}  {'cpu srv/db/wrk/other %':<24}{'µs/req srv+db':<15}error detail")
        p(hdr)
        p("   " + "-" * (len(hdr) - 3))
        for r in rs:
            if r.get("failed"):
                p(f"   {r['scenario']:<24}{r['connections']:>6}  RUN FAILED: {r['failed']}")
                harness_failed = True
                continue
            c = classify(r)
            lat = r["latency_us"]
            cpu = r["cpu"]
            cpu_s = f"{cpu['server_pct']:.0f}/{cpu['postgres_pct']:.0f}/{cpu['wrk_pct']:.0f}/{cpu['other_pct']:.0f}"
            per_request = cpu_per_request(r)
            p(f"   {r['scenario']:<24}{r['connections']:>6}{r['rps']:>10.1f}{fmt_ms(lat['p50']):>9}"
              f"{fmt_ms(lat['p99']):>9}{fmt_ms(lat['max']):>9}{c['errors']:>8}{c['conflicts']:>6}  {cpu_s:<24}"
              f"{per_request:<15}{c['detail']}")
        bare = {r["connections"]: r for r in rs if r["scenario"].startswith("bare") and not r.get("failed")}
        read = {r["connections"]: r for r in rs if r["scenario"] == "read mix" and not r.get("failed")}
        ratios = {c: read[c]["rps"] / bare[c]["rps"] for c in a.connections if c in bare and c in read
                  and bare[c]["rps"] > 0}
        p("   read mix / bare throughput: " +
          ", ".join(f"{c} conns {ratios[c] * 100:.1f} %" for c in sorted(ratios)) if ratios else
          "   read mix / bare throughput: not measured")
        if info.get("rows_at_end"):
            rows = info["rows_at_end"]
            p(f"   rows at the end: cases {rows.get('cases')}, audit_log {rows.get('audit_log')}"
              f" (the read mix ran on the setup's 72 cases; 'read mix after writes' on all of them)")
        problems = info.get("log_problems") or {}
        outside = dict(problems)
        for r in rs:
            for line, n in (r.get("server_log") or {}).items():
                outside[line] = outside.get(line, 0) - n
        outside = {k: v for k, v in outside.items() if v > 0}
        if problems:
            p("   server log (warning and above, counted; the database's own ERROR lines prefixed 'postgres:'):")
            for line, n in sorted(problems.items(), key=lambda kv: -kv[1])[:12]:
                note = "" if line not in outside else (
                    "   <- outside the runs (start-up or shutdown)" if outside[line] == n else
                    f"   <- {outside[line]} of them outside the runs")
                p(f"     {n:>7} x {line[:150]}{note}")
        else:
            p("   server log: no warnings or errors")
        restarted = [f"{r['scenario']}@{r['connections']}" for r in rs if any(
            "shutting down" in k or "administrator command" in k or "starting up" in k
            for k in (r.get("server_log") or {}))]
        if restarted:
            p(f"   NOTE: PostgreSQL was stopped or restarted during {', '.join(restarted)} — not by bench/load; "
              "those runs measure an outage, not load")
        if info.get("server_alive_at_end") is False:
            p(f"   SERVER DIED during the runs (exit {info.get('server_exit')}); see {info.get('server_log')}")
        # Goals
        p("   goals:")
        measured = [r for r in rs if not r.get("failed")]
        errs = []
        for r in measured:
            c = classify(r)
            n = c["errors"] + (c["conflicts"] if r["scenario"] != "write mix" else 0)
            if n:
                errs.append(f"{r['scenario']}@{r['connections']}: {n}")
        ok = not errs and bool(measured)
        p(f"     {'PASS' if ok else 'FAIL'}  zero errors (409 counted apart only in the write mix)"
          + ("" if ok else f": {'; '.join(errs) if errs else 'nothing measured'}"))
        failed_goal |= not ok
        at = [r for r in measured if r["connections"] == P99_AT_CONNECTIONS
              and (r["scenario"].startswith("bare") or r["scenario"] in ("read mix", "write mix"))]
        slow = [f"{r['scenario']} {fmt_ms(r['latency_us']['p99'])} ms" for r in at
                if r["latency_us"]["p99"] / 1000 >= P99_LIMIT_MS]
        ok = bool(at) and not slow
        detail = "; ".join(slow) if slow else ", ".join(f"{r['scenario']} {fmt_ms(r['latency_us']['p99'])} ms" for r in at)
        p(f"     {'PASS' if ok else 'FAIL'}  p99 < {P99_LIMIT_MS:.0f} ms at {P99_AT_CONNECTIONS} connections"
          f" ({detail or 'not measured'})")
        failed_goal |= not ok
        low = [c for c, v in ratios.items() if v < READ_RATIO_MIN]
        ok = bool(ratios) and not low
        p(f"     {'PASS' if ok else 'FAIL'}  read mix >= {READ_RATIO_MIN * 100:.0f} % of bare at every connection count"
          + (f" (below at {', '.join(str(c) for c in sorted(low))})" if low else ""))
        failed_goal |= not ok
    p("")
    p("cpu column: share of the whole machine during the run used by the server / PostgreSQL / wrk / everything"
      " else (a busy 'other' means the figures were disturbed); µs/req: CPU time per request of the server and"
      " of PostgreSQL, steadier than req/s when the host's speed varies.")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(a.workdir, "report.txt"), "w") as f:
        f.write(text + "\n")
    if harness_failed:
        return 2
    return 1 if failed_goal else 0


def machine_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def describe_binary(binary: str) -> str:
    import hashlib
    h = hashlib.sha256()
    with open(binary, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    built = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime(binary)))
    try:
        head = subprocess.run(["git", "-C", REPO, "log", "-1", "--format=%h"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
        dirty = len([line for line in subprocess.run(
            ["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift"],
            capture_output=True, text=True, timeout=30).stdout.splitlines() if line.strip()])
        tree = f"tree at {head}" + (f" with {dirty} changed source files" if dirty else ", sources clean")
    except (OSError, subprocess.SubprocessError):
        tree = "tree unknown"
    return f"{os.path.relpath(binary, REPO)} built {built}, sha256 {h.hexdigest()[:12]} ({tree} now)"


def snapshot_binary(binary: str, workdir: str) -> str:
    """A private copy of the binary and its resource bundles, so a rebuild during the run changes nothing."""
    import glob
    target = os.path.join(workdir, "bin")
    shutil.rmtree(target, ignore_errors=True)
    os.makedirs(target)
    shutil.copy2(binary, target)
    for bundle in glob.glob(os.path.join(os.path.dirname(binary), "*.resources")):
        shutil.copytree(bundle, os.path.join(target, os.path.basename(bundle)))
    return os.path.join(target, os.path.basename(binary))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--duration", type=int, default=15, help="seconds per run (default 15)")
    ap.add_argument("--connections", default="16,64,256")
    ap.add_argument("--databases", default="sqlite,postgres")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    ap.add_argument("--wrk-timeout", type=int, default=10, help="wrk --timeout seconds (default 10)")
    ap.add_argument("--warmup", type=int, default=3, help="seconds of unrecorded read mix first (default 3)")
    ap.add_argument("--breakdown", action="store_true",
                    help="also the read mix's parts alone at 64 connections, and the read mix again after the writes")
    ap.add_argument("--port", type=int, default=18190)
    ap.add_argument("--start-timeout", type=int, default=180)
    ap.add_argument("--postgres-url", help="use (and wipe) this database instead of tilgang_bench")
    ap.add_argument("--workdir", help="raw output, logs and databases (default /tmp/tilgang-load, emptied first)")
    ap.add_argument("--keep", action="store_true", help="keep the databases (SQLite file, tilgang_bench)")
    a = ap.parse_args()
    a.connections = [int(c) for c in re.split(r"[ ,]+", a.connections.strip()) if c]
    a.binary = os.path.abspath(a.binary)
    if not os.access(a.binary, os.X_OK):
        print(f"bench/load: no executable {a.binary}", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("bench/load: wrk is not installed", file=sys.stderr)
        return 2
    if a.workdir is None:
        a.workdir = "/tmp/tilgang-load"
        shutil.rmtree(a.workdir, ignore_errors=True)
    os.makedirs(a.workdir, exist_ok=True)
    a.binary_info = describe_binary(a.binary)
    a.binary = snapshot_binary(a.binary, a.workdir)
    log(f"work folder {a.workdir}; binary {a.binary_info}")
    all_results, infos = [], []
    stop = {"now": False}

    def on_signal(signum, frame):
        stop["now"] = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        for db in [d.strip() for d in a.databases.split(",") if d.strip()]:
            try:
                results, info = run_database(a, db, a.workdir)
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
                detail = getattr(e, "stderr", None) or ""
                results, info = [], {"db": db, "failed": f"{e} {str(detail)[-400:]}"}
            all_results += results
            infos.append(info)
            with open(os.path.join(a.workdir, "results.jsonl"), "a") as f:
                for r in results:
                    f.write(json.dumps(r) + "\n")
    except KeyboardInterrupt:
        log("interrupted; reporting what was measured")
    status = report(all_results, infos, a)
    if not a.keep:
        shutil.rmtree(os.path.join(a.workdir, "bin"), ignore_errors=True)
        for db in ("sqlite",):
            for suffix in ("", "-wal", "-shm"):
                path = os.path.join(a.workdir, db, "tilgang.sqlite" + suffix)
                if os.path.exists(path):
                    os.remove(path)
    log(f"raw wrk output, server logs and results.jsonl: {a.workdir}")
    if stop["now"]:
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
