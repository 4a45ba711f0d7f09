#!/usr/bin/env python3
"""Template phase of bench/generate_scale.py: a real `tilgang serve` on a new SQLite database (migrations, demo
catalogue and demo people, exactly as the server makes them), then real requests that create one of everything
the ten-year data is made of: trust cases in every state of the approval chain (bench/load_setup.py), agency
applications in each desk state, pharmacy notifications, and reads. The bulk phase clones these rows, so every
column holds what the application itself writes.

    python3 bench/scale_templates.py --binary .build-release/release/tilgang --out /tmp/t.sqlite --port 19600

Prints one JSON line: the audit sequence the demo load ended at (rows after it belong to the templates).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import load_setup  # noqa: E402  (bench/load_setup.py: sign-in, cases through the chain)

# The key the whole run uses (server, generator, commands); production refuses the public development key.
BENCH_AUDIT_KEY = "tilgang-scale-benchmark-audit-key-0123456789"


def wait_healthy(base: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"scale_templates: the server exited ({proc.returncode})")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("scale_templates: the server did not become healthy")


def exemption_body(today: datetime.date, **overrides) -> dict:
    """As Tests/TilgangAppTests/ExemptionDeskTests.swift application()."""
    body = {
        "medicineId": "prednisolon-mikstur-in", "indication": "J45.9",
        "justification": "Barnet kan ikke svelge tabletter; ingen markedsført mikstur.",
        "quantity": "3 flasker à 100 ml", "validFrom": today.isoformat(),
        "validUntil": (today + datetime.timedelta(days=90)).isoformat(), "scope": "patient",
        "applicantKind": "general_practitioner", "patientNIN": load_setup.PATIENTS[0], "informedConsent": True,
    }
    body.update(overrides)
    return body


ASSESS = {
    "action": "assess", "professionalSoundness": "Forsvarlig i lys av pasientens situasjon",
    "documentationLevel": "Godkjent i India", "risk": "Lav", "alternatives": "Ingen flytende form i Norge",
    "followUpAbility": "Fastlegen følger opp",
}
# The desk states an agency application is cloned from, and the actions that lead there.
DESK_PATHS = {
    "submitted": [],
    "under_assessment": [ASSESS],
    "approved": [ASSESS, {"action": "approve", "reasons": "Vilkårene er oppfylt; gyldig i 90 dager."}],
    "refused": [ASSESS, {"action": "refuse", "reasons": "Tabletter kan knuses og gis i vann; alternativ finnes."}],
}


def make_exemptions(base: str, tokens: dict[str, str]) -> None:
    today = datetime.datetime.now(ZoneInfo("Europe/Oslo")).date()  # the server's day, not the machine's
    expect, http = load_setup.expect, load_setup.http
    for state, actions in DESK_PATHS.items():
        for n in range(2):
            body = exemption_body(today, patientNIN=load_setup.PATIENTS[n])
            dto = expect(*http(base, "POST", "/api/v1/exemptions", body, tokens["fastlege"]), 201,
                         "exemption application")
            for action in actions:
                action = {**action, "acknowledgeSimilarity": True} if "reasons" in action else action
                dto = expect(*http(base, "POST", f"/api/v1/exemptions/{dto['id']}/actions", action,
                                   tokens["dmp-saksbehandler"], {"If-Match": f'"{dto["version"]}"'}), 200,
                             f"exemption {action['action']}")
            if dto["state"] != state:
                raise SystemExit(f"scale_templates: exemption is {dto['state']}, expected {state}")
    for pharmacist in ("si-farmasoyt", "hb-farmasoyt"):
        for n in range(3):
            body = exemption_body(today, medicineId="imovane-7-5mg", indication="G47.0",
                                  prescriberName="Frode Fastlege", prescriberHPR="9300001",
                                  patientNIN=load_setup.PATIENTS[n])
            expect(*http(base, "POST", "/api/v1/notifications", body, tokens[pharmacist]), 201, "notification")


# Cases that leave the chain's main line: (stop in load_setup.CHAIN, action, role) after that many steps.
SIDE_EXITS = [
    (4, "refuse", "direktor"),
    (1, "withdraw", "lege"),
    (1, "return_to_applicant", "avdelingsleder"),
    (3, "request_supplement", "komite"),
]


def make_side_cases(base: str, tokens: dict[str, str]) -> list[str]:
    """Refused, withdrawn, returned and supplement-requested cases; returns the states made."""
    expect, http = load_setup.expect, load_setup.http
    made = []
    for trust in ("SI", "HB"):
        t = trust.lower()
        for stop, final_action, role in SIDE_EXITS:
            case = expect(*http(base, "POST", "/api/v1/cases", load_setup.draft(trust, load_setup.PATIENTS[1]),
                                tokens[f"{t}-lege"]), 201, "create case")
            for state, action, step_role, fields in load_setup.CHAIN[:stop]:
                case = expect(*http(base, "POST", f"/api/v1/cases/{case['id']}/actions",
                                    {"action": action, **load_setup.with_self(fields, base, tokens[f"{t}-{step_role}"])},
                                    tokens[f"{t}-{step_role}"], {"If-Match": f'"{case["version"]}"'}), 200, action)
            status, body = http(base, "POST", f"/api/v1/cases/{case['id']}/actions",
                                {"action": final_action, "comment": "Mangler opplysninger om tidligere behandling."},
                                tokens[f"{t}-{role}"], {"If-Match": f'"{case["version"]}"'})
            if status == 200:
                made.append(body["state"])
            else:
                print(f"scale_templates: {final_action} as {t}-{role}: {status} {str(body)[:200]}", file=sys.stderr)
    return made


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--port", type=int, default=19600)
    a = p.parse_args()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(a.out + suffix):
            os.remove(a.out + suffix)
    env = dict(os.environ, DATABASE_URL=f"sqlite://{a.out}", TILGANG_AUDIT_KEY=BENCH_AUDIT_KEY)
    env.pop("LOG_LEVEL", None)
    base = f"http://127.0.0.1:{a.port}"
    log = open(a.out + ".server.log", "w")
    proc = subprocess.Popen([a.binary, "serve", "--hostname", "127.0.0.1", "--port", str(a.port)], cwd=REPO,
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_healthy(base, proc)
        with sqlite3.connect(a.out) as c:
            demo_end = c.execute("SELECT coalesce(max(sequence), 0) FROM audit_log").fetchone()[0]
        tokens = {}
        for user in load_setup.USERS + ["fastlege", "dmp-saksbehandler", "si-farmasoyt", "hb-farmasoyt"]:
            if user not in tokens:
                body = load_setup.expect(*load_setup.http(base, "POST", "/api/v1/auth/token", {
                    "username": user, "password": load_setup.PASSWORD}), 200, f"sign in {user}")
                tokens[user] = body["token"]
        cases = load_setup.create_cases(base, tokens, {"SI": 1, "HB": 1})
        side = make_side_cases(base, tokens)
        make_exemptions(base, tokens)
        # One read of a case by someone who may read it, so the read's audit row is a template too.
        readable = [c for c in cases if c["state"] != "draft"]
        load_setup.expect(*load_setup.http(base, "GET", f"/api/v1/cases/{readable[0]['id']}",
                                           token=tokens[f"{readable[0]['trust'].lower()}-direktor"]), 200, "read")
    finally:
        proc.terminate()
        proc.wait(20)
        log.close()
    print(json.dumps({"demo_audit_end": demo_end, "cases": len(cases), "side_states": sorted(set(side))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
