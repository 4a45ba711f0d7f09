#!/usr/bin/env python3
"""API fuzzing with schemathesis against the served OpenAPI document, once per role.

    python3 scripts/fuzz_api.py --binary PATH [--examples N] [--port P] [--seed S] [--jobs J] [--roles a,b]

For one demo user of every role (plus an anonymous run and one with the catalogue-import admin token) it
starts a server from --binary on a new temporary SQLite database (never the one the browser tests use), gets
the user's token, and runs `schemathesis run` against http://127.0.0.1:PORT/api/v1/openapi.json with that
bearer token, a fixed seed and a bounded number of test cases per operation. Checks: no 5xx; the status
code, content type, headers and body are ones the document names; no operation that needs a token answers
without one. Exits 1 on any failure or server crash, printing each distinct failure once with the roles that
hit it, the response and a curl that reproduces it. Roles run two at once (--jobs), each on its own server.
"""

from __future__ import annotations

import argparse
import base64
import concurrent.futures
import importlib.metadata
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIREMENTS = os.path.join(ROOT, "scripts", "requirements-fuzz.txt")
PASSWORD = "tilgang-demo"

# One demo user of every role (README's table), both trusts' applicants, the agency, preparedness, a GP.
ROLES = [
    "si-lege",
    "si-avdelingsleder",
    "si-divisjonsdirektor",
    "si-komite",
    "si-direktor",
    "si-seksjonsoverlege",
    "si-niva2",
    "si-farmasoyt",
    "si-admin",
    "dmp-saksbehandler",
    "beredskap-analytiker",
    "fastlege",
    "hb-lege",
]
ANONYMOUS = "anonymous"  # no Authorization header: the public operations and every 401
ADMIN_TOKEN = "admin-import"  # an administrator's token, fuzzing POST /catalogue/import only

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "ignored_auth",
        "unsupported_method",
    ]
)

LIVE: set[subprocess.Popen] = set()  # servers and schemathesis runs, ended if this script is stopped


def stop_children_and_exit(signum, _frame) -> None:
    for proc in list(LIVE):
        if proc.poll() is None:
            proc.terminate()
    for proc in list(LIVE):
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
    print(f"fuzz_api: stopped by signal {signum}", file=sys.stderr, flush=True)
    os._exit(128 + signum)


def log(msg: str) -> None:
    print(msg, flush=True)


def pinned_version() -> str:
    with open(REQUIREMENTS, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line.startswith("schemathesis=="):
                return line.split("==", 1)[1]
    raise SystemExit(f"{REQUIREMENTS} pins no schemathesis version")


def ensure_schemathesis() -> None:
    want = pinned_version()
    try:
        have = importlib.metadata.version("schemathesis")
    except importlib.metadata.PackageNotFoundError:
        have = None
    if have != want:
        log(f"installing schemathesis=={want} (found {have or 'none'})")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--root-user-action=ignore", "-r", REQUIREMENTS],
            check=True,
        )


def http_json(method: str, url: str, body: dict | None = None, timeout: float = 10) -> tuple[int, dict | None]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        try:
            return e.code, json.loads(e.read() or b"null")
        except ValueError:
            return e.code, None


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is fine
        try:
            probe.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


class Server:
    """One server under test on its own new SQLite database in `directory`."""

    def __init__(self, binary: str, port: int, directory: str, admin_token: str):
        self.binary = binary
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log_path = os.path.join(directory, "server.log")
        self.env = dict(os.environ)
        self.env.update(
            DATABASE_URL=f"sqlite://{os.path.join(directory, 'fuzz.sqlite')}",
            TILGANG_ADMIN_TOKEN=admin_token,
            LOG_LEVEL="info",
        )
        self.env.pop("TILGANG_DEMO_DATA", None)  # the demo users are the roles
        self.proc: subprocess.Popen | None = None
        self.log_file = None

    def start(self, timeout: float = 90) -> None:
        if not port_is_free(self.port):  # a server already there would answer /healthz in our stead
            raise SystemExit(f"port {self.port} is in use; pass another --port")
        self.log_file = open(self.log_path, "a", encoding="utf-8")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT,  # Resources/Views and Public
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        LIVE.add(self.proc)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited ({self.exit_description()}) at start:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"the server did not answer /healthz within {timeout:.0f}s:\n{self.log_tail()}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def exit_description(self) -> str:
        code = self.proc.returncode if self.proc else None
        if code is None:
            return "running"
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exit status {code}"

    def log_tail(self, lines: int = 25) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None:
            LIVE.discard(self.proc)
        if self.log_file is not None:
            self.log_file.close()
            self.log_file = None


