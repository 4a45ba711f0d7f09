#!/usr/bin/env python3
"""Browser test of the trust's application portal (/saker) with every role of the chain, in headless Chromium.

Usage:
    approval_chain_test.py --base-url URL

Journey 1: an invalid national identity number on a new application is shown next to the field.
Journey 2: an individual application at Sykehuset Innlandet goes physician → department head → division
director (benefit, resource use, severity) → committee → medical director → approved; each person signs in,
finds the case in «Til meg» and acts; the history names every step.
Journey 3: a group application for patients from Helse Bergen's catchment area needs both medical directors:
after the partner director (hb-direktor) it still waits for si-direktor, then it is approved.
Journey 4: the committee asks for supplementary information, the physician supplies it, the case returns to
the committee, and the medical director refuses it with reasons.
Journey 5: the administrator creates a user at /admin/brukere, who can then sign in.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-chain.png), 2 when the
browser cannot start.
"""

from __future__ import annotations

import argparse
import secrets
import sys

from browserkit import By, check, run
from exemption_test import valid_nin

SCREENSHOT = "/tmp/tilgang-chain.png"


def new_application(b, kind: str, patient_trust: str, nin: str | None) -> str:
    """Fills and saves a new application as the signed-in physician; returns the case page's URL."""
    b.open("/saker/ny" + ("?type=group" if kind == "group" else ""), "case-form")
    if nin is not None:
        b.type("patientNIN", nin)
    else:
        b.type("groupDescription", "Voksne med aktiv RRMS som har sviktet to godkjente behandlinger")
        b.type("groupSize", "8")
    b.choose("patientTrust", patient_trust)
    b.tick("patientInformed")
    b.choose("medicineId", "mabthera-500mg")
    b.type("indication", "G35")
    b.type("dosage", "1000 mg x 2 med 2 ukers mellomrom")
    b.type("treatmentDuration", "12 måneder")
    b.type("justification", "Aktiv MS med svikt på to godkjente behandlinger")
    b.type("alternatives", "Ocrelizumab er prøvd; bivirkninger")
    b.type("expectedBenefit", "Færre attakker")
    b.type("costEstimate", "ca. 60 000 kr per år")
    b.submit("save-case", "case-state")
    return b.driver.current_url


def state(b) -> str:
    return b.find("case-state").get_attribute("data-state")


def act(b, username: str, number: str, action: str, fields: dict[str, str] | None = None) -> str:
    """Signs in as `username`, opens the case from «Til meg», takes `action` and returns the new state."""
    b.sign_in(username)
    b.open("/saker?liste=todo", "main")
    links = [a.text for a in b.driver.find_elements(By.CSS_SELECTOR, "a.case-link")]
    check(number in links, f"{number} waits in {username}'s «Til meg»")
    b.click_and_load(b.driver.find_element(By.LINK_TEXT, number), f"do-{action}")
    for field, text in (fields or {}).items():
        b.type(f"{field}-{action}", text)
    b.submit(f"do-{action}", "case-state")
    result = state(b)
    b.sign_out()
    return result


def create_and_submit(b, kind: str, patient_trust: str, nin: str | None) -> tuple[str, str]:
    b.sign_in("si-lege")
    url = new_application(b, kind, patient_trust, nin)
    number = b.text("case-number")
    check(state(b) == "draft", f"{number} is saved as a draft")
    b.submit("do-submit", "case-state")
    check(state(b) == "department_review", f"{number} goes to the department head")
    b.sign_out()
    return url, number


def through_the_committee(b, number: str) -> None:
    check(act(b, "si-avdelingsleder", number, "quality_assure") == "division_review", "department head: quality assured")
    priority = {"benefit": "Stor", "resourceUse": "Moderat", "severity": "Alvorlig"}
    check(
        act(b, "si-divisjonsdirektor", number, "assess_priority", priority) == "committee_review",
        "division director: benefit, resource use and severity recorded",
    )


