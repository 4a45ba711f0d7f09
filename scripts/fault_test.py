#!/usr/bin/env python3
"""Crash and fault tests (issue 7), against the real server binary on SQLite and on PostgreSQL.

1. kill -9 while submissions and approvals stream in, restart: every acknowledged write is there, and nothing is
   half-written (each case's version is 1 + its transitions; the audit chain verifies) — on SQLite (WAL) and on
   PostgreSQL (transactions).
2. PostgreSQL stopped under load: /healthz says 503, requests fail cleanly and quickly with 503, and the server
   recovers by itself when the database is back.
3. PostgreSQL backup the documented way (pg_dump -Fc, pg_restore into a new database): every case and audit row.

Usage: fault_test.py --binary PATH [--port P]. Needs root or sudo (it stops and starts the PostgreSQL cluster).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
PASSWORD = "tilgang-demo"
PG_DB = "tilgang_fault"
PG_RESTORED = "tilgang_fault_restored"


def log(message: str) -> None:
    print(f"  {message}", flush=True)


SERVERS: list["Server"] = []


def fail(message: str) -> None:
    print(f"fault_test: FAILED: {message}", file=sys.stderr, flush=True)
    for server in SERVERS:
        server.stop()
    sys.exit(1)


def as_root(command: list[str]) -> list[str]:
    return command if os.geteuid() == 0 else ["sudo", *command]


def psql(sql: str, database: str = "postgres") -> str:
    command = as_root(["su", "postgres", "-c", f"psql -q -tA -d {database} -c \"{sql}\""])
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def pg_cluster(action: str) -> None:
    version = sorted(os.listdir("/etc/postgresql"), key=float)[-1]
    subprocess.run(as_root(["pg_ctlcluster", version, "main", action, *(["-m", "fast"] if action == "stop" else [])]),
                   check=True, capture_output=True)


class Server:
    def __init__(self, binary: str, database_url: str, port: int, log_path: str) -> None:
        self.binary, self.database_url, self.port, self.log_path = binary, database_url, port, log_path
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        if status(self.base + "/healthz")[0] != 0:
            fail(f"something already answers on port {self.port}")
        if self not in SERVERS:
            SERVERS.append(self)
        env = {**os.environ, "DATABASE_URL": self.database_url, "LOG_LEVEL": "notice"}
        self.process = subprocess.Popen(
            [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)], cwd=ROOT, env=env,
            stdout=open(self.log_path, "a"), stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if status(self.base + "/healthz")[0] == 200:
                return
            time.sleep(0.3)
        fail(f"server did not start; see {self.log_path}")

    def kill9(self) -> None:
        assert self.process
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def request(url: str, method: str = "GET", body: dict | None = None, token: str | None = None,
            version: int | None = None, timeout: float = 20) -> tuple[int, dict | None]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if version is not None:
        headers["If-Match"] = f'"{version}"'
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers),
                                    timeout=timeout) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw[:1] in (b"{", b"[") else None)
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, None


def status(url: str) -> tuple[int, float]:
    started = time.time()
    try:
        code, _ = request(url, timeout=15)
    except (urllib.error.URLError, OSError, TimeoutError):
        code = 0
    return code, time.time() - started


def token(base: str, username: str) -> str:
    code, body = request(base + "/api/v1/auth/token", "POST", {"username": username, "password": PASSWORD})
    if code != 200 or not body:
        fail(f"no token for {username}: {code}")
    return body["token"]


def valid_nin(born: str) -> str:
    for individual in range(100, 1000):
        digits = [int(c) for c in f"{born}{individual}"]
        k1 = (11 - sum(d * w for d, w in zip(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2])) % 11) % 11
        if k1 == 10:
            continue
        k2 = (11 - sum(d * w for d, w in zip(digits + [k1], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11) % 11
        if k2 == 10:
            continue
        return f"{born}{individual}{k1}{k2}"
    raise ValueError(born)


DRAFT = {
    "kind": "individual", "patientTrust": "SI", "medicineId": "mabthera-500mg", "indication": "G35",
    "patientNIN": valid_nin("150385"), "dosage": "1000 mg x 2", "treatmentDuration": "12 måneder",
    "justification": "Aktiv MS med svikt på to godkjente behandlinger", "alternatives": "Ocrelizumab er prøvd",
    "expectedBenefit": "Færre attakker", "costEstimate": "60 000 kr", "patientInformed": True,
}


class Workload:
    """Threads that create and submit cases as the physician and quality-assure them as the department head,
    remembering every write the server acknowledged (case id → highest acknowledged version)."""

    def __init__(self, base: str, physician: str, head: str, threads: int = 6) -> None:
        self.base, self.physician, self.head = base, physician, head
        self.acknowledged: dict[str, int] = {}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        # (status, seconds, when it was sent)
        self.outcomes: list[tuple[int, float, float]] = []
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(threads)]

    def ack(self, case_id: str, version: int) -> None:
        with self.lock:
            key = case_id.lower()
            self.acknowledged[key] = max(version, self.acknowledged.get(key, 0))

    def call(self, *args, **kwargs) -> tuple[int, dict | None]:
        started = time.time()
        try:
            result = request(*args, **kwargs)
        except (urllib.error.URLError, OSError, TimeoutError):
            result = (0, None)
        with self.lock:
            self.outcomes.append((result[0], time.time() - started, started))
        return result

    def run(self) -> None:
        while not self.stopping.is_set():
            code, body = self.call(self.base + "/api/v1/cases", "POST", DRAFT, self.physician)
            if code != 201 or not body:
                time.sleep(0.2)
                continue
            self.ack(body["id"], body["version"])
            code, body = self.call(f"{self.base}/api/v1/cases/{body['id']}/actions", "POST", {"action": "submit"},
                                   self.physician, body["version"])
            if code != 200 or not body:
                continue
            self.ack(body["id"], body["version"])
            code, body = self.call(f"{self.base}/api/v1/cases/{body['id']}/actions", "POST",
                                   {"action": "assess", "assessmentKind": "recommend_approval",
                                    "assessment": "Faglig forsvarlig."}, self.head, body["version"])
            if code == 200 and body:
                self.ack(body["id"], body["version"])

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)


def audit_verify(binary: str, database_url: str) -> None:
    result = subprocess.run([binary, "audit", "verify"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "warning"})
    if result.returncode != 0:
        fail(f"audit chain after the crash: {result.stdout} {result.stderr}")
    log(result.stdout.strip())


def crash_test(name: str, server: Server, binary: str, rows) -> None:
    print(f"{name}: kill -9 while submissions and approvals stream in", flush=True)
    server.start()
    work = Workload(server.base, token(server.base, "si-lege"), token(server.base, "si-avdelingsleder"))
    work.start()
    deadline = time.time() + 20
    while time.time() < deadline and len(work.acknowledged) < 25:
        time.sleep(0.2)
    server.kill9()
    work.stop()
    acknowledged = dict(work.acknowledged)
    if len(acknowledged) < 5:
        fail(f"{name}: too few writes before the crash ({len(acknowledged)})")
    log(f"killed with {len(acknowledged)} acknowledged cases "
        f"({sum(acknowledged.values())} acknowledged versions)")
    server.start()
    stored = rows()
    missing = [case for case, version in acknowledged.items() if stored.get(case, (0, 0))[0] < version]
    if missing:
        details = [(case, acknowledged[case], stored.get(case)) for case in missing[:5]]
        fail(f"{name}: {len(missing)} acknowledged writes lost after restart (case, acknowledged, stored): {details}")
    half = {case: v for case, v in stored.items() if v[0] != 1 + v[1]}
    if half:
        fail(f"{name}: half-written cases (version vs 1 + transitions): {list(half.items())[:5]}")
    log(f"every acknowledged write is there; {len(stored)} cases, each version = 1 + its transitions")
    server.stop()


def sqlite_rows(path: str):
    def rows() -> dict[str, tuple[int, int]]:
        connection = sqlite3.connect(path)
        try:
            result = connection.execute(
                "SELECT c.id, c.version, (SELECT count(*) FROM case_transitions t WHERE t.case_id = c.id) "
                "FROM cases c").fetchall()
        finally:
            connection.close()
        return {str(row[0]).lower(): (row[1], row[2]) for row in result}
    return rows


def postgres_rows():
    output = psql("SELECT c.id, c.version, (SELECT count(*) FROM case_transitions t WHERE t.case_id = c.id) "
                  "FROM cases c", PG_DB)
    result = {}
    for line in output.splitlines():
        case_id, version, transitions = line.split("|")
        result[case_id.lower()] = (int(version), int(transitions))
    return result


def outage_test(server: Server) -> None:
    print("PostgreSQL stopped under load: 503, clean failures, recovery by itself", flush=True)
    server.start()
    work = Workload(server.base, token(server.base, "si-lege"), token(server.base, "si-avdelingsleder"), threads=4)
    work.start()
    time.sleep(2)
    with work.lock:
        before = [code for code, _, _ in work.outcomes]
    if not any(200 <= code < 300 for code in before):
        fail(f"no write succeeded before the database was stopped: {sorted(set(before))}")
    pg_cluster("stop")
    stopped = time.time()
    health = 0
    while time.time() - stopped < 30:
        health = status(server.base + "/healthz")[0]
        if health == 503:
            break
        time.sleep(0.5)
    if health != 503:
        pg_cluster("start")
        fail(f"/healthz answered {health} with the database stopped, expected 503")
    log(f"/healthz says 503 {time.time() - stopped:.1f} s after the database stopped")
    with work.lock:
        work.outcomes.clear()
    # Long enough for a request that waited for a pool connection (5 s at most) to come back.
    time.sleep(12)
    with work.lock:
        # Only requests sent after the stop: one sent before may have committed and be answered 200 after it.
        during = [(code, seconds) for code, seconds, sent in work.outcomes if sent >= stopped]
    pg_cluster("start")
    started = time.time()
    while time.time() - started < 90:
        if status(server.base + "/healthz")[0] == 200:
            break
        time.sleep(0.5)
    else:
        fail("the server did not recover within 90 s of the database coming back")
    recovered = time.time() - started
    work.stop()
    if not during:
        fail("no requests completed while the database was down")
    codes = sorted({code for code, _ in during})
    slowest = max(seconds for _, seconds in during)
    if any(code != 503 for code, _ in during):
        fail(f"requests during the outage should fail with 503; got {codes}")
    if slowest > 12:
        fail(f"a request hung for {slowest:.1f} s during the outage")
    log(f"{len(during)} requests during the outage: all 503, slowest {slowest:.1f} s")
    code, _ = request(server.base + "/api/v1/cases", "POST", DRAFT, token(server.base, "si-lege"))
    if code != 201:
        fail(f"after recovery a submission answered {code}")
    log(f"recovered by itself {recovered:.1f} s after the database came back; a new submission is stored")
    server.stop()


def backup_test(binary: str, url: str) -> None:
    print("PostgreSQL backup with pg_dump and pg_restore: every case and audit row", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        dump = os.path.join(folder, "tilgang.dump")
        os.chmod(folder, 0o777)
        subprocess.run(as_root(["su", "postgres", "-c", f"pg_dump -Fc -d {PG_DB} -f {dump}"]), check=True)
        psql(f"DROP DATABASE IF EXISTS {PG_RESTORED}")
        psql(f"CREATE DATABASE {PG_RESTORED} OWNER tilgang_test")
        subprocess.run(as_root(["su", "postgres", "-c", f"pg_restore --no-owner --role=tilgang_test -d {PG_RESTORED} {dump}"]),
                       check=True)
        for table in ["cases", "case_transitions", "audit_log"]:
            original = psql(f"SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t::text)) FROM {table} t", PG_DB)
            restored = psql(f"SELECT count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t::text)) FROM {table} t",
                            PG_RESTORED)
            if original != restored:
                fail(f"{table} differs after pg_restore: {original} vs {restored}")
            log(f"{table}: {original.split(':')[0]} rows, identical after restore")
        audit_verify(binary, url.rsplit("/", 1)[0] + "/" + PG_RESTORED)
        psql(f"DROP DATABASE IF EXISTS {PG_RESTORED}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--port", type=int, default=18300)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as work:
        os.chmod(work, 0o777)
        log_path = os.path.join(work, "server.log")
        path = os.path.join(work, "fault.sqlite")
        sqlite_url = f"sqlite://{path}"
        crash_test("SQLite", Server(binary, sqlite_url, args.port, log_path), binary, sqlite_rows(path))
        audit_verify(binary, sqlite_url)

        base_url = subprocess.run([os.path.join(ROOT, "scripts", "postgres-up")], check=True, capture_output=True,
                                  text=True).stdout.strip()
        pg_url = base_url.rsplit("/", 1)[0] + "/" + PG_DB
        psql(f"DROP DATABASE IF EXISTS {PG_DB}")
        psql(f"CREATE DATABASE {PG_DB} OWNER tilgang_test")
        pg_server = Server(binary, pg_url, args.port + 1, log_path)
        crash_test("PostgreSQL", pg_server, binary, postgres_rows)
        audit_verify(binary, pg_url)
        outage_test(pg_server)
        backup_test(binary, pg_url)
        psql(f"DROP DATABASE IF EXISTS {PG_DB}")
        with open(log_path, encoding="utf-8", errors="replace") as handle:
            if "Fatal error" in handle.read():
                fail(f"the server crashed on its own; see {log_path}")
    print("fault_test: passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
