#!/usr/bin/env python3
"""Checks the preparedness command line against a database that holds the demo register.

- `tilgang import sites` of the shipped file reports every site unchanged (the demo loaded the same file), and a
  file with a bad row exits non-zero, names the line and changes nothing;
- `tilgang preparedness propose --medicine morfin-inj-10mg --format json` ranks the sterile injection makers and
  agrees with the API's proposal for the same medicine.

Usage: check_preparedness_cli.py --binary PATH --database-url URL --base-url URL
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request

SITES = os.path.join(os.path.dirname(__file__), "..", "Sources", "TilgangApp", "Resources", "production-sites-2020.csv")


def fail(message: str) -> None:
    print(f"check_preparedness_cli: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def tilgang(binary: str, database_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([binary, *args], env={**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "warning"},
                          capture_output=True, text=True, timeout=120)


def api_proposal(base_url: str) -> dict:
    body = json.dumps({"username": "beredskap-analytiker", "password": "tilgang-demo"}).encode()
    request = urllib.request.Request(base_url + "/api/v1/auth/token", data=body,
                                     headers={"Content-Type": "application/json"})
    token = json.load(urllib.request.urlopen(request))["token"]
    request = urllib.request.Request(base_url + "/api/v1/preparedness/proposals/morfin-inj-10mg",
                                     headers={"Authorization": f"Bearer {token}"})
    return json.load(urllib.request.urlopen(request))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args()

    result = tilgang(args.binary, args.database_url, "import", "sites", SITES)
    if result.returncode != 0 or "0 nye, 0 endret, 18 uendret" not in result.stdout:
        fail(f"re-import of the shipped sites: {result.returncode} {result.stdout} {result.stderr}")
    print("  ok: tilgang import sites of the same file changes nothing (18 unchanged)")

    with open(SITES, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    lines[1] = lines[1].replace("Oslo", "Drammen", 1)
    lines[6] = lines[6].replace(",yes,", ",kanskje,", 1)
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as bad:
        bad.write("\n".join(lines) + "\n")
    result = tilgang(args.binary, args.database_url, "import", "sites", bad.name)
    os.unlink(bad.name)
    if result.returncode == 0 or "line 7" not in (result.stdout + result.stderr):
        fail(f"a bad row must fail and name line 7: {result.returncode} {result.stdout} {result.stderr}")
    result = tilgang(args.binary, args.database_url, "import", "sites", SITES)
    if "18 uendret" not in result.stdout:
        fail(f"the bad file changed something: {result.stdout}")
    print("  ok: a bad row names line 7 and changes nothing")

    result = tilgang(args.binary, args.database_url, "preparedness", "propose", "--medicine", "morfin-inj-10mg",
                     "--format", "json")
    if result.returncode != 0:
        fail(f"propose: {result.returncode} {result.stderr}")
    cli = json.loads(result.stdout)
    sites = [c["site"] for c in cli["proposal"]["candidates"]]
    if set(sites) != {"SAO Rikshospitalet", "SAV Bergen", "GE Healthcare", "Curida"}:
        fail(f"unexpected proposal {sites}")
    api = api_proposal(args.base_url)
    if [c["site"] for c in api["proposal"]["candidates"]] != sites:
        fail(f"CLI and API disagree: {sites} vs {[c['site'] for c in api['proposal']['candidates']]}")
    print(f"  ok: tilgang preparedness propose ranks {sites}, as the API does")
    return 0


if __name__ == "__main__":
    sys.exit(main())
