#!/usr/bin/env python3
"""Checks that the CLI, the API and the page agree with every example in docs/examples/pathway.

Usage:
    check_examples.py --binary PATH --base-url URL --database-url URL [--examples DIR]

For every example file ({"title", "rule", "scenario", "expected"}):
  * CLI:  PATH pathway --json FILE (env DATABASE_URL, cwd = repository root) must exit 0 and print a decision
          whose route, agencyApplication, trustApproval, applicantMayApply and rules equal `expected`;
  * API:  POST {base-url}/api/v1/pathway must answer 200 with the same five fields, and its whole decision must
          equal the CLI's (compared after JSON parsing);
  * page: GET {base-url}/ordning with the scenario as form fields (action=decide) must show the expected route,
          "Kan denne søkeren søke?" Ja/Nei and rule ids (examples with an inline `medicine` are skipped: the page
          can only choose catalogue medicines).
Then one bad scenario must give the same field list on the CLI (exit 1, error JSON on stderr) and the API (422).

Prints one line per example and interface and a summary; exits 1 on any mismatch, 2 on bad usage.
Standard library only.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_EXAMPLES = os.path.join(REPO_ROOT, "docs", "examples", "pathway")
FIELDS = ("route", "agencyApplication", "trustApproval", "applicantMayApply", "rules")
PAGE_FIELDS = ("route", "applicantMayApply", "rules")
TIMEOUT = 60

# A scenario with several kinds of error at once: an unknown field, a missing field, an unknown enum value.
BAD_SCENARIO = {
    "medicineId": "ozempic-1mg",
    "indication": "E66",
    "patient": {"species": "dog", "informedConsent": True},
    "applicant": {"kind": "hospital_specialist", "setting": "hospital"},
    "trustPays": False,
    "helfoRefused": False,
    "generalShortagePermission": False,
    "unknownField": 1,
}


# ---------------------------------------------------------------- interfaces


def run_cli(binary: str, database_url: str, scenario: dict) -> tuple[int, str, str]:
    """Runs `binary pathway --json FILE` with the scenario in FILE; returns (exit status, stdout, stderr)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump(scenario, handle, ensure_ascii=False)
        path = handle.name
    try:
        env = dict(os.environ, DATABASE_URL=database_url)
        proc = subprocess.run(
            [binary, "pathway", "--json", path],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            timeout=TIMEOUT,
        )
        return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
    finally:
        os.unlink(path)


