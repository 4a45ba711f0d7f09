#!/usr/bin/env python3
"""Browser test of the approval-exemption desk (/fritak) in headless Chromium.

Usage:
    exemption_test.py --base-url URL

Journey 1: a GP (fastlege) applies for Bedrocan (22 % THC): the form is refused with R11 next to the medicine.
Journey 2: the GP applies for prednisolone oral solution (no Norwegian MT, R8); the agency officer
(dmp-saksbehandler) finds it on the desk, records the assessment and refuses with individual reasons; the GP
appeals; the officer forwards the appeal to the ministry and records that the ministry allowed it.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-exemption.png), 2 when the
browser cannot start.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from zoneinfo import ZoneInfo

from browserkit import By, check, run

SCREENSHOT = "/tmp/tilgang-exemption.png"


def valid_nin(born: str) -> str:
    """A national identity number with valid check digits for the birth date DDMMYY."""
    w1, w2 = [3, 7, 6, 1, 8, 9, 4, 5, 2], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

    def digit(numbers, weights):
        value = (11 - sum(n * w for n, w in zip(numbers, weights)) % 11) % 11
        return None if value == 10 else value

    for individual in range(100, 1000):
        numbers = [int(c) for c in f"{born}{individual}"]
        k1 = digit(numbers, w1)
        k2 = None if k1 is None else digit(numbers + [k1], w2)
        if k2 is not None:
            return "".join(map(str, numbers + [k1, k2]))
    raise ValueError(born)


SENTENCES = [
    "Pasienten har hatt symptomer i flere år, og de godkjente alternativene er prøvd uten tilstrekkelig effekt. ",
    "Bivirkningene førte til seponering etter få uker; særlig kvalme, ødem og økt kreatinin. ",
    "Vi har vurdert nytte mot risiko og mener at behandlingen er faglig forsvarlig for nettopp denne pasienten. ",
    "Pasienten og pårørende er informert om at preparatet ikke har markedsføringstillatelse i Norge. ",
    "Oppfølging skjer ved kontroll hver fjerde uke, med blodprøver og vurdering av effekt og bivirkninger. ",
]


def long_text(length: int, opening: str = "") -> str:
    """A realistic free text of `length` characters with æøå: varied clinical sentences, not one repeated."""
    text = opening
    index = 0
    while len(text) < length:
        text += SENTENCES[index % len(SENTENCES)]
        index += 1
    return text[:length].rstrip()


def oslo_today() -> datetime.date:
    return datetime.datetime.now(ZoneInfo("Europe/Oslo")).date()


def fill_application(b, medicine: str, indication: str) -> None:
    today = oslo_today()
    b.open("/fritak/ny", "exemption-form")
    # The profession comes from the HPR register, not from the form (R12).
    check("allmennlege" in b.text("registered-as"), "the GP applies as what the HPR register says")
    b.choose("scope", "patient")
    b.choose("species", "human")
    b.type("patientNIN", valid_nin("120488"))
    b.tick("informedConsent")
    b.choose("medicineId", medicine)
    b.type("indication", indication)
    b.type("justification", "Barnet kan ikke svelge tabletter, og ingen mikstur er markedsført i Norge.")
    b.type("quantity", "3 flasker à 100 ml")
    b.type("validFrom", today.strftime("%d.%m.%Y"))
    b.type("validUntil", (today + datetime.timedelta(days=90)).strftime("%d.%m.%Y"))


def state(b) -> str:
    return b.find("exemption-state").get_attribute("data-state")


def journey_r11_refused_at_submission(b) -> None:
    print("Journey 1: a GP cannot apply for Bedrocan (R11)", flush=True)
    b.sign_in("fastlege")
    fill_application(b, "bedrocan-urtete", "G89.2")
    b.submit("send-exemption", "exemption-form")
    error = b.text("medicineId-error")
    check("R11" in error, f"the medicine field explains R11 ({error[:80]!r}…)")
    b.sign_out()


def journey_application_decision_appeal(b) -> None:
    print("Journey 2: a GP's application from submission to decision and appeal", flush=True)
    b.sign_in("fastlege")
    fill_application(b, "prednisolon-mikstur-in", "J45.9")
    b.submit("send-exemption", "exemption-state")
    url = b.driver.current_url
    reference = b.text("exemption-reference")
    check(state(b) == "submitted", f"{reference} is submitted to the agency")
    b.sign_out()

    b.sign_in("dmp-saksbehandler")
    b.open("/fritak", "exemption-list")
    links = [a.text for a in b.driver.find_elements(By.CSS_SELECTOR, "a.exemption-link")]
    check(reference in links, f"{reference} is on the desk's work list")
    b.click_and_load(b.driver.find_element(By.LINK_TEXT, reference), "do-assess")
    check("*****" in b.text("patient"), "the patient's number is masked on the page")
    for field, text in [
        ("professionalSoundness", "Forsvarlig vurdert mot barnets situasjon"),
        ("documentationLevel", "Godkjent i India"),
        ("risk", "Lav"),
        ("alternatives", "Knuste tabletter i vann"),
        ("followUpAbility", "Fastlegen følger opp"),
    ]:
        b.type(field, text)
    b.submit("do-assess", "exemption-state")
    check(state(b) == "under_assessment", "the assessment is recorded")
    b.type("reasons-refuse", "Tablettene kan knuses og gis i vann; for dette barnet er det et forsvarlig alternativ.")
    b.submit("do-refuse", "exemption-state")
    check(state(b) == "refused", "the officer refuses with individual reasons")
    check("knuses" in b.text("decision-reasons"), "the reasons are shown with the decision")
    b.sign_out()

    b.sign_in("fastlege")
    b.driver.get(url)
    b.type("grounds", "Barnet kaster opp knuste tabletter; se journalnotat.")
    b.submit("do-appeal", "exemption-state")
    check(state(b) == "appealed", "the GP appeals")
    b.sign_out()

    b.sign_in("dmp-saksbehandler")
    b.driver.get(url)
    b.type("note-forward", "DMP opprettholder avslaget og sender klagen videre.")
    b.submit("do-forward_to_ministry", "exemption-state")
    check(state(b) == "with_ministry", "the appeal is forwarded to the ministry")
    b.find("allowed-true").click()
    b.type("note-outcome", "Departementet tok klagen til følge.")
    b.submit("do-record_ministry_outcome", "exemption-state")
    check(state(b) == "appeal_allowed", "the ministry's outcome is recorded")
    history = b.text("exemption-history")
    check("Klage tatt til følge" in history and "Frode Fastlege" in history, "the history names every step")
    b.sign_out()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of the exemption desk.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    return run(
        "exemption_test", args.base_url,
        [journey_r11_refused_at_submission, journey_application_decision_appeal], SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
