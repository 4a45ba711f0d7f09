#!/usr/bin/env python3
"""Checks `tilgang import fest` on the fixtures against a new SQLite database: the first release adds all seven
products, the same release again changes nothing, the newer release adds, changes and retires, and a truncated
file fails naming its line and changes nothing.

Usage: check_fest_cli.py --binary PATH
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "fest")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "DATABASE_URL": f"sqlite://{work}/fest.sqlite", "LOG_LEVEL": "warning"}

        def run(path: str) -> subprocess.CompletedProcess:
            return subprocess.run([args.binary, "import", "fest", path], env=env, capture_output=True, text=True,
                                  timeout=120)

        release1, release2 = (os.path.join(FIXTURES, f"fest-release-{n}.xml") for n in (1, 2))
        with open(release2, encoding="utf-8") as handle:
            text = handle.read()
        cut = os.path.join(work, "cut.xml")
        with open(cut, "w", encoding="utf-8") as handle:
            handle.write(text[: text.index("</m30:OppfLegemiddelpakning>")])
        steps = [
            (release1, 0, "7 nye, 0 endret, 0 utgått, 0 uendret"),
            (release1, 0, "0 nye, 0 endret, 0 utgått, 7 uendret"),
            (cut, 1, "linje"),
            (release2, 0, "1 nye, 1 endret, 2 utgått, 4 uendret"),
            (release2, 0, "0 nye, 0 endret, 0 utgått, 7 uendret"),
        ]
        for path, status, expected in steps:
            result = run(path)
            output = result.stdout + result.stderr
            if (result.returncode == 0) != (status == 0) or expected not in output:
                print(f"check_fest_cli: FAILED on {os.path.basename(path)}: exit {result.returncode}, expected "
                      f"«{expected}» in: {output.strip()}", file=sys.stderr)
                return 1
            print(f"  ok: {os.path.basename(path)} → {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
