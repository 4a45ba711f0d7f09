#!/usr/bin/env python3
"""Browser test of compassionate use (/cu) in headless Chromium.

Usage:
    compassionate_use_test.py --base-url URL

Journey 1: a CUNP case for a medicine with a short national agreement goes through every gate, each passed by
its owner on the case page (two specialists, the section chief, the treating physician twice, the pharmacy,
the level-2 leader twice); until the last gate the page says treatment cannot start and names the open gates.
The exemption gate names the real decision: the physician applies to DMP on /fritak/ny, the officer approves,
a made-up reference («finnes-ikke-123») is refused on the field, the real case number passes and the case page
shows the decision's status and period. Then the physician starts treatment; the manufacturer application page
shows no identity number.
Journey 2: a CUP requisition goes from the physician through the pharmacy's agreement check, with a draft cost
agreement (implausible values refused on their fields, the typed values kept), to the level-2 leader's
approval of exactly that agreement (amount, period, supplier, who and when); a revision by the pharmacy needs a
new approval.
The free texts are realistic: thousands of characters with æøå.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-cu.png), 2 when the browser
cannot start.
"""

from __future__ import annotations

import argparse
import datetime
import sys

from browserkit import By, check, run
from exemption_test import long_text, oslo_today, valid_nin

SCREENSHOT = "/tmp/tilgang-cu.png"


def new_case(b, kind: str, medicine: str, nin: str) -> str:
    b.sign_in("si-lege")
    b.open(f"/cu/ny?type={kind}", "cu-form")
    b.choose("medicineId", medicine)
    b.type("patientNIN", nin)
    b.type("indication", "C71.9")
    b.type("dosage", "200 mg x 2")
    b.type("treatmentDuration", "4 måneder")
    b.type("justification", long_text(3200, "Dødelig sykdom uten alternativ; ikke aktuell for klinisk studie. "))
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


def approved_exemption(b, nin: str, medicine: str) -> str:
    """The physician applies to DMP for the patient; the officer assesses and approves. The case number."""
    today = oslo_today()
    b.sign_in("si-lege")
    b.open("/fritak/ny", "exemption-form")
    b.choose("scope", "patient")
    b.choose("species", "human")
    b.type("patientNIN", nin)
    b.tick("informedConsent")
    b.tick("fatalWithoutAlternatives")
    b.choose("medicineId", medicine)
    b.type("indication", "C71.9")
    b.type("justification", long_text(2600, "Glioblastom med progresjon etter stråling og temozolomid. "))
    b.type("quantity", "Til 4 måneders behandling, 200 mg x 2")
    b.type("validFrom", today.strftime("%d.%m.%Y"))
    b.type("validUntil", (today + datetime.timedelta(days=180)).strftime("%d.%m.%Y"))
    b.submit("send-exemption", "exemption-state")
    reference = b.text("exemption-reference")
    url = b.driver.current_url
    check(reference.startswith("DMP-"), f"the exemption application {reference} is sent to DMP")
    b.sign_out()
    b.sign_in("dmp-saksbehandler")
    b.driver.get(url)
    for field, text in [
        ("professionalSoundness", long_text(2100, "Forsvarlig i lys av pasientens alvorlige situasjon. ")),
        ("documentationLevel", "Fase II-data, godkjent i EU"),
        ("risk", "Kjent bivirkningsprofil; oppfølging på sykehus"),
        ("alternatives", "Ingen godkjente alternativer gjenstår"),
        ("followUpAbility", "Behandlende avdeling følger opp"),
    ]:
        b.type(field, text)
    b.submit("do-assess", "exemption-state")
    b.type("reasons-approve", long_text(2200, "Innvilget for denne pasienten etter individuell vurdering; særlig vekt på "
                                              "at sykdommen er dødelig og at ingen alternativer gjenstår. "))
    b.submit("do-approve", "exemption-state")
    check(b.find("exemption-state").get_attribute("data-state") == "approved", f"DMP approves {reference}")
    b.sign_out()
    return reference