def get_token(base: str, username: str) -> str:
    status, body = http_json(
        "POST", base + "/api/v1/auth/token", {"username": username, "password": PASSWORD}
    )
    if status != 200 or not isinstance(body, dict) or "token" not in body:
        raise SystemExit(f"could not sign in {username}: {status} {body}")
    return body["token"]


def request_body(req: dict) -> bytes | None:
    body = req.get("body")
    if body is None:
        return None
    if isinstance(body, dict) and "$base64" in body:
        return base64.b64decode(body["$base64"])
    if isinstance(body, str):
        return body.encode("utf-8", "surrogatepass")
    return json.dumps(body).encode()


def curl_for(req: dict, token: str | None) -> str:
    parts = ["curl", "-sS", "-i", "-X", req["method"]]
    for name, values in (req.get("headers") or {}).items():
        if name.lower() in ("user-agent", "accept-encoding", "accept", "connection", "content-length"):
            continue
        for value in values if isinstance(values, list) else [values]:
            if token and token in value:
                parts.append(f'-H "{name}: ' + value.replace(token, "$TOKEN") + '"')
            else:
                parts.append("-H " + shlex.quote(f"{name}: {value}" if value != "" else f"{name};"))
    body = request_body(req)
    if body is not None:
        try:
            text = body.decode("utf-8")
            printable = all(c.isprintable() or c in "\n\t" for c in text)
        except UnicodeDecodeError:
            printable = False
        if printable:
            parts.append("--data-binary " + shlex.quote(text))
        else:
            encoded = base64.b64encode(body).decode()
            parts.append(f"--data-binary @<(printf %s {encoded} | base64 -d)")
    parts.append(shlex.quote(req["uri"]))
    return " ".join(parts)


def short(text: str, limit: int = 400) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def response_text(resp: dict | None) -> str:
    if not resp:
        return ""
    content = resp.get("content")
    if isinstance(content, dict) and "$base64" in content:
        raw = base64.b64decode(content["$base64"])
    elif isinstance(content, str):
        raw = content.encode()
    else:
        return ""
    return raw.decode("utf-8", "replace")


def read_events(path: str):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                event = json.loads(line)
                (name, payload), = event.items()
                yield name, payload


def collect(ndjson: str, role: str, token: str | None) -> tuple[list[dict], list[str]]:
    """Failures (one per operation, check and status) and errors from schemathesis' event stream."""
    failures: dict[tuple, dict] = {}
    errors: list[str] = []
    for name, payload in read_events(ndjson):
        if name == "ScenarioFinished":
            recorder = payload.get("recorder") or {}
            label = recorder.get("label", "?")
            interactions = recorder.get("interactions") or {}
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    if check.get("status") == "success":
                        continue
                    info = (check.get("failure_info") or {}).get("failure") or {}
                    interaction = interactions.get(case_id) or {}
                    resp = interaction.get("response") or {}
                    status = resp.get("status_code")
                    operation = info.get("operation") or label
                    key = (operation, check.get("name"), status, info.get("title"))
                    if key in failures:
                        continue
                    failures[key] = {
                        "role": role,
                        "operation": operation,
                        "check": check.get("name"),
                        "title": info.get("title", ""),
                        "message": info.get("message", ""),
                        "status": status,
                        "response": short(response_text(resp)),
                        "curl": curl_for(interaction["request"], token) if interaction.get("request") else "",
                        "phase": payload.get("phase"),
                    }
        elif name in ("NonFatalError", "FatalError"):
            info = payload.get("value") or payload.get("info") or {}
            label = payload.get("label") or ""
            message = info.get("message") or info.get("title") or json.dumps(info)[:500]
            if token:
                message = message.replace(token, "$TOKEN")
            kind = info.get("type", "")
            errors.append(f"{label} ({kind}): {message}" if kind else f"{label}: {message}")
    return list(failures.values()), errors


