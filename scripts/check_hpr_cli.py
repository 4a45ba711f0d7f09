#!/usr/bin/env python3
"""Checks `tilgang import hpr` against a new SQLite database: a register file with æøå imports, the same file again
changes nothing, and a file with a bad row fails naming its line and column and stores nothing of it.

Usage: check_hpr_cli.py --binary PATH
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile

GOOD = """hpr_number,name,profession,specialities
9144889,Åse Ødegård Ærø,lege,spesialist i nevrologi; spesialist i indremedisin
1234567,Bjørn Tannberg,tannlege,
55512,Vera Veterinær,veterinær,
"""
BAD = """hpr_number,name,profession,specialities
7777777,Først Riktig,lege,
8888888,Sykepleier Sjur,sykepleier,
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        database = os.path.join(work, "hpr.sqlite")
        env = {**os.environ, "DATABASE_URL": f"sqlite://{database}", "LOG_LEVEL": "warning"}
        files = {}
        for name, text in (("good.csv", GOOD), ("bad.csv", BAD)):
            files[name] = os.path.join(work, name)
            with open(files[name], "w", encoding="utf-8") as handle:
                handle.write(text)
        steps = [
            ("good.csv", 0, "3 nye, 0 endret, 0 uendret"),
            ("good.csv", 0, "0 nye, 0 endret, 3 uendret"),
            ("bad.csv", 1, "line 3"),
        ]
        for name, status, expected in steps:
            result = subprocess.run([args.binary, "import", "hpr", files[name]], env=env, capture_output=True,
                                    text=True, timeout=120)
            output = result.stdout + result.stderr
            if (result.returncode == 0) != (status == 0) or expected not in output:
                print(f"check_hpr_cli: FAILED on {name}: exit {result.returncode}, expected «{expected}» in: "
                      f"{output.strip()}", file=sys.stderr)
                return 1
            print(f"  ok: {name} → {expected}")
        with sqlite3.connect(database) as db:
            numbers = sorted(row[0] for row in db.execute("SELECT hpr_number FROM hpr_register"))
            name = db.execute("SELECT name FROM hpr_register WHERE hpr_number = '9144889'").fetchone()[0]
        if numbers != ["1234567", "55512", "9144889"] or name != "Åse Ødegård Ærø":
            print(f"check_hpr_cli: FAILED: the register holds {numbers} ({name!r}); the bad file must add nothing",
                  file=sys.stderr)
            return 1
        print("  ok: the bad file stored nothing; names keep æøå")
    return 0


if __name__ == "__main__":
    sys.exit(main())
