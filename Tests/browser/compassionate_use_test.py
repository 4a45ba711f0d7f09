#!/usr/bin/env python3
"""Browser test of compassionate use (/cu) in headless Chromium.

Usage:
    compassionate_use_test.py --base-url URL

Journey 1: a CUNP case for a medicine with a short national agreement goes through every gate, each passed by
its owner on the case page (two specialists, the section chief, the treating physician twice, the pharmacy,
the level-2 leader twice); until the last gate the page says treatment cannot start and names the open gates;
then the physician starts treatment; the manufacturer application page shows no identity number.
Journey 2: a CUP requisition goes from the physician through the pharmacy's agreement check to the level-2
leader's cost approval.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-cu.png), 2 when the browser
cannot start.
"""

from __future__ import annotations

import argparse
import sys

from browserkit import By, check, run
from exemption_test import valid_nin

SCREENSHOT = "/tmp/tilgang-cu.png"


def new_case(b, kind: str, medicine: str, nin: str) -> str:
    b.sign_in("si-lege")
    b.open(f"/cu/ny?type={kind}", "cu-form")
    b.choose("medicineId", medicine)
    b.type("patientNIN", nin)
    b.type("indication", "C71.9")
    b.type("dosage", "200 mg x 2")
    b.type("treatmentDuration", "4 måneder")
    b.type("justification", "Dødelig sykdom uten alternativ; ikke aktuell for klinisk studie")
    b.submit("save-cu", "cu-state")
    url = b.driver.current_url
    check(b.text("cu-reference").startswith("CU-SI-"), f"{kind} case {b.text('cu-reference')} is created")
    b.sign_out()
    return url


def act(b, username: str, url: str, action: str, fields: dict[str, str] | None = None, tick: str | None = None):
    b.sign_in(username)
    b.driver.get(url)
    b.find(f"do-{action}")
    for field, text in (fields or {}).items():
        b.type(field, text)
    if tick:
        b.tick(tick)
    b.submit(f"do-{action}", "cu-state")
    message = b.driver.find_elements(By.ID, "cu-message")
    check(bool(message) and message[0].text.strip() == "Lagret.", f"{username}: «{action}» is saved")
    steps = len(b.driver.find_elements(By.CSS_SELECTOR, "#cu-history li"))
    b.sign_out()
    return steps


def state(b, url: str) -> str:
    b.driver.get(url)
    return b.find("cu-state").get_attribute("data-state")


def journey_cunp_every_gate(b) -> None:
    print("Journey 1: a CUNP case through every gate", flush=True)
    nin = valid_nin("241180")
    url = new_case(b, "cunp", "demo-cunp-kort-avtale", nin)
    recorded = 1
    steps = [
        ("si-lege", "specialist_assessment", {"comment-specialist_assessment": "Aktuelt for pasientgruppen"}, None),
        ("si-avdelingsleder", "specialist_assessment", {"comment-specialist_assessment": "Enig"}, None),
        ("si-seksjonsoverlege", "section_chief_handling", {"comment-section_chief_handling": "Kort avtale"}, None),
        ("si-lege", "exemption_approved", {"exemptionReference": "DMP-2026-000001"}, None),
        ("si-lege", "manufacturer_application_sent", {}, None),
        ("si-farmasoyt", "pharmacy_manufacturer_agreement", {}, None),
        ("si-niva2", "pharmacy_trust_agreement", {}, None),
        ("si-niva2", "medical_director_informed", {}, None),
    ]
    for username, action, fields, tick in steps:
        b.sign_in("si-lege")
        b.driver.get(url)
        open_text = b.text("open-gates")
        check("kan ikke starte" in open_text, f"before {action}: the page says treatment is blocked")
        check(not b.driver.find_elements(By.ID, "do-start_treatment"), "no start button while gates are open")
        b.sign_out()
        history = act(b, username, url, action, fields, tick)
        check(history > recorded, f"the history has {history} steps")
        recorded = history
    b.sign_in("si-lege")
    b.driver.get(url)
    check(bool(b.driver.find_elements(By.ID, "open-gates-none")), "every gate is passed")
    b.submit("do-start_treatment", "cu-state")
    check(b.find("cu-state").get_attribute("data-state") == "started", "treatment has started")
    b.click_and_load(b.find("manufacturer-link"), "manufacturer-application")
    # A text naming the patient is refused beside the field, and what was typed stays in it.
    named = "Kari Nordmann (55 år) har glioblastom (C71.9) med progresjon etter strålebehandling og temozolomid. " * 20
    b.type("text", named)
    b.type("patientNames", "Kari Nordmann")
    b.submit("manufacturer-text-button", "text-error")
    check("navn" in b.text("text-error").lower(), "the patient's name is found and named")
    check(b.find("text").get_attribute("value").startswith("Kari Nordmann"), "the typed text is kept")
    clean = "Pasient i 50-årene med glioblastom (C71.9), progresjon etter stråling og temozolomid; god allmenntilstand. "
    b.type("text", clean * 20)
    b.submit("manufacturer-text-button", "manufacturer-message")
    page = b.text("manufacturer-application")
    check(nin not in page and nin[:6] not in page, "the manufacturer application holds no identity number")
    check("C71.9" in page and "Kari" not in page, "it holds the de-identified clinical facts")
    b.sign_out()


def journey_cup_cost_approval(b) -> None:
    print("Journey 2: a CUP requisition through the cost approval", flush=True)
    url = new_case(b, "cup", "demo-cup-cu-liste", valid_nin("010203"))
    act(b, "si-farmasoyt", url, "check_agreement")
    b.sign_in("si-lege")
    check(state(b, url) == "agreement_checked", "the pharmacy has checked the national agreement")
    b.sign_out()
    act(b, "si-niva2", url, "approve_cost")
    b.sign_in("si-lege")
    check(state(b, url) == "cost_approved", "the level-2 leader has approved the cost")
    b.sign_out()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of compassionate use.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    return run("compassionate_use_test", args.base_url, [journey_cunp_every_gate, journey_cup_cost_approval],
               SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