def run_role(role: str, port: int, args: argparse.Namespace, workdir: str, admin_token: str) -> dict:
    """One role's run on its own server and new database, so that every role starts from the same demo data
    and a failure reproduces with --roles ROLE alone."""
    directory = os.path.join(workdir, role)
    os.makedirs(directory, exist_ok=True)
    ndjson = os.path.join(directory, "events.ndjson")
    out_path = os.path.join(directory, "schemathesis.out")
    server = Server(args.binary, port, directory, admin_token)
    result = {"role": role, "failures": [], "errors": [], "crash": None, "elapsed": 0.0}
    started = time.monotonic()
    try:
        server.start()
        # The token before any fuzzing: the fuzzed POST /auth/token may lock accounts (5 failures in 15 min).
        # The catalogue import is tied to an administrator's own account (security review finding 14).
        token = None if role == ANONYMOUS else get_token(server.base, "si-admin" if role == ADMIN_TOKEN else role)
    except SystemExit as e:
        server.stop()
        result["errors"].append(str(e))
        result["elapsed"] = time.monotonic() - started
        return result
    try:
        cmd = [
            sys.executable,
            "-c",
            "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())",
            "run",
            f"{server.base}/api/v1/openapi.json",
            "--checks", args.checks,
            "--max-examples", str(args.examples),
            "--seed", str(args.seed),
            "--phases", args.phases,
            "--workers", "1",
            "--generation-database", "none",
            "--request-timeout", "15",
            "--suppress-health-check", "all",
            "--output-sanitize", "false",
            "--no-color",
            "--report", "ndjson",
            "--report-ndjson-path", ndjson,
        ]
        if role == ADMIN_TOKEN:
            cmd += ["--include-path", "/catalogue/import"]
        if token:
            cmd += ["--header", f"Authorization: Bearer {token}"]
        with open(out_path, "w", encoding="utf-8") as out:
            proc = subprocess.Popen(cmd, cwd=directory, stdout=out, stderr=subprocess.STDOUT)
            LIVE.add(proc)
            try:
                code = proc.wait(timeout=args.role_timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                code = None
            LIVE.discard(proc)
        if os.path.exists(ndjson):
            result["failures"], result["errors"] = collect(ndjson, role, token)
        if code is None:
            result["errors"].append(f"schemathesis did not finish within {args.role_timeout}s")
        elif code != 0 and not result["failures"] and not result["errors"]:
            with open(out_path, encoding="utf-8", errors="replace") as f:
                result["errors"].append(f"schemathesis exited with {code}:\n" + "".join(f.readlines()[-30:]))
        if not server.alive():
            result["crash"] = f"the server ({server.exit_description()}) died while fuzzing as {role}; its log ends:\n"
            result["crash"] += server.log_tail(15)
    finally:
        server.stop()
        result["elapsed"] = time.monotonic() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, help="the tilgang server binary")
    parser.add_argument("--examples", type=int, default=15, help="test cases per operation in the fuzzing phase")
    parser.add_argument("--port", type=int, default=18190, help="first port to try; busy ones are skipped")
    parser.add_argument("--seed", type=int, default=20240601, help="schemathesis/hypothesis seed (fixed by default)")
    parser.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    parser.add_argument("--checks", default=CHECKS, help=f"schemathesis checks (default {CHECKS})")
    parser.add_argument("--jobs", type=int, default=2, help="roles fuzzed at once, each on its own server")
    parser.add_argument("--roles", help="comma-separated subset of: " + ", ".join(ROLES + [ANONYMOUS, ADMIN_TOKEN]))
    parser.add_argument("--role-timeout", type=int, default=240, help="seconds for one role's run (default 240)")
    parser.add_argument("--keep", metavar="DIR", help="keep the server logs and schemathesis' output in DIR")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stop_children_and_exit)
    signal.signal(signal.SIGINT, stop_children_and_exit)

    args.binary = os.path.abspath(args.binary)
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"not an executable: {args.binary}")
    ensure_schemathesis()

    roles = ROLES + [ANONYMOUS, ADMIN_TOKEN]
    if args.roles:
        wanted = [r.strip() for r in args.roles.split(",") if r.strip()]
        unknown = [r for r in wanted if r not in roles]
        if unknown:
            raise SystemExit(f"unknown role(s): {', '.join(unknown)}")
        roles = wanted

    workdir = tempfile.mkdtemp(prefix="tilgang-fuzz-")
    admin_token = secrets.token_urlsafe(24)
    lock = threading.Lock()
    ours: set[int] = set()

    def acquire_port() -> int:
        """The first port from --port on that is free and not one of our running servers'."""
        with lock:
            for port in range(args.port, args.port + 200):
                if port not in ours and port_is_free(port):
                    ours.add(port)
                    return port
        raise SystemExit(f"no free port in {args.port}…{args.port + 199}")

    def job(role: str) -> dict:
        port = acquire_port()
        try:
            return run_role(role, port, args, workdir, admin_token)
        finally:
            with lock:
                ours.discard(port)

    log(f"API fuzzing with schemathesis {importlib.metadata.version('schemathesis')}: {len(roles)} roles, "
        f"seed {args.seed}, {args.examples} examples, {args.jobs} at once, each on a new SQLite database")
    started = time.monotonic()
    results: list[dict] = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for result in pool.map(job, roles):
                results.append(result)
                n_fail, n_err = len(result["failures"]), len(result["errors"]) + bool(result["crash"])
                verdict = "ok" if not n_fail and not n_err else f"{n_fail} failure(s), {n_err} error(s)"
                log(f"  {result['role']:<22} {result['elapsed']:6.1f}s  {verdict}")
        total = time.monotonic() - started
        return report(results, args, total)
    finally:
        if args.keep:
            shutil.copytree(workdir, args.keep, dirs_exist_ok=True)
        shutil.rmtree(workdir, ignore_errors=True)