def journey_cunp_every_gate(b) -> None:
    print("Journey 1: a CUNP case through every gate, linked to its exemption decision", flush=True)
    nin = valid_nin("241180")
    reference = approved_exemption(b, nin, "demo-cunp-kort-avtale")
    url = new_case(b, "cunp", "demo-cunp-kort-avtale", nin)
    # A made-up reference is refused on the field, and what was typed stays in it.
    b.sign_in("si-lege")
    b.driver.get(url)
    b.type("exemptionReference", "finnes-ikke-123")
    b.submit("do-exemption_approved", "exemptionReference-error")
    check("finnes ikke" in b.text("exemptionReference-error"), "a made-up reference is refused on the field")
    check("Saksnummer for vedtaket" in b.text("cu-message"), "the message names the field by its label")
    check(b.find("exemptionReference").get_attribute("value") == "finnes-ikke-123", "the typed reference is kept")
    b.sign_out()
    recorded = 1
    steps = [
        ("si-lege", "specialist_assessment",
         {"comment-specialist_assessment": long_text(2400, "Aktuelt for pasientgruppen med residiverende gliom. ")},
         None),
        ("si-avdelingsleder", "specialist_assessment", {"comment-specialist_assessment": "Enig; første bruk i foretaket"},
         None),
        ("si-seksjonsoverlege", "section_chief_handling", {"comment-section_chief_handling": "Kort avtale finnes"},
         None),
        ("si-lege", "exemption_approved", {"exemptionReference": reference.lower()}, None),
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
    check(b.text("linked-exemption-reference") == reference, "the case page names the linked decision")
    check(b.text("linked-exemption-state") == "Innvilget", "and its status")
    today = oslo_today()
    period = f"{today.strftime('%d.%m.%Y')}–{(today + datetime.timedelta(days=180)).strftime('%d.%m.%Y')}"
    check(b.text("linked-exemption-period") == period, f"and its period {period}")
    check(nin not in b.driver.page_source, "the requester's page shows no full identity number in the HTML")
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
    print("Journey 2: a CUP requisition with a draft cost agreement through the level-2 approval", flush=True)
    url = new_case(b, "cup", "demo-cup-cu-liste", valid_nin("010203"))
    supplier = "Bayer AS, Drammensveien 288, Lysaker – avdeling for sjeldne sykdommer"
    # Implausible values are refused on their fields, and the typed ones stay.
    b.sign_in("si-farmasoyt")
    b.driver.get(url)
    b.type("costAmount", "-184 250,50")
    b.type("costFrom", "01.12.1899")
    b.type("costTo", "01.01.2040")
    b.type("costSupplier", supplier)
    b.submit("do-check_agreement", "costAmount-error")
    check(bool(b.driver.find_elements(By.ID, "costFrom-error")), "a period before 2000 is refused on the field")
    check("Beløp (kr)" in b.text("cu-message") and "costAmount" not in b.text("cu-message"),
          "the message names the fields by their labels")
    check(b.find("costSupplier").get_attribute("value") == supplier, "the typed supplier is kept")
    check(state(b, url) == "requested", "nothing is saved")
    b.sign_out()
    act(b, "si-farmasoyt", url, "check_agreement",
        {"costAmount": "184 250,50", "costFrom": "01.01.2027", "costTo": "31.12.2027", "costSupplier": supplier,
         "costReference": "SHI-2026-117"})
    b.sign_in("si-niva2")
    check(state(b, url) == "agreement_checked", "the pharmacy has checked the agreement and entered the draft")
    check(b.text("cost-amount") == "184 250,50 kr", "the leader sees the amount")
    check(b.text("cost-period") == "01.01.2027–31.12.2027", "the period")
    check(b.text("cost-supplier") == supplier, "and the supplier before approving")
    check("Ikke godkjent" in b.text("cost-approval"), "it is not yet approved")
    b.sign_out()
    act(b, "si-niva2", url, "approve_cost")
    b.sign_in("si-lege")
    check(state(b, url) == "cost_approved", "the level-2 leader has approved the cost")
    approval = b.text("cost-approval")
    check("Godkjent av Nils Nivå-to" in approval, f"who approved is recorded ({approval})")
    check("184 250,50 kr" in b.text("cu-history"), "the history names the approved amount")
    b.sign_out()
    # A change after the approval needs a new approval; the revision form starts from the agreement as it is.
    b.sign_in("si-farmasoyt")
    b.driver.get(url)
    check(b.find("costFrom").get_attribute("value") == "01.01.2027"
          and b.find("costSupplier").get_attribute("value") == supplier
          and b.find("costReference").get_attribute("value") == "SHI-2026-117",
          "the revision form is filled with the current agreement")
    b.sign_out()
    act(b, "si-farmasoyt", url, "revise_agreement", {"costAmount": "196 000"})
    b.sign_in("si-niva2")
    check(state(b, url) == "agreement_checked", "the revised agreement goes back to the level-2 leader")
    check("Ikke godkjent" in b.text("cost-approval") and b.text("cost-amount") == "196 000 kr",
          "the old approval does not cover the new amount")
    b.sign_out()
    act(b, "si-niva2", url, "approve_cost")
    b.sign_in("si-lege")
    check(state(b, url) == "cost_approved" and b.text("cost-amount") == "196 000 kr", "the new agreement is approved")
    b.sign_out()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of compassionate use.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    return run("compassionate_use_test", args.base_url, [journey_cunp_every_gate, journey_cup_cost_approval],
               SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
