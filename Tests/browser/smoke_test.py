#!/usr/bin/env python3
"""Browser smoke test of the page «Hvilken ordning gjelder?» (/ordning) in headless Chromium.

Usage:
    smoke_test.py --base-url URL

Journey 1: search "bedrocan", choose Bedrocan urtete, indication G89.2, date 22.11.2026, a human patient (with
informed consent, as in docs/examples/pathway/r11-cannabis-gp.json), a general practitioner in primary care;
the answer must be exemption_agency, "Kan denne søkeren søke?" Nei, rule R11 among the rules, and the page
title must say «Hvilken ordning gjelder?».
Journey 2: the same form with the indication left empty; the page must show an error next to the indication
field and no answer.

Needs Debian's chromium + chromium-driver and Selenium (scripts/browser-up installs them). Exits 0 when every
check passes, 1 on a failed check (screenshot in /tmp/tilgang-smoke.png), 2 when the browser cannot start.
"""

from __future__ import annotations

import argparse
import sys

from browserkit import EC, By, CheckFailed, TimeoutException, check, run
from selenium.webdriver.support.ui import Select

SCREENSHOT = "/tmp/tilgang-smoke.png"
PAGE_TITLE = "Hvilken ordning gjelder?"


def submit_and_wait(b, button_id: str) -> None:
    """Submits the /ordning form, which renders the same form again with the answer."""
    b.submit(button_id, "pathway-form")


def open_form(b) -> None:
    b.open("/ordning", "pathway-form")


def fill_scenario(b, indication: str) -> None:
    b.type("indication", indication)
    b.type("date", "22.11.2026")
    b.choose("species", "human")
    b.choose("applicantKind", "general_practitioner")
    b.choose("setting", "primary_care")
    b.tick("informedConsent")


def journey_decision(b) -> None:
    print("Journey 1: Bedrocan for a GP in primary care", flush=True)
    open_form(b)
    check(PAGE_TITLE in b.driver.title, f"page title {b.driver.title!r} contains {PAGE_TITLE!r}")

    b.type("q", "bedrocan")
    submit_and_wait(b, "search-button")
    values = [o.get_attribute("value") for o in Select(b.driver.find_element(By.ID, "medicineId")).options]
    check("bedrocan-urtete" in values, f"search 'bedrocan' lists bedrocan-urtete (options: {values})")
    check(
        b.driver.find_element(By.ID, "q").get_attribute("value") == "bedrocan",
        "the search box keeps 'bedrocan' after the search",
    )
    b.choose("medicineId", "bedrocan-urtete")
    fill_scenario(b, "G89.2")
    submit_and_wait(b, "decide-button")

    decision = b.wait().until(EC.visibility_of_element_located((By.ID, "decision")))
    route = decision.find_element(By.ID, "route").text.strip()
    check(route == "exemption_agency", f"#route is 'exemption_agency' (got {route!r})")
    may_apply = decision.find_element(By.ID, "applicant-may-apply").text.strip()
    check(may_apply == "Nei", f"#applicant-may-apply is 'Nei' (got {may_apply!r})")
    rules = [e.text.strip() for e in decision.find_elements(By.CSS_SELECTOR, "#rules strong.rule-id")]
    check("R11" in rules, f"rules include R11 (got {rules})")
    check(PAGE_TITLE in b.driver.title, f"page title {b.driver.title!r} contains {PAGE_TITLE!r} after deciding")
    print(f"  route title: {decision.find_element(By.ID, 'route-title').text.strip()!r}", flush=True)


def journey_missing_indication(b) -> None:
    print("Journey 2: the indication left empty", flush=True)
    open_form(b)
    b.choose("medicineId", "bedrocan-urtete")
    fill_scenario(b, "")
    submit_and_wait(b, "decide-button")

    try:
        error = b.wait().until(EC.visibility_of_element_located((By.ID, "indication-error")))
    except TimeoutException:
        raise CheckFailed("no visible #indication-error after submitting without an indication") from None
    check(bool(error.text.strip()), f"#indication-error is visible with text {error.text.strip()!r}")
    beside = error.find_elements(By.XPATH, "..//input[@id='indication']")
    check(len(beside) == 1, "the error sits in the same field as the indication input")
    check(not b.driver.find_elements(By.ID, "decision"), "no #decision is shown")
    summary = b.driver.find_elements(By.ID, "error-summary")
    print(f"  error summary shown: {'yes' if summary and summary[0].is_displayed() else 'no'}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium smoke test of /ordning.")
    parser.add_argument("--base-url", required=True, help="where the server runs, e.g. http://127.0.0.1:8080")
    args = parser.parse_args(argv)
    return run("smoke_test", args.base_url, [journey_decision, journey_missing_indication], SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