def http(method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def post_api(base_url: str, scenario: dict) -> tuple[int, str]:
    body = json.dumps(scenario, ensure_ascii=False).encode("utf-8")
    return http(
        "POST",
        base_url + "/api/v1/pathway",
        body,
        {"Content-Type": "application/json", "Accept": "application/json"},
    )


def page_query(scenario: dict) -> list[tuple[str, str]]:
    """Maps a scenario to the GET form of /ordning: DD.MM.YYYY dates, checkboxes as "on" when true."""
    patient = scenario.get("patient") or {}
    applicant = scenario.get("applicant") or {}
    params: list[tuple[str, str]] = [("q", "")]
    params.append(("medicineId", str(scenario.get("medicineId") or "")))
    params.append(("indication", str(scenario.get("indication") or "")))
    covered = scenario.get("indicationCovered")
    params.append(("indicationCovered", "" if covered is None else ("true" if covered else "false")))
    params.append(("date", iso_to_user_date(str(scenario.get("date") or ""))))
    params.append(("species", str(patient.get("species") or "")))
    params.append(("applicantKind", str(applicant.get("kind") or "")))
    params.append(("setting", str(applicant.get("setting") or "")))
    checks = [
        ("fatalWithoutAlternatives", patient.get("fatalWithoutAlternatives")),
        ("informedConsent", patient.get("informedConsent")),
        ("eligibleForClinicalTrial", patient.get("eligibleForClinicalTrial")),
        ("clinicallyExceptional", patient.get("clinicallyExceptional")),
        ("trustPays", scenario.get("trustPays")),
        ("helfoRefused", scenario.get("helfoRefused")),
        ("generalShortagePermission", scenario.get("generalShortagePermission")),
    ]
    for name, value in checks:
        if value is True:
            params.append((name, "on"))
    params.append(("action", "decide"))
    return params


def iso_to_user_date(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    return iso


class DecisionPageParser(HTMLParser):
    """Collects the text of the elements of the answer (by id), the rule ids and the field errors."""

    WANTED_IDS = {"decision", "route", "route-title", "applicant-may-apply", "error-summary"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, str] = {}
        self.rule_ids: list[str] = []
        self.field_errors: list[tuple[str, str]] = []
        self.title = ""
        # Each open element: (tag, capture key or None); text goes to every open capture.
        self._stack: list[tuple[str, str | None]] = []
        self._captures: dict[str, list[str]] = {}
        self._in_rules = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        key = None
        element_id = attributes.get("id")
        if element_id in self.WANTED_IDS:
            key = "id:" + element_id
        elif tag == "ul" and element_id == "rules":
            key = "rules"
        elif tag == "strong" and "rule-id" in classes and self._open("rules"):
            key = "rule-id"
        elif tag == "p" and "field-error" in classes:
            key = "field-error:" + (element_id or "?")
        elif tag == "title":
            key = "title"
        if tag in self.VOID:
            return
        self._stack.append((tag, key))
        if key is not None:
            self._captures[key] = []

    def handle_endtag(self, tag):
        # Pop up to and including the matching tag (tolerates unclosed elements such as <li>, <p>).
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                for _, key in reversed(self._stack[index:]):
                    self._close(key)
                del self._stack[index:]
                return

    def handle_data(self, data):
        for _, key in self._stack:
            if key is not None:
                self._captures[key].append(data)

    def close(self):
        super().close()
        for _, key in reversed(self._stack):
            self._close(key)
        self._stack = []

    def _open(self, key: str) -> bool:
        return any(k == key for _, k in self._stack)

    def _close(self, key: str | None) -> None:
        if key is None:
            return
        text = " ".join("".join(self._captures.pop(key, [])).split())
        if key.startswith("id:"):
            self.texts[key[3:]] = text
        elif key == "rule-id":
            self.rule_ids.append(text)
        elif key.startswith("field-error:"):
            self.field_errors.append((key[len("field-error:") :], text))
        elif key == "title":
            self.title = text


def parse_page(html: str) -> DecisionPageParser:
    parser = DecisionPageParser()
    parser.feed(html)
    parser.close()
    return parser


# ---------------------------------------------------------------- comparison


def parse_json(text: str) -> object:
    """Parses a JSON document; tolerates log lines before it (the CLI may log to stderr)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    decoder = json.JSONDecoder()
    for index, char in enumerate(text):
        if char in "{[" and (index == 0 or text[index - 1] == "\n"):
            try:
                value, end = decoder.raw_decode(text, index)
            except json.JSONDecodeError:
                continue
            if not text[end:].strip():
                return value
    raise ValueError("no JSON document in output: " + shorten(text))


def shorten(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def diff_fields(expected: dict, actual: dict, fields) -> list[str]:
    problems = []
    for field in fields:
        if field not in actual:
            problems.append(f"{field}: missing (expected {json.dumps(expected.get(field))})")
        elif actual[field] != expected.get(field):
            problems.append(
                f"{field}: expected {json.dumps(expected.get(field), ensure_ascii=False)}, "
                f"got {json.dumps(actual[field], ensure_ascii=False)}"
            )
    return problems


def describe(decision: dict, fields) -> str:
    parts = []
    for field in fields:
        value = decision.get(field)
        if field == "rules" and isinstance(value, list):
            parts.append("rules=" + ",".join(map(str, value)))
        else:
            parts.append(f"{field}={json.dumps(value, ensure_ascii=False)}")
    return " ".join(parts)


def dict_differences(left: object, right: object, path: str = "") -> list[str]:
    """Human-readable differences between two parsed JSON values (for CLI vs API)."""
    if isinstance(left, dict) and isinstance(right, dict):
        out = []
        for key in sorted(set(left) | set(right)):
            sub = f"{path}.{key}" if path else key
            if key not in left:
                out.append(f"{sub}: only in API")
            elif key not in right:
                out.append(f"{sub}: only in CLI")
            else:
                out.extend(dict_differences(left[key], right[key], sub))
        return out
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        out = []
        for index, (a, b) in enumerate(zip(left, right)):
            out.extend(dict_differences(a, b, f"{path}[{index}]"))
        return out
    if left != right:
        return [
            f"{path or '(root)'}: CLI {shorten(json.dumps(left, ensure_ascii=False), 120)} "
            f"!= API {shorten(json.dumps(right, ensure_ascii=False), 120)}"
        ]
    return []


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures: list[str] = []

    def line(self, status: str, name: str, interface: str, detail: str) -> None:
        print(f"{status:4}  {name:32} {interface:5} {detail}", flush=True)
        if status == "PASS":
            self.passed += 1
        elif status == "FAIL":
            self.failed += 1
            self.failures.append(f"{name} [{interface}]: {detail}")
        else:
            self.skipped += 1


# ---------------------------------------------------------------- checks


def check_example(path: str, args, report: Report) -> None:
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as handle:
            example = json.load(handle)
        scenario = example["scenario"]
        expected = example["expected"]
        missing = [f for f in FIELDS if f not in expected]
        if missing:
            raise ValueError("expected lacks " + ", ".join(missing))
    except (OSError, ValueError, KeyError, TypeError) as error:
        report.line("FAIL", name, "file", f"unreadable example: {error}")
        return

    # CLI
    cli_decision = None
    try:
        status, stdout, stderr = run_cli(args.binary, args.database_url, scenario)
        if status != 0:
            report.line("FAIL", name, "cli", f"exit {status}; stderr: {shorten(stderr)}")
        else:
            cli_decision = parse_json(stdout)
            if not isinstance(cli_decision, dict):
                raise ValueError("decision is not a JSON object")
            problems = diff_fields(expected, cli_decision, FIELDS)
            if problems:
                report.line("FAIL", name, "cli", "; ".join(problems))
            else:
                report.line("PASS", name, "cli", describe(cli_decision, FIELDS))
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        cli_decision = None
        report.line("FAIL", name, "cli", f"{type(error).__name__}: {error}")

    # API
    api_decision = None
    try:
        status, body = post_api(args.base_url, scenario)
        if status != 200:
            report.line("FAIL", name, "api", f"HTTP {status}: {shorten(body)}")
        else:
            api_decision = parse_json(body)
            if not isinstance(api_decision, dict):
                raise ValueError("decision is not a JSON object")
            problems = diff_fields(expected, api_decision, FIELDS)
            if cli_decision is not None and cli_decision != api_decision:
                problems.append("decision differs from the CLI's: " + "; ".join(
                    dict_differences(cli_decision, api_decision)))
            if problems:
                report.line("FAIL", name, "api", "; ".join(problems))
            else:
                same = " (= CLI decision)" if cli_decision is not None else ""
                report.line("PASS", name, "api", describe(api_decision, FIELDS) + same)
    except (OSError, ValueError) as error:
        report.line("FAIL", name, "api", f"{type(error).__name__}: {error}")

    # Page
    if "medicineId" not in scenario:
        report.line("SKIP", name, "page", "inline medicine: cannot be entered on the page")
        return
    try:
        url = args.base_url + "/ordning?" + urllib.parse.urlencode(page_query(scenario))
        status, html = http("GET", url, headers={"Accept": "text/html"})
        if status != 200:
            report.line("FAIL", name, "page", f"HTTP {status} for {url}")
            return
        page = parse_page(html)
        if "decision" not in page.texts:
            errors = "; ".join(f"{field}: {text}" for field, text in page.field_errors)
            summary = page.texts.get("error-summary", "")
            report.line(
                "FAIL", name, "page",
                f"no #decision on the page; field errors: {errors or 'none'}; summary: {summary or 'none'}; {url}",
            )
            return
        may_apply_text = page.texts.get("applicant-may-apply")
        may_apply = {"Ja": True, "Nei": False}.get(may_apply_text or "", may_apply_text)
        shown = {"route": page.texts.get("route"), "applicantMayApply": may_apply, "rules": page.rule_ids}
        problems = diff_fields(expected, shown, PAGE_FIELDS)
        if problems:
            report.line("FAIL", name, "page", "; ".join(problems) + f"; {url}")
        else:
            report.line(
                "PASS", name, "page",
                f"route={shown['route']} mayApply={may_apply_text} rules={','.join(page.rule_ids)}",
            )
    except (OSError, ValueError) as error:
        report.line("FAIL", name, "page", f"{type(error).__name__}: {error}")


def check_bad_input(args, report: Report) -> None:
    name = "(bad input)"
    try:
        status, stdout, stderr = run_cli(args.binary, args.database_url, BAD_SCENARIO)
        api_status, api_body = post_api(args.base_url, BAD_SCENARIO)
    except (OSError, subprocess.SubprocessError) as error:
        report.line("FAIL", name, "both", f"{type(error).__name__}: {error}")
        return
    problems = []
    cli_error = api_error = None
    if status != 1:
        problems.append(f"CLI exit {status}, expected 1")
    notes = []
    if stdout.strip():
        # Not part of the contract (the error JSON goes to stderr), but worth seeing: a log line, say.
        notes.append("CLI stdout not empty: " + shorten(stdout, 120))
    try:
        cli_error = parse_json(stderr)
    except ValueError as error:
        problems.append(f"CLI stderr: {error}")
    if api_status != 422:
        problems.append(f"API HTTP {api_status}, expected 422")
    try:
        api_error = parse_json(api_body)
    except ValueError as error:
        problems.append(f"API body: {error}")
    cli_fields = api_fields = None
    for label, value in (("CLI", cli_error), ("API", api_error)):
        if value is None:
            continue
        if not isinstance(value, dict) or value.get("error") is not True or not isinstance(value.get("fields"), list):
            problems.append(f"{label} error JSON lacks error:true or fields: {shorten(json.dumps(value))}")
        elif label == "CLI":
            cli_fields = value["fields"]
        else:
            api_fields = value["fields"]
    if cli_fields is not None and api_fields is not None and cli_fields != api_fields:
        problems.append(
            "field lists differ: CLI " + json.dumps(cli_fields, ensure_ascii=False)
            + " API " + json.dumps(api_fields, ensure_ascii=False)
        )
    for expected_field in ("unknownField", "date", "patient.species"):
        for label, fields in (("CLI", cli_fields), ("API", api_fields)):
            if fields is not None and not any(isinstance(f, dict) and f.get("field") == expected_field for f in fields):
                problems.append(f"{label} does not name the field {expected_field}")
    if problems:
        report.line("FAIL", name, "both", "; ".join(problems))
    else:
        named = ",".join(str(f.get("field")) for f in cli_fields)
        if not stderr.lstrip().startswith("{"):
            notes.append("CLI stderr holds log lines before the JSON")
        note = f" (note: {'; '.join(notes)})" if notes else ""
        report.line("PASS", name, "both", f"CLI exit 1 and API 422 name the same fields: {named}{note}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, help="the built tilgang executable")
    parser.add_argument("--base-url", required=True, help="where the server runs, e.g. http://127.0.0.1:8080")
    parser.add_argument("--database-url", required=True, help="DATABASE_URL of that server, for the CLI")
    parser.add_argument("--examples", default=DEFAULT_EXAMPLES, help="folder of example JSON files")
    args = parser.parse_args(argv)
    args.binary = os.path.abspath(args.binary)
    args.base_url = args.base_url.rstrip("/")
    if not os.access(args.binary, os.X_OK):
        print(f"check_examples: not an executable: {args.binary}", file=sys.stderr)
        return 2
    files = sorted(glob.glob(os.path.join(args.examples, "*.json")))
    if not files:
        print(f"check_examples: no examples in {args.examples}", file=sys.stderr)
        return 2

    report = Report()
    shown = os.path.relpath(args.examples)
    if shown.startswith(".."):
        shown = os.path.abspath(args.examples)
    print(f"Checking {len(files)} examples from {shown} "
          f"against CLI {args.binary}, API and page at {args.base_url}")
    for path in files:
        check_example(path, args, report)
    check_bad_input(args, report)

    print()
    print(f"Summary: {len(files)} examples, {report.passed} checks passed, {report.failed} failed, "
          f"{report.skipped} skipped")
    if report.failed:
        print("Mismatches:")
        for failure in report.failures:
            print("  - " + failure)
        return 1
    print("All interfaces agree with the examples.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
