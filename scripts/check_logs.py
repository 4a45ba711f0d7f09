#!/usr/bin/env python3
"""Fails when a server log holds a Norwegian national identity number or D-number.

Usage:
    check_logs.py LOGFILE --expect-marker TEXT

Any run of exactly 11 digits (not part of a longer number or a hex id such as a UUID) whose two mod-11 check
digits are right counts as an identity number. `--expect-marker` names text the log must contain (for example
`POST /saker`), so the check cannot pass on a log of a run that never handled patient data.
"""

from __future__ import annotations

import argparse
import re
import sys

CANDIDATE = re.compile(r"(?<![0-9A-Fa-f-])([0-9]{11})(?![0-9A-Fa-f-])")
WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def check_digit(digits: list[int], weights: list[int]) -> int | None:
    remainder = sum(d * w for d, w in zip(digits, weights)) % 11
    value = 0 if remainder == 0 else 11 - remainder
    return None if value == 10 else value


def is_identity_number(text: str) -> bool:
    digits = [int(c) for c in text]
    return check_digit(digits, WEIGHTS_1) == digits[9] and check_digit(digits, WEIGHTS_2) == digits[10]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logfile")
    parser.add_argument("--expect-marker", action="append", default=[])
    args = parser.parse_args()
    with open(args.logfile, encoding="utf-8", errors="replace") as handle:
        lines = handle.readlines()
    missing = [m for m in args.expect_marker if not any(m in line for line in lines)]
    if missing:
        print(f"check_logs: the log never mentions {missing}; nothing was checked", file=sys.stderr)
        return 1
    found = [
        (number, match.group(1))
        for number, line in enumerate(lines, start=1)
        for match in CANDIDATE.finditer(line)
        if is_identity_number(match.group(1))
    ]
    for number, value in found:
        print(f"check_logs: line {number} holds an identity number ({value[:2]}*********)", file=sys.stderr)
    if found:
        return 1
    print(f"check_logs: {len(lines)} log lines, no identity numbers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
