#!/usr/bin/env python3
"""Setup phase of bench/load: signs demo users in over the API, creates cases in every state of the approval
chain (so each role's work lists and case pages have something in them), checks the route-decision examples,
and writes the Lua data file the wrk scripts read (TILGANG_BENCH_DATA).

    python3 bench/load_setup.py --base-url http://127.0.0.1:18090 --out /tmp/x/data.lua

Standard library only. Exits non-zero with the failing request when the server does not behave as documented.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import sys
import urllib.error
import urllib.request

PASSWORD = "tilgang-demo"
TRUST_ROLES = ["lege", "avdelingsleder", "divisjonsdirektor", "komite", "direktor"]
# Users of the read mix (different roles, both trusts, and one outside the trusts).
READERS = [
    "si-lege", "hb-lege", "si-avdelingsleder", "si-divisjonsdirektor", "si-komite", "si-direktor", "hb-direktor",
    "dmp-saksbehandler",
]
USERS = sorted({f"{t}-{r}" for t in ("si", "hb") for r in TRUST_ROLES} | set(READERS))

# The chain of one trust: the action that leaves each state, and who takes it.
CHAIN = [
    ("draft", "submit", "lege", {}),
    ("department_review", "assess", "avdelingsleder",
     {"assessmentKind": "recommend_approval", "assessment": "Faglig forsvarlig."}),
    ("division_review", "assess", "divisjonsdirektor",
     {"assessmentKind": "recommend_approval", "benefit": "Stor", "resourceUse": "Moderat", "severity": "Alvorlig"}),
    # The committee names who took part: the member who records it (their id is filled in at run time).
    ("committee_review", "assess", "komite",
     {"assessmentKind": "recommend_approval", "assessment": "Anbefales.", "members": "self"}),
    ("director_decision", "approve", "direktor", {"comment": "Godkjent i 12 mnd"}),
]


class SetupError(Exception):
    pass


def http(base: str, method: str, path: str, body: object | None = None, token: str | None = None,
         headers: dict | None = None) -> tuple[int, object]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            status, raw = res.status, res.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode(errors="replace")


def expect(status: int, body: object, wanted: int, what: str) -> object:
    if status != wanted:
        raise SetupError(f"{what}: expected {wanted}, got {status}: {str(body)[:400]}")
    return body


def valid_nin(born: str, start: int = 100) -> str:
    """A national identity number with valid check digits (as Tests/…/APIClient.swift validNIN)."""
    for individual in range(start, 1000):
        digits = [int(c) for c in f"{born}{individual}"]

        def check(numbers, weights):
            k = (11 - sum(a * b for a, b in zip(numbers, weights)) % 11) % 11
            return None if k == 10 else k

        k1 = check(digits, [3, 7, 6, 1, 8, 9, 4, 5, 2])
        if k1 is None:
            continue
        k2 = check(digits + [k1], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])
        if k2 is None:
            continue
        return f"{born}{individual}{k1}{k2}"
    raise SetupError(f"no valid NIN for {born}")


PATIENTS = [valid_nin(b) for b in ("150385", "020771", "311299", "010160", "240412", "121048")]


def draft(trust: str, patient: str, kind: str = "individual") -> dict:
    """A valid draft (Tests/TilgangAppTests/Helpers/APIClient.swift draft())."""
    body = {
        "kind": kind, "patientTrust": trust, "medicineId": "mabthera-500mg", "indication": "G35",
        "dosage": "1000 mg x 2 med 2 ukers mellomrom", "treatmentDuration": "12 måneder",
        "justification": "Aktiv MS med svikt på to godkjente behandlinger",
        "alternatives": "Ocrelizumab er prøvd; bivirkninger", "expectedBenefit": "Færre attakker",
        "costEstimate": "ca. 60 000 kr per år", "patientInformed": True,
    }
    if kind == "individual":
        body["patientNIN"] = patient
    else:
        body["groupDescription"] = "Voksne med aktiv RRMS som har sviktet to behandlinger"
        body["groupSize"] = 12
    return body


def with_self(fields: dict, base: str, token: str) -> dict:
    """`members: "self"` becomes the signed-in committee member's own id (chain v2)."""
    if fields.get("members") != "self":
        return fields
    status, me = http(base, "GET", "/api/v1/me", token=token)
    return {**fields, "members": [expect(status, me, 200, "who am I")["id"]]}


def login_all(base: str) -> dict[str, str]:
    tokens = {}
    for user in USERS:
        status, body = http(base, "POST", "/api/v1/auth/token", {"username": user, "password": PASSWORD})
        tokens[user] = expect(status, body, 200, f"sign in {user}")["token"]
    return tokens


def create_cases(base: str, tokens: dict[str, str], per_state: dict[str, int]) -> list[dict]:
    """Cases in every state from draft to approved; returns [{id, trust, state, version}]."""
    cases = []
    n = 0
    for trust, count in per_state.items():
        t = trust.lower()
        for stop in range(len(CHAIN) + 1):  # 0 = draft … 5 = approved
            for _ in range(count):
                n += 1
                kind = "group" if n % 5 == 0 else "individual"
                status, body = http(base, "POST", "/api/v1/cases", draft(trust, PATIENTS[n % len(PATIENTS)], kind),
                                    tokens[f"{t}-lege"])
                case = expect(status, body, 201, f"create case as {t}-lege")
                for state, action, role, fields in CHAIN[:stop]:
                    if case["state"] != state:
                        raise SetupError(f"case {case['id']} is {case['state']}, expected {state}")
                    status, body = http(base, "POST", f"/api/v1/cases/{case['id']}/actions",
                                        {"action": action, **with_self(fields, base, tokens[f"{t}-{role}"])},
                                        tokens[f"{t}-{role}"],
                                        {"If-Match": f'"{case["version"]}"'})
                    case = expect(status, body, 200, f"{action} as {t}-{role}")
                cases.append({"id": case["id"], "trust": trust, "state": case["state"], "version": case["version"]})
    return cases