def report(results: list[dict], args: argparse.Namespace, total: float) -> int:
    failures = [f for r in results for f in r["failures"]]
    errors = [(r["role"], e) for r in results for e in r["errors"]]
    crashes = [r["crash"] for r in results if r["crash"]]
    if not failures and not errors and not crashes:
        log(f"API fuzzing: no failures for {len(results)} roles in {total:.0f}s")
        return 0
    grouped: dict[tuple, list[dict]] = {}
    for f in failures:
        grouped.setdefault((f["operation"], f["check"], f["status"], f["title"]), []).append(f)
    log(f"\nAPI fuzzing FAILED in {total:.0f}s: {len(grouped)} distinct failure(s), {len(errors)} error(s), "
        f"{len(crashes)} server crash(es)")
    log("Reproduce: run the server as scripts/test does, then TOKEN=$(curl -s -X POST "
        "http://127.0.0.1:PORT/api/v1/auth/token -H 'Content-Type: application/json' "
        "-d '{\"username\":\"ROLE\",\"password\":\"tilgang-demo\"}' | python3 -c "
        "'import json,sys; print(json.load(sys.stdin)[\"token\"])'); or rerun one role: "
        "python3 scripts/fuzz_api.py --binary BIN --roles ROLE --keep DIR")
    for i, (_, group) in enumerate(sorted(grouped.items(), key=lambda kv: str(kv[0])), 1):
        f = group[0]
        log(f"\n{i}. {f['operation']}: {f['title']} ({f['check']}), status {f['status']}")
        log(f"   as: {', '.join(g['role'] for g in group)}")
        if f["message"]:
            log("   " + short(f["message"], 600))
        if f["response"]:
            log(f"   response: {f['response']}")
        log(f"   reproduce (as {f['role']}): {f['curl']}")
    for role, e in errors:
        log(f"\nERROR as {role}: {short(e, 1500)}")
    for c in crashes:
        log(f"\nSERVER CRASH: {c}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