def journey_invalid_identity_number(b) -> None:
    print("Journey 1: an invalid identity number is named at its field", flush=True)
    b.sign_in("si-lege")
    b.open("/saker/ny", "case-form")
    b.type("patientNIN", "12345678901")
    b.submit("save-case", "case-form")
    check(bool(b.text("patientNIN-error")), f"#patientNIN-error says {b.text('patientNIN-error')!r}")
    b.sign_out()


def journey_individual_to_approval(b) -> None:
    print("Journey 2: an individual application through every role to approval", flush=True)
    url, number = create_and_submit(b, "individual", "SI", valid_nin("150385"))
    through_the_committee(b, number)
    check(act(b, "si-komite", number, "recommend") == "director_decision", "committee: recommended")
    approved = act(b, "si-direktor", number, "approve", {"comment": "Godkjent etter vurdering i komiteen"})
    check(approved == "approved", "medical director: approved")
    b.sign_in("si-lege")
    b.driver.get(url)
    history = b.text("case-history")
    for name in ("Lise Lege", "Anders Avdelingsleder", "Dora Divisjonsdirektør", "Kari Komité", "Dag Direktør"):
        check(name in history, f"the history names {name}")
    check(bool(b.driver.find_elements(By.ID, "prescribing-guidance")), "the approved case shows prescribing guidance")
    b.sign_out()


def journey_cross_trust_group(b) -> None:
    print("Journey 3: a cross-trust group application needs both medical directors", flush=True)
    _, number = create_and_submit(b, "group", "HB", None)
    through_the_committee(b, number)
    check(act(b, "si-komite", number, "recommend") == "partner_director_review", "committee: to Helse Bergen first")
    check(
        act(b, "hb-direktor", number, "partner_director_concur") == "director_decision",
        "Helse Bergen's director has been involved; not yet approved",
    )
    approved = act(b, "si-direktor", number, "approve", {"comment": "Godkjent for gruppen, begge direktører"})
    check(approved == "approved", "Sykehuset Innlandet's director approves after both")


def journey_supplement_then_refusal(b) -> None:
    print("Journey 4: supplementary information, then refusal", flush=True)
    _, number = create_and_submit(b, "individual", "SI", valid_nin("020771"))
    through_the_committee(b, number)
    asked = act(b, "si-komite", number, "request_supplement", {"comment": "Legg ved MR-funn siste 12 måneder"})
    check(asked == "supplement_requested", "committee: asks for supplementary information")
    supplied = act(b, "si-lege", number, "supply_supplement", {"comment": "MR viser to nye lesjoner"})
    check(supplied == "committee_review", "the physician supplies it and the case is back with the committee")
    check(act(b, "si-komite", number, "recommend") == "director_decision", "committee: recommended")
    refused = act(b, "si-direktor", number, "refuse", {"comment": "Nytten står ikke i forhold til kostnaden"})
    check(refused == "refused", "medical director: refused with reasons")


def journey_administrator_creates_a_user(b) -> None:
    print("Journey 5: the administrator creates a user who can then sign in", flush=True)
    username = f"si-ny-lege-{secrets.token_hex(3)}"  # the test may run again on the same database
    b.sign_in("si-admin")
    b.open("/admin/brukere", "user-form")
    b.type("username", username)
    b.type("displayName", "Nina Ny")
    b.type("password", "tilgang-demo")
    b.choose("role", "physician")
    b.choose("departmentCode", "SI-MED")
    b.type("hprNumber", "9144887")
    b.submit("create-user", "users-message")
    check(bool(b.driver.find_elements(By.ID, f"user-{username}")), "the new user is listed")
    b.sign_out()
    b.sign_in(username)
    check("Nina Ny" in b.text("nav-me"), "the new user signs in")
    b.sign_out()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of the trust's approval chain.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    return run(
        "approval_chain_test", args.base_url,
        [journey_invalid_identity_number, journey_individual_to_approval, journey_cross_trust_group,
         journey_supplement_then_refusal, journey_administrator_creates_a_user],
        SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