def may_read(user: str, case: dict) -> bool:
    """Sources/TilgangApp/Features/Cases/CaseAccess.swift mayRead, for the demo users (one department per trust)."""
    trust, role = user.split("-", 1) if "-" in user else ("", user)
    if role == "lege":
        return case["trust"].lower() == trust
    if case["state"] == "draft":
        return False
    if role in ("avdelingsleder", "divisjonsdirektor", "komite", "direktor"):
        return case["trust"].lower() == trust
    return False


def pathway_scenarios(base: str, repo: str) -> list[str]:
    """The docs/examples/pathway scenarios the API decides with 200 (compact JSON bodies)."""
    bodies = []
    for path in sorted(glob.glob(os.path.join(repo, "docs/examples/pathway/*.json"))):
        with open(path, encoding="utf-8") as f:
            scenario = json.load(f)["scenario"]
        status, body = http(base, "POST", "/api/v1/pathway", scenario)
        expect(status, body, 200, f"route decision {os.path.basename(path)}")
        bodies.append(json.dumps(scenario, ensure_ascii=False, separators=(",", ":")))
    if not bodies:
        raise SetupError("no docs/examples/pathway/*.json")
    return bodies


def read_sequence(cases: list[dict], scenarios: list[str], length: int, seed: int) -> list[dict]:
    """Weighted, shuffled: 40 % work lists, 35 % case pages, 25 % route decisions."""
    rng = random.Random(seed)
    lists = [(u, lst) for u in READERS for lst in ("todo", "todo", "unit", "decided")]
    reads = [(u, c["id"]) for u in READERS for c in cases if may_read(u, c)]
    if not reads:
        raise SetupError("no readable cases")
    seq = []
    for i in range(length):
        r = rng.random()
        if r < 0.40:
            user, lst = rng.choice(lists)
            seq.append({"kind": "list", "user": user, "method": "GET", "path": f"/api/v1/cases?list={lst}"})
        elif r < 0.75:
            user, case_id = rng.choice(reads)
            seq.append({"kind": "case", "user": user, "method": "GET", "path": f"/api/v1/cases/{case_id}"})
        else:
            seq.append({"kind": "pathway", "user": rng.choice(READERS), "method": "POST", "path": "/api/v1/pathway",
                        "body": rng.choice(scenarios)})
    return seq


def lua(value) -> str:
    """A Lua literal. Strings use long brackets, so JSON bodies need no escaping."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        if "]==]" in value:
            raise SetupError("string holds ]==]")
        return "[==[" + value + "]==]"
    if isinstance(value, list):
        return "{\n" + ",\n".join(lua(v) for v in value) + "\n}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"[ {lua(str(k))} ] = {lua(v)}" for k, v in value.items()) + "}"
    raise SetupError(f"cannot write {type(value)} as Lua")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base-url", required=True)
    p.add_argument("--out", required=True, help="the Lua data file to write")
    p.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    p.add_argument("--cases-per-state", type=int, default=8, help="per trust SI; half for HB (default 8)")
    p.add_argument("--sequence", type=int, default=2000, help="length of the read-mix sequence")
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    base = a.base_url.rstrip("/")
    try:
        tokens = login_all(base)
        cases = create_cases(base, tokens, {"SI": a.cases_per_state, "HB": max(1, a.cases_per_state // 2)})
        # Every reader's first readable case and work list must answer 200 before the load starts.
        for user in READERS:
            mine = [c for c in cases if may_read(user, c)]
            if mine:
                s, b = http(base, "GET", f"/api/v1/cases/{mine[0]['id']}", token=tokens[user])
                expect(s, b, 200, f"read case as {user}")
            s, b = http(base, "GET", "/api/v1/cases?list=todo", token=tokens[user])
            expect(s, b, 200, f"work list as {user}")
        scenarios = pathway_scenarios(base, a.repo)
    except (SetupError, OSError) as e:
        print(f"load_setup: {e}", file=sys.stderr)
        return 1
    drafts = []
    for i in range(60):
        trust = "SI" if i % 3 else "HB"
        drafts.append({"user": f"{trust.lower()}-lege",
                       "body": json.dumps(draft(trust, PATIENTS[i % len(PATIENTS)], "group" if i % 5 == 0 else
                                                "individual"), ensure_ascii=False, separators=(",", ":"))})
    data = {
        "tokens": tokens,
        # Each trust's committee member's id, for the committee's recommendation in write.lua (chain v2).
        "members": {u: expect(*http(base, "GET", "/api/v1/me", token=tokens[u]), 200, "who am I")["id"]
                    for u in tokens if u.endswith("-komite")},
        "read_sequence": read_sequence(cases, scenarios, a.sequence, a.seed),
        "drafts": drafts,
    }
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("-- written by bench/load_setup.py\nreturn " + lua(data) + "\n")
    states = {}
    for c in cases:
        states[c["state"]] = states.get(c["state"], 0) + 1
    print(json.dumps({"users": len(tokens), "cases": len(cases), "states": states,
                      "scenarios": len(scenarios), "read_sequence": a.sequence}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
