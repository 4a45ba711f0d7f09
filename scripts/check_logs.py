#!/usr/bin/env python3
"""Fails when a server log holds an identity number, a password, a bearer token or a session cookie.

Usage:
    check_logs.py LOGFILE --expect-marker TEXT [--secret VALUE ...] [--secrets-file FILE] [--cookie-name NAME]

Every line is read as it is, percent-decoded, and with every run of hex digits (`74696c67`, `74 69 6c 67`) and
every run of base64 (standard or URL-safe) in it decoded, from each byte offset: a body logged as a hex dump or an
encoded header must not slip past. In each of those views it looks for

- a Norwegian national identity number or D-number: a run of exactly 11 digits whose two mod-11 check digits are
  right (in the line as written, not part of a longer number or of a hex id such as a UUID);
- a bearer token (`Bearer <token>`), a session cookie (`<cookie-name>=<value>`) and a `Cookie`/`Set-Cookie`/
  `Authorization` header with its value, unless the value is `<redacted>`;
- the demo password `tilgang-demo` and every `--secret` (the passwords and tokens the test run used); with
  `--secrets-file`, one secret a line. `serve` announces the published demo password when it creates a new
  database ("demobrukere (passord: tilgang-demo)"); that sentence is the one place it may appear.

`--expect-marker` names text the log must contain (for example `POST /saker`), so the check cannot pass on a log of a
run that never handled patient data. Findings are reported with the line number and the kind, never the value.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import re
import sys
from urllib.parse import unquote_plus

DEMO_PASSWORD = "tilgang-demo"
CANDIDATE = re.compile(r"(?<![0-9A-Fa-f-])([0-9]{11})(?![0-9A-Fa-f-])")
# In decoded bytes there are no UUIDs to step round, only other digits.
DECODED_CANDIDATE = re.compile(r"(?<![0-9])([0-9]{11})(?![0-9])")
WEIGHTS_1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
WEIGHTS_2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
HEX_RUN = re.compile(r"(?:[0-9A-Fa-f]{2}[ :]?){4,}[0-9A-Fa-f]?")
BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-]{8,}={0,2}")
BEARER = re.compile(r"\bbearer\s+(?!<redacted>)[A-Za-z0-9._~+/-]{8,}", re.IGNORECASE)
CREDENTIAL_HEADER = re.compile(
    r"(?<![A-Za-z0-9_-])(?:proxy-authorization|authorization|set-cookie|cookie)"
    r"(?:[\"']\s*[:,]\s*[\"']?|\s*[:=]\s*[\"']?)(?!<redacted>)[^\s\"';,)]{4,}",
    re.IGNORECASE,
)
ANNOUNCEMENT = re.compile(r"demobrukere \(passord: " + re.escape(DEMO_PASSWORD) + r"\)")


def check_digit(digits: list[int], weights: list[int]) -> int | None:
    remainder = sum(d * w for d, w in zip(digits, weights)) % 11
    value = 0 if remainder == 0 else 11 - remainder
    return None if value == 10 else value


def is_identity_number(text: str) -> bool:
    digits = [int(c) for c in text]
    return check_digit(digits, WEIGHTS_1) == digits[9] and check_digit(digits, WEIGHTS_2) == digits[10]


def hex_views(line: str) -> list[str]:
    """Each hex run of the line decoded, from byte offset 0 and 1."""
    views = []
    for match in HEX_RUN.finditer(line):
        digits = re.sub(r"[ :]", "", match.group(0))
        for offset in (0, 1):
            chunk = digits[offset:]
            chunk = chunk[: len(chunk) // 2 * 2]
            if len(chunk) >= 8:
                views.append(bytes.fromhex(chunk).decode("utf-8", "replace"))
    return views


def base64_views(line: str) -> list[str]:
    """Each base64 run of the line decoded, from each of the four offsets."""
    views = []
    for match in BASE64_RUN.finditer(line):
        text = match.group(0).rstrip("=").replace("-", "+").replace("_", "/")
        for offset in range(4):
            chunk = text[offset:]
            chunk = chunk[: len(chunk) // 4 * 4]
            if len(chunk) < 8:
                continue
            try:
                views.append(base64.b64decode(chunk, validate=True).decode("utf-8", "replace"))
            except (binascii.Error, ValueError):
                pass
    return views


def findings(line: str, secrets: list[tuple[str, str]], session_cookie: re.Pattern[str]) -> list[str]:
    """What the line holds, as (kind, encoding) descriptions, without the values."""
    plain = ANNOUNCEMENT.sub("demobrukere (passord: …)", line)
    views = [("plain", plain), ("percent-encoded", unquote_plus(plain))]
    views += [("hex", view) for view in hex_views(plain)]
    views += [("base64", view) for view in base64_views(plain)]
    found: list[str] = []

    def note(kind: str, encoding: str) -> None:
        entry = f"{kind} ({encoding})"
        if entry not in found:
            found.append(entry)

    for encoding, view in views:
        pattern = CANDIDATE if encoding in ("plain", "percent-encoded") else DECODED_CANDIDATE
        for match in pattern.finditer(view):
            if is_identity_number(match.group(1)):
                note(f"an identity number ({match.group(1)[:2]}*********)", encoding)
        if BEARER.search(view):
            note("a bearer token", encoding)
        if session_cookie.search(view):
            note("a session cookie", encoding)
        if CREDENTIAL_HEADER.search(view):
            note("a credential header's value", encoding)
        for name, secret in secrets:
            if secret in view:
                note(name, encoding)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logfile")
    parser.add_argument("--expect-marker", action="append", default=[])
    parser.add_argument(
        "--secret", action="append", default=[], help="a password or token the run used (repeatable)"
    )
    parser.add_argument("--secrets-file", help="a file of secrets the run used, one a line")
    parser.add_argument("--cookie-name", default="tilgang-session", help="the session cookie's name")
    args = parser.parse_args()

    secrets = [("the demo password", DEMO_PASSWORD)]
    given = list(args.secret)
    if args.secrets_file:
        with open(args.secrets_file, encoding="utf-8") as handle:
            given += [line.strip() for line in handle if line.strip()]
    secrets += [(f"secret #{number}", value) for number, value in enumerate(given, start=1) if len(value) >= 4]
    session_cookie = re.compile(re.escape(args.cookie_name) + r"=(?!<redacted>)[^\s;\"',]{4,}")

    with open(args.logfile, encoding="utf-8", errors="replace") as handle:
        lines = handle.readlines()
    missing = [m for m in args.expect_marker if not any(m in line for line in lines)]
    if missing:
        print(f"check_logs: the log never mentions {missing}; nothing was checked", file=sys.stderr)
        return 1
    failures = 0
    for number, line in enumerate(lines, start=1):
        for finding in findings(line, secrets, session_cookie):
            print(f"check_logs: line {number} holds {finding}", file=sys.stderr)
            failures += 1
    if failures:
        return 1
    print(
        f"check_logs: {len(lines)} log lines, no identity numbers, passwords, tokens or session cookies "
        f"({len(secrets)} secrets looked for, also hex- and base64-encoded)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
