#!/usr/bin/env python3
"""More than one server (issue 20, item 4): two `tilgang serve` processes on one new PostgreSQL database.

1. Server A starts on a new database (migrates, loads the demo people); server B starts once A answers /healthz,
   so it does not race A's migration.
2. Writes through both at once: threads sign in, create applications and take them along the whole approval chain
   (v2: assessments, the division director's priority, the committee naming its member, the director's decision),
   each step through the other server than the last, with `If-Match` versions. Some steps are raced: the same
   step sent to both servers from the same version must give exactly one 200 and one 409.
3. Checks: no two cases share a case number (the clients' answers and the database), every case's transitions
   are contiguous from `draft` and are exactly the steps the clients saw succeed, nothing lost or doubled (read
   back through `GET /api/v1/cases/{id}` on both servers), and `tilgang audit verify` finds the chain intact.
4. A deactivation through server A: server B refuses the account's writes and its browser session at once, and
   its token for reads within the identity cache's bound (docs/operations.md, «More than one server»).

Usage: two_servers_test.py --binary PATH [--port P] [--database-url URL]. Servers on P and P+1 (default 18550).
Without --database-url it makes a new database with scripts/postgres-fresh-db. Standard library only.
"""

from __future__ import annotations

import argparse
import http.client as http_client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from load_setup import CHAIN, PATIENTS, PASSWORD, draft, http  # noqa: E402  (the request bodies of bench/load)

DATABASE_NAME = "tilgang_twoserver"
# The audit key both servers and `tilgang audit verify` use: one chain, one key, whichever server wrote a row.
AUDIT_KEY = "two-servers-test-audit-key-0123456789abcdef"
# IdentityCache.lifetime: how long a server may still accept a deactivated account's token for reads.
READ_BOUND_SECONDS = 5.0
# One lookup already under way when the deactivation committed, and the polling interval.
SLACK_SECONDS = 1.0

SERVERS: list["Server"] = []


def log(message: str) -> None:
    print(f"  {message}", flush=True)


class TestFailure(Exception):
    pass


def fail(message: str) -> None:
    raise TestFailure(message)


