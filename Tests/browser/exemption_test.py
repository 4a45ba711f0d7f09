#!/usr/bin/env python3
"""Browser test of the approval-exemption desk (/fritak) in headless Chromium.

Usage:
    exemption_test.py --base-url URL

Journey 1: a GP (fastlege) applies for Bedrocan (22 % THC): the form is refused with R11 next to the medicine.
Journey 2, a case officer's day: the GP applies for prednisolone oral solution (no Norwegian MT, R8) with a
long justification; the agency officer (dmp-saksbehandler) finds it in the queue with the received date and the
deadline (3 working days), searches for it by case number, records the assessment and refuses with individual
reasons (thousands of characters with æøå); the printable decision letter states the reasons and the appeal
deadline; the GP sees the deadline and appeals; the officer forwards the appeal to the ministry and records
that the ministry allowed it.
Journey 3, profession from the HPR register: the veterinarian (vet in the register) applies for a human
patient with a forged «general practitioner» field added to the form and is refused (R12); the same
veterinarian's application for a flock of sheep is accepted; the GP's page says they apply as a GP.
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
    b.type("justification", long_text(3000, "Barnet kan ikke svelge tabletter, og ingen mikstur er markedsført i Norge. "))
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
    row = b.driver.find_element(By.LINK_TEXT, reference).find_element(By.XPATH, "./ancestor::tr")
    cells = [cell.text.strip() for cell in row.find_elements(By.TAG_NAME, "td")]
    today = oslo_today()
    check(today.strftime("%d.%m.%Y") in cells, f"the queue shows the received date ({cells[5]})")
    deadline = datetime.datetime.strptime(cells[6][:10], "%d.%m.%Y").date()
    working = sum(1 for n in range(1, (deadline - today).days + 1)
                  if (today + datetime.timedelta(days=n)).weekday() < 5)
    # Three working days: three weekdays on, more when public holidays fall between (at most three at Easter).
    check(deadline > today and 3 <= working <= 6 and deadline.weekday() < 5,
          f"the deadline {cells[6]} is three working days on")
    # The search finds the case by its number; a control character in a link is not echoed.
    b.type("q", reference)
    b.submit("exemption-search-button", "exemption-list")
    found = [a.text for a in b.driver.find_elements(By.CSS_SELECTOR, "a.exemption-link")]
    check(found == [reference], f"the search finds exactly {reference}")
    b.open("/fritak?liste=all&q=%E2%80%AEpred%00nisolon", "exemption-search")
    check(b.find("q").get_attribute("value") == "prednisolon", "the search box drops bidi and NUL characters")
    b.type("q", reference)
    b.submit("exemption-search-button", "exemption-list")
    b.click_and_load(b.driver.find_element(By.LINK_TEXT, reference), "do-assess")
    check("Ikke avgjort" in b.text("exemption-validity"), "an undecided application is «Ikke avgjort»")
    check("*****" in b.text("patient"), "the patient's number is masked on the page")
    for field, text in [
        ("professionalSoundness", long_text(2500, "Forsvarlig vurdert mot barnets situasjon. ")),
        ("documentationLevel", "Godkjent i India"),
        ("risk", "Lav"),
        ("alternatives", "Knuste tabletter i vann"),
        ("followUpAbility", "Fastlegen følger opp"),
    ]:
        b.type(field, text)
    b.submit("do-assess", "exemption-state")
    check(state(b) == "under_assessment", "the assessment is recorded")
    reasons = long_text(
        2800, "Tablettene kan knuses og gis i vann; for dette barnet er det et forsvarlig alternativ. Søkeren "
              "har ikke dokumentert at barnet har forsøkt knuste tabletter, og DMP legger vekt på at et "
              "markedsført alternativ er å foretrekke når det kan brukes trygt. ")
    b.type("reasons-refuse", reasons)
    b.submit("do-refuse", "exemption-state")
    check(state(b) == "refused", "the officer refuses with individual reasons")
    check("knuses" in b.text("decision-reasons"), "the reasons are shown with the decision")
    check(b.text("exemption-validity") == "Ikke innvilget", "a refused application is «Ikke innvilget»")
    check("Ikke trådt i kraft" not in b.driver.page_source, "never «Ikke trådt i kraft»")
    b.click_and_load(b.find("decision-letter-link"), "decision-letter")
    check(b.text("letter-reasons") == reasons.strip(), "the decision letter states the reasons in full")
    appeal_by = (today + datetime.timedelta(days=21)).strftime("%d.%m.%Y")
    check(appeal_by in b.text("letter-appeal"), f"and the appeal deadline {appeal_by}")
    check("DMP" in b.text("decision-letter") and "Legemiddelverket" not in b.text("decision-letter"),
          "the agency is called DMP")
    b.sign_out()

    b.sign_in("fastlege")
    b.driver.get(url)
    check(appeal_by in b.text("appeal-deadline"), "the GP sees the appeal deadline")
    b.type("grounds", long_text(2200, "Barnet kaster opp knuste tabletter; se journalnotat fra legevakten. "))
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


def journey_profession_from_the_register(b) -> None:
    print("Journey 3: the profession comes from the HPR register, not the form", flush=True)
    today = oslo_today()
    b.sign_in("veterinaer")
    b.open("/fritak/ny", "exemption-form")
    check("veterinær" in b.text("registered-as").lower(), "the veterinarian applies as what the register says")
    check(not b.driver.find_elements(By.ID, "applicantKind"), "there is no applicant type to choose")
    b.choose("scope", "patient")
    b.choose("species", "human")
    b.type("patientNIN", valid_nin("030390"))
    b.tick("informedConsent")
    b.choose("medicineId", "prednisolon-mikstur-in")
    b.type("indication", "J45.9")
    b.type("justification", long_text(2400, "Søknad for en menneskelig pasient fra en veterinær. "))
    b.type("quantity", "1 flaske à 100 ml")
    b.type("validFrom", today.strftime("%d.%m.%Y"))
    b.type("validUntil", (today + datetime.timedelta(days=30)).strftime("%d.%m.%Y"))
    # An attacker's form: a forged applicant type added to the page.
    b.driver.execute_script(
        "var f = document.getElementById('exemption-form'); var i = document.createElement('input');"
        "i.type = 'hidden'; i.name = 'applicantKind'; i.value = 'general_practitioner'; f.appendChild(i);")
    b.submit("send-exemption", "exemption-form")
    check(b.driver.find_elements(By.ID, "error-summary"), "the veterinarian's application for a human is refused")
    errors = " ".join(e.text for e in b.driver.find_elements(By.CSS_SELECTOR, ".field-error"))
    check("R12" in errors or "veterinær" in errors.lower(), f"the refusal names R12 or the profession ({errors[:100]!r})")
    check("general_practitioner" not in b.driver.page_source.split("</form>")[-1], "no internal code on screen")
    # The same veterinarian applying for an animal is accepted.
    b.open("/fritak/ny", "exemption-form")
    b.choose("scope", "patient")
    b.choose("species", "animal")
    b.type("animal", "Sau, besetning på 12 dyr i Østre Toten")
    b.choose("medicineId", "prednisolon-mikstur-in")
    b.type("indication", "B66.3")
    b.type("justification", long_text(2200, "Besetningen har leverikter, og ingen godkjent behandling er tilgjengelig. "))
    b.type("quantity", "2 flasker à 100 ml")
    b.type("validFrom", today.strftime("%d.%m.%Y"))
    b.type("validUntil", (today + datetime.timedelta(days=30)).strftime("%d.%m.%Y"))
    b.submit("send-exemption", "exemption-state")
    check(state(b) == "submitted", f"the veterinarian's application for the flock is sent ({b.text('exemption-reference')})")
    check("Veterinær" in b.driver.page_source, "as a veterinarian")
    b.sign_out()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of the exemption desk.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    return run(
        "exemption_test", args.base_url,
        [journey_r11_refused_at_submission, journey_application_decision_appeal, journey_profession_from_the_register],
        SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