class Server:
    def __init__(self, name: str, binary: str, database_url: str, port: int, log_path: str) -> None:
        self.name, self.binary, self.database_url, self.port, self.log_path = name, binary, database_url, port, log_path
        self.process: subprocess.Popen | None = None
        self.host = "127.0.0.1"

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError, TimeoutError):
            return False

    def start(self) -> None:
        if self.healthy():
            fail(f"something already answers on port {self.port}")
        SERVERS.append(self)
        env = {**os.environ, "DATABASE_URL": self.database_url, "LOG_LEVEL": "notice", "TILGANG_AUDIT_KEY": AUDIT_KEY}
        self.process = subprocess.Popen(
            [self.binary, "serve", "--hostname", self.host, "--port", str(self.port)], cwd=ROOT, env=env,
            stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.healthy():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.3)
        fail(f"server {self.name} did not start; see {self.log_path}:\n{tail(self.log_path)}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def tail(path: str, lines: int = 30) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return "".join(handle.readlines()[-lines:])
    except OSError:
        return ""


def call(base: str, method: str, path: str, body: object | None = None, token: str | None = None,
         version: int | None = None) -> tuple[int, object]:
    headers = {"If-Match": f'"{version}"'} if version is not None else None
    try:
        return http(base, method, path, body, token, headers)
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        return 0, str(error)


def sign_in(base: str, username: str, password: str = PASSWORD) -> str:
    status, body = call(base, "POST", "/api/v1/auth/token", {"username": username, "password": password})
    if status != 200 or not isinstance(body, dict):
        fail(f"sign in {username} at {base}: {status} {str(body)[:300]}")
    return body["token"]


# ---------------------------------------------------------------------------------------------------------------
# Writes through both servers at once


def next_state(step: int) -> str:
    return CHAIN[step + 1][0] if step + 1 < len(CHAIN) else "approved"


class Workload:
    """Threads that each take cases from creation to the director's decision, every request through the other
    server than the last, remembering what the servers acknowledged."""

    def __init__(self, servers: list[Server], tokens: dict[str, str], members: dict[str, str], threads: int,
                 cases_per_thread: int) -> None:
        self.servers, self.tokens, self.members = servers, tokens, members
        self.threads, self.cases_per_thread = threads, cases_per_thread
        self.lock = threading.Lock()
        self.cases: dict[str, dict] = {}  # id → {number, trust, steps: [(from, action, to)], version, state}
        self.errors: list[str] = []
        self.races = {"raced": 0, "won_a": 0, "won_b": 0}
        self.requests = {server.name: 0 for server in servers}

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)

    def send(self, server: Server, method: str, path: str, body: object | None, token: str,
             version: int | None = None) -> tuple[int, object]:
        with self.lock:
            self.requests[server.name] += 1
        return call(server.base, method, path, body, token, version)

    def fields(self, trust: str, step: int) -> dict:
        state, action, role, fields = CHAIN[step]
        if fields.get("members") == "self":
            fields = {**fields, "members": [self.members[f"{trust}-{role}"]]}
        # Long Norwegian text in every free-text field a step carries.
        if "assessment" in fields:
            fields = {**fields, "assessment": fields["assessment"] + " Vurdert på to servere samtidig: æøå ÆØÅ. " * 40}
        return {"action": action, **fields}

    def run(self, worker: int) -> None:
        trust = "si" if worker % 2 == 0 else "hb"
        for n in range(self.cases_per_thread):
            turn = worker + n
            body = draft(trust.upper(), PATIENTS[turn % len(PATIENTS)], "group" if turn % 4 == 0 else "individual")
            body["justification"] = f"Søknad {worker}-{n} gjennom to servere. Pasienten har prøvd alt (æøå). " * 30
            server = self.servers[turn % 2]
            status, case = self.send(server, "POST", "/api/v1/cases", body, self.tokens[f"{trust}-lege"])
            if status != 201 or not isinstance(case, dict):
                self.error(f"create as {trust}-lege through {server.name}: {status} {str(case)[:300]}")
                continue
            record = {"number": case["caseNumber"], "trust": trust, "steps": [], "version": case["version"],
                      "state": case["state"]}
            with self.lock:
                self.cases[case["id"]] = record
            # Every third case races one of its steps (a different step each time) on both servers.
            raced_step = n % len(CHAIN) if n % 3 == 0 else None
            for step in range(len(CHAIN)):
                state, action, role, _ = CHAIN[step]
                if record["state"] != state:
                    self.error(f"case {case['id']} is {record['state']}, expected {state}")
                    break
                token = self.tokens[f"{trust}-{role}"]
                path = f"/api/v1/cases/{case['id']}/actions"
                fields = self.fields(trust, step)
                if step == raced_step:
                    answer = self.race(path, fields, token, record["version"], f"{action} as {trust}-{role}")
                else:
                    server = self.servers[(turn + step + 1) % 2]
                    answer = self.send(server, "POST", path, fields, token, record["version"])
                    if answer[0] != 200:
                        self.error(f"{action} as {trust}-{role} through {server.name}: {answer[0]} "
                                   f"{str(answer[1])[:300]}")
                        answer = None
                if answer is None:
                    break
                _, after = answer
                expected = next_state(step)
                if after["state"] != expected or after["version"] != record["version"] + 1:
                    self.error(f"case {case['id']} after {action}: state {after['state']} version {after['version']}, "
                               f"expected {expected} version {record['version'] + 1}")
                    break
                with self.lock:
                    record["steps"].append((state, action, expected))
                    record["version"], record["state"] = after["version"], after["state"]

    def race(self, path: str, fields: dict, token: str, version: int, what: str) -> tuple[int, object] | None:
        """The same step from the same version through both servers at the same moment: exactly one wins."""
        barrier = threading.Barrier(2)
        answers: list[tuple[int, object] | None] = [None, None]

        def one(index: int) -> None:
            barrier.wait()
            answers[index] = self.send(self.servers[index], "POST", path, fields, token, version)

        racers = [threading.Thread(target=one, args=(i,)) for i in (0, 1)]
        for racer in racers:
            racer.start()
        for racer in racers:
            racer.join()
        codes = [answer[0] if answer else 0 for answer in answers]
        with self.lock:
            self.races["raced"] += 1
        if sorted(codes) != [200, 409]:
            self.error(f"race {what} from version {version}: answers {codes} (A, B), expected one 200 and one 409: "
                       f"{[str(a[1])[:200] for a in answers if a]}")
            return None
        winner = codes.index(200)
        with self.lock:
            self.races["won_a" if winner == 0 else "won_b"] += 1
        return answers[winner]

    def go(self) -> float:
        started = time.time()
        workers = [threading.Thread(target=self.run, args=(i,)) for i in range(self.threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return time.time() - started


def check_case_numbers(work: Workload, database_url: str) -> None:
    numbers = [case["number"] for case in work.cases.values()]
    doubled = sorted({n for n in numbers if numbers.count(n) > 1})
    if doubled:
        fail(f"case numbers given twice: {doubled[:10]}")
    if not shutil.which("psql"):
        log("psql not found: case numbers checked in the clients' answers only")
        return
    query = ("SELECT (SELECT count(*) FROM cases) || '|' || "
             "(SELECT count(*) FROM (SELECT case_number FROM cases GROUP BY case_number HAVING count(*) > 1) d)")
    result = subprocess.run(["psql", database_url, "-tAc", query], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"psql: {result.stderr.strip()}")
    total, doubled_in_db = (int(x) for x in result.stdout.strip().split("|"))
    if doubled_in_db:
        fail(f"{doubled_in_db} case numbers occur more than once in the database")
    # The deactivation check below adds its own cases later; here only the workload's exist.
    if total != len(work.cases):
        fail(f"the database holds {total} cases, the clients were answered for {len(work.cases)}")
    log(f"{len(numbers)} case numbers, all different (in the answers and in the database)")


def check_transitions(work: Workload) -> int:
    """Each case read back through both servers: contiguous, and exactly the steps the clients saw succeed."""
    problems: list[str] = []
    lock = threading.Lock()
    items = list(work.cases.items())
    checked = [0]

    def check(part: list[tuple[str, dict]], offset: int) -> None:
        for i, (case_id, record) in enumerate(part):
            for server in (work.servers[(offset + i) % 2], work.servers[(offset + i + 1) % 2]):
                status, dto = call(server.base, "GET", f"/api/v1/cases/{case_id}",
                                   token=work.tokens[f"{record['trust']}-lege"])
                problem = None
                if status != 200 or not isinstance(dto, dict):
                    problem = f"read {case_id} through {server.name}: {status} {str(dto)[:200]}"
                else:
                    seen = [(t["from"], t["action"], t["to"]) for t in dto["transitions"]]
                    contiguous = all(a[2] == b[0] for a, b in zip(seen, seen[1:])) and (
                        not seen or seen[0][0] == "draft")
                    if not contiguous:
                        problem = f"{dto['caseNumber']} through {server.name}: transitions not contiguous: {seen}"
                    elif seen != record["steps"]:
                        problem = (f"{dto['caseNumber']} through {server.name}: stored {seen}, "
                                   f"the clients saw {record['steps']} succeed")
                    elif dto["version"] != 1 + len(seen) or dto["version"] != record["version"]:
                        problem = (f"{dto['caseNumber']}: version {dto['version']} with {len(seen)} transitions, "
                                   f"the clients last saw {record['version']}")
                    elif dto["state"] != record["state"] or dto["caseNumber"] != record["number"]:
                        problem = f"{dto['caseNumber']}: state {dto['state']}, the clients last saw {record['state']}"
                with lock:
                    checked[0] += 1
                    if problem:
                        problems.append(problem)

    readers = [threading.Thread(target=check, args=(items[i::4], i)) for i in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    if problems:
        fail(f"{len(problems)} cases differ from what the clients saw:\n    " + "\n    ".join(problems[:10]))
    return checked[0]


def audit_verify(binary: str, database_url: str) -> str:
    result = subprocess.run(
        [binary, "audit", "verify"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "warning", "TILGANG_AUDIT_KEY": AUDIT_KEY})
    if result.returncode != 0:
        fail(f"tilgang audit verify: {result.stdout} {result.stderr}")
    return result.stdout.strip()


# ---------------------------------------------------------------------------------------------------------------
# Deactivation across servers


class Browser:
    """A cookie session against one server, without following redirects."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.cookie: str | None = None

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, http_client.HTTPMessage, str]:
        connection = http_client.HTTPConnection(self.server.host, self.server.port, timeout=30)
        headers = {"Accept": "text/html"}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            headers["Cookie"] = f"tilgang-session={self.cookie}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            for value in response.headers.get_all("Set-Cookie") or []:
                match = re.match(r"tilgang-session=([^;]*)", value)
                if match:
                    self.cookie = match.group(1) or None
            return response.status, response.headers, text
        finally:
            connection.close()

    def sign_in(self, username: str, password: str) -> int:
        status, _, page = self.request("GET", "/logg-inn")
        match = re.search(r'name="csrf" value="([^"]+)"', page)
        if status != 200 or not match:
            fail(f"sign-in page at {self.server.name}: {status}")
        return self.request(
            "POST", "/logg-inn", {"username": username, "password": password, "csrf": match.group(1)})[0]


def check_deactivation(a: Server, b: Server) -> dict:
    """A new physician, created and deactivated through A, used through B."""
    admin = sign_in(a.base, "si-admin")
    username = f"si-tolager-{os.getpid()}"
    password = "to-servere-passord-æøå"
    status, user = call(a.base, "POST", "/api/v1/users", {
        "username": username, "displayName": "Tone Tolager", "password": password, "role": "physician",
        "departmentCode": "SI-MED", "hprNumber": str(9_150_000 + os.getpid() % 10_000)}, admin)
    if status != 201 or not isinstance(user, dict):
        fail(f"create {username} through A: {status} {str(user)[:300]}")
    token = sign_in(b.base, username, password)
    browser = Browser(b)
    if browser.sign_in(username, password) != 303:
        fail(f"{username} could not sign in to B's pages")
    # B has just looked the token and the session up, so its identity cache holds both.
    if browser.request("GET", "/min-side")[0] != 200:
        fail(f"{username}'s session on B does not open «Min side»")
    if call(b.base, "GET", "/api/v1/me", token=token)[0] != 200:
        fail(f"{username}'s token is refused by B before the deactivation")
    status, created = call(b.base, "POST", "/api/v1/cases", draft("SI", PATIENTS[0]), token)
    if status != 201:
        fail(f"{username} cannot write through B before the deactivation: {status} {str(created)[:200]}")

    status, changed = call(a.base, "POST", f"/api/v1/users/{user['id']}/actions", {"action": "deactivate"}, admin)
    committed = time.time()
    if status != 200 or not isinstance(changed, dict) or changed.get("active") is not False:
        fail(f"deactivate {username} through A: {status} {str(changed)[:300]}")

    # Writes read the token's holder fresh, and sessions live in the database: both end at once on B.
    status, body = call(b.base, "POST", "/api/v1/cases", draft("SI", PATIENTS[1]), token)
    if status != 401:
        what = body.get("caseNumber") if isinstance(body, dict) else str(body)[:200]
        fail(f"B accepted a write by {username} after the deactivation through A: {status} {what}")
    status, headers, _ = browser.request("GET", "/min-side")
    if status == 200 or (status in (302, 303) and "/logg-inn" not in headers.get("Location", "")):
        fail(f"B still serves {username}'s session after the deactivation through A: {status}")
    session_seconds = time.time() - committed
    if call(b.base, "POST", "/api/v1/auth/token", {"username": username, "password": password})[0] != 401:
        fail(f"B signs {username} in after the deactivation")

    # Reads may use B's identity cache: the token must be refused within the documented bound.
    while True:
        status, _ = call(b.base, "GET", "/api/v1/me", token=token)
        elapsed = time.time() - committed
        if status == 401:
            break
        if status != 200:
            fail(f"B answered {status} to {username}'s token while waiting for the deactivation")
        if elapsed > READ_BOUND_SECONDS + SLACK_SECONDS:
            fail(f"B still accepts {username}'s token {elapsed:.1f} s after the deactivation through A "
                 f"(documented bound {READ_BOUND_SECONDS:.0f} s)")
        time.sleep(0.1)
    return {"session_and_writes_s": session_seconds, "token_reads_s": elapsed}


# ---------------------------------------------------------------------------------------------------------------


def fresh_database() -> str:
    result = subprocess.run([os.path.join(ROOT, "scripts", "postgres-fresh-db"), DATABASE_NAME],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"scripts/postgres-fresh-db: {result.stderr.strip()}")
    return result.stdout.strip().splitlines()[-1]


def run(args: argparse.Namespace, workdir: str) -> None:
    binary = os.path.abspath(args.binary)
    database_url = args.database_url or fresh_database()
    print("Two servers on one PostgreSQL database", flush=True)
    a = Server("A", binary, database_url, args.port, os.path.join(workdir, "server-a.log"))
    b = Server("B", binary, database_url, args.port + 1, os.path.join(workdir, "server-b.log"))
    a.start()
    log(f"A on {a.base} migrated the new database and loaded the demo people")
    b.start()
    log(f"B on {b.base} started on the same database")

    users = sorted({f"{t}-{role}" for t in ("si", "hb") for _, _, role, _ in CHAIN})
    # Tokens live in the database: half signed in through A, half through B, all used through both.
    tokens = {user: sign_in((a, b)[i % 2].base, user) for i, user in enumerate(users)}
    members = {}
    for user in users:
        if user.endswith("-komite"):
            status, me = call(b.base, "GET", "/api/v1/me", token=tokens[user])
            if status != 200 or not isinstance(me, dict):
                fail(f"who am I as {user}: {status}")
            members[user] = me["id"]

    print(f"Writes through both servers at once: {args.threads} threads × {args.cases} cases through the "
          f"whole chain", flush=True)
    work = Workload([a, b], tokens, members, args.threads, args.cases)
    seconds = work.go()
    if work.errors:
        fail(f"{len(work.errors)} writes went wrong:\n    " + "\n    ".join(work.errors[:10]))
    steps = sum(len(c["steps"]) for c in work.cases.values())
    expected_cases = args.threads * args.cases
    if len(work.cases) != expected_cases or steps != expected_cases * len(CHAIN):
        fail(f"{len(work.cases)} cases with {steps} steps, expected {expected_cases} with "
             f"{expected_cases * len(CHAIN)}")
    log(f"{len(work.cases)} cases created and approved, {steps} steps in {seconds:.1f} s; requests: "
        f"A {work.requests['A']}, B {work.requests['B']}")
    log(f"{work.races['raced']} raced steps: each one 200 and one 409 (A won {work.races['won_a']}, "
        f"B won {work.races['won_b']})")

    print("Checks", flush=True)
    check_case_numbers(work, database_url)
    reads = check_transitions(work)
    log(f"{reads} case reads through both servers: every case's transitions contiguous and exactly the "
        f"acknowledged steps, none lost or doubled")
    log(f"tilgang audit verify: {audit_verify(binary, database_url)}")

    print("Deactivation through A, used through B", flush=True)
    timing = check_deactivation(a, b)
    log(f"writes and the browser session refused at once ({timing['session_and_writes_s']:.2f} s after the "
        f"commit), the token for reads after {timing['token_reads_s']:.2f} s (bound {READ_BOUND_SECONDS:.0f} s)")
    log(f"tilgang audit verify: {audit_verify(binary, database_url)}")
    for server in (a, b):
        if server.process and server.process.poll() is not None:
            fail(f"server {server.name} exited by itself; see {server.log_path}")
        if "Fatal error" in tail(server.log_path, 10_000):
            fail(f"server {server.name} crashed; see {server.log_path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--port", type=int, default=18550, help="server A; B on the next port")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: a new one)")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--cases", type=int, default=6, help="cases per thread")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        try:
            run(args, workdir)
        except TestFailure as failure:
            print(f"two_servers_test: FAILED: {failure}", file=sys.stderr, flush=True)
            for server in SERVERS:
                print(f"--- {server.name} log (last lines)\n{tail(server.log_path)}", file=sys.stderr)
            return 1
        finally:
            for server in SERVERS:
                server.stop()
    print("two_servers_test: passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
