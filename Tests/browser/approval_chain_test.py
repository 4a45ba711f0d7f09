#!/usr/bin/env python3
"""Browser test of the trust's application portal (/saker) with every role of the chain, in headless Chromium.

Usage:
    approval_chain_test.py --base-url URL

Journey 1: an invalid national identity number on a new application is shown next to the field.
Chain v2 with realistic texts (thousands of characters with æøå):
Journey 2: physician → department head's professional assessment → division director's priority (benefit,
resource use, severity) → committee's recommendation naming two members → the medical director sees every
assessment above the decision and approves; the history names every step, no internal code on the page.
Journey 3: the department head returns the case; the physician edits it (the history shows before/after) and
sends it again, starting at the department head.
Journey 4: a cross-trust group case: Helse Bergen's director objects, the deciding director sees the objection
and refuses; the physician revises the refused case into a new, linked application.
Journey 5: recommendations to refuse, a supplement request answered with an amendment, refusal.
Journey 6: a second window: the department head's typed assessment meets a withdrawal made meanwhile; the
stale form is refused with a message and the withdrawal stands.
Journey 7: the administrator creates a user at /admin/brukere, who can then sign in.
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


def long_text(topic: str, length: int = 2500) -> str:
    """A realistic free text of about `length` characters with æøå, as clinicians write them."""
    sentence = (
        f"{topic}: pasienten har hatt tre attakker siste år til tross for behandling med to godkjente "
        "sykdomsmodifiserende legemidler; MR viser nye T2-lesjoner og én kontrastladende lesjon. Vurderingen er "
        "gjort sammen med nevrolog på Lillehammer, og risiko for bivirkninger er gjennomgått med pasienten og "
        "pårørende. Effekten følges med MR etter seks og tolv måneder, og behandlingen avsluttes ved manglende "
        "respons. "
    )
    text = ""
    while len(text) < length:
        text += sentence
    return text[:length].rstrip() + "."


def act(b, username: str, number: str, action: str, fields: dict[str, str] | None = None,
        ticks: list[str] | None = None) -> str:
    """Signs in as `username`, opens the case from «Til meg», takes `action` and returns the new state."""
    b.sign_in(username)
    b.open("/saker?liste=todo", "main")
    links = [a.text for a in b.driver.find_elements(By.CSS_SELECTOR, "a.case-link")]
    check(number in links, f"{number} waits in {username}'s «Til meg»")
    b.click_and_load(b.driver.find_element(By.LINK_TEXT, number), f"do-{action}")
    for field, text in (fields or {}).items():
        b.type(field if "-" in field else f"{field}-{action}", text)
    for box in ticks or []:
        b.tick(box)
    b.submit(f"do-{action}", "case-state")
    result = state(b)
    b.sign_out()
    return result


def assess(b, username: str, number: str, kind: str, text: str, extra: dict[str, str] | None = None,
           ticks: list[str] | None = None) -> str:
    """Chain v2: the step records its conclusion and reasons and sends the case on."""
    fields = {"assessment-assess": text, **(extra or {})}
    return act(b, username, number, "assess", fields, [f"kind-{kind}"] + (ticks or []))


def create_and_submit(b, kind: str, patient_trust: str, nin: str | None) -> tuple[str, str]:
    b.sign_in("si-lege")
    url = new_application(b, kind, patient_trust, nin)
    number = b.text("case-number")
    check(state(b) == "draft", f"{number} is saved as a draft")
    b.submit("do-submit", "case-state")
    check(state(b) == "department_review", f"{number} goes to the department head")
    b.sign_out()
    return url, number


def committee_member_box(b, username: str) -> str:
    """The id of the committee member checkbox of `username` on the open case page."""
    for box in b.driver.find_elements(By.CSS_SELECTOR, "#committee-members input[type=checkbox]"):
        label = b.driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").text
        if username in label:
            return box.get_attribute("id")
    raise AssertionError(f"no committee checkbox for {username}")


def to_the_committee(b, number: str) -> None:
    """The department head's and the division director's assessments, realistic lengths; ends at the committee."""
    reached = assess(b, "si-avdelingsleder", number, "recommend_approval", long_text("Faglig vurdering", 2600))
    check(reached == "division_review", "department head: professional assessment recorded (2,600 characters)")
    priority = {
        "benefit-assess": long_text("Nytte", 1230), "resourceUse-assess": "ca. 60 000 kr per år; innenfor budsjett",
        "severity-assess": "Alvorlig: risiko for varig funksjonstap",
    }
    reached = assess(b, "si-divisjonsdirektor", number, "recommend_approval", "", priority)
    check(reached == "committee_review", "division director: benefit (1,230 characters), resource use and severity")


def committee_recommends(b, number: str, recommendation: str = "recommend_approval") -> str:
    """The committee is several people: Kari records the recommendation and names Kåre as taking part."""
    b.sign_in("si-komite")
    b.open("/saker?liste=todo", "main")
    b.click_and_load(b.driver.find_element(By.LINK_TEXT, number), "do-assess")
    box = committee_member_box(b, "Kåre")
    b.sign_out()
    return assess(b, "si-komite", number, recommendation, long_text("Komiteens anbefaling", 3100), ticks=[box])


def through_the_committee(b, number: str, recommendation: str = "recommend_approval") -> str:
    """Department head, division director and committee each record an assessment; returns the next state."""
    to_the_committee(b, number)
    return committee_recommends(b, number, recommendation)


def journey_invalid_identity_number(b) -> None:
    print("Journey 1: an invalid identity number is named at its field", flush=True)
    b.sign_in("si-lege")
    b.open("/saker/ny", "case-form")
    b.type("patientNIN", "12345678901")
    b.submit("save-case", "case-form")
    check(bool(b.text("patientNIN-error")), f"#patientNIN-error says {b.text('patientNIN-error')!r}")
    b.sign_out()


def journey_individual_to_approval(b) -> None:
    print("Journey 2: an individual application through every step's assessment to approval", flush=True)
    url, number = create_and_submit(b, "individual", "SI", valid_nin("150385"))
    check(through_the_committee(b, number) == "director_decision", "committee: recommended, two members named")
    b.sign_in("si-direktor")
    b.open("/saker?liste=todo", "main")
    b.click_and_load(b.driver.find_element(By.LINK_TEXT, number), "case-assessments")
    shown = b.text("case-assessments")
    for expected in ("Anbefaler godkjenning", "Faglig vurdering", "Nytte", "Kåre Komitémedlem", "Kari Komité"):
        check(expected in shown, f"the director sees «{expected}» above the decision")
    b.sign_out()
    approved = act(b, "si-direktor", number, "approve", {"comment": long_text("Vedtak", 1500)})
    check(approved == "approved", "medical director: approved with 1,500 characters of reasons")
    b.sign_in("si-lege")
    b.driver.get(url)
    history = b.text("case-history")
    for name in ("Lise Lege", "Anders Avdelingsleder", "Dora Divisjonsdirektør", "Kari Komité", "Dag Direktør"):
        check(name in history, f"the history names {name}")
    check("recommend_approval" not in b.driver.page_source, "no internal code on the page")
    check(bool(b.driver.find_elements(By.ID, "prescribing-guidance")), "the approved case shows prescribing guidance")
    b.sign_out()


def journey_return_amend_resubmit(b) -> None:
    print("Journey 3: returned to the applicant, amended (diff in the history), sent again", flush=True)
    url, number = create_and_submit(b, "individual", "SI", valid_nin("010190"))
    returned = act(b, "si-avdelingsleder", number, "return_to_applicant",
                   {"comment": "Legg ved MR-funn og beskriv effekten av tidligere behandling – særlig ørepåvirkning."})
    check(returned == "returned_to_applicant", "department head returns the case with what must change")
    b.sign_in("si-lege")
    b.driver.get(url)
    b.click_and_load(b.find("edit-link"), "case-form")
    b.type("justification", long_text("Oppdatert begrunnelse med MR-funn", 2400))
    b.submit("save-case", "case-state")
    history = b.text("case-history")
    check("Søknaden endret" in history and "Oppdatert begrunnelse med MR-funn" in history,
          "the history shows the change, before and after")
    b.submit("do-submit", "case-state")
    check(state(b) == "department_review", "sent again, it starts at the department head")
    b.sign_out()


def journey_cross_trust_objection_then_revision(b) -> None:
    print("Journey 4: a cross-trust group case with an objection, refused, revised into a new application", flush=True)
    url, number = create_and_submit(b, "group", "HB", None)
    check(through_the_committee(b, number) == "partner_director_review", "committee: to Helse Bergen first")
    objected = assess(b, "hb-direktor", number, "objection", long_text("Innsigelse fra Helse Bergen", 1800))
    check(objected == "director_decision", "Helse Bergen's director objects; the case goes to the decision")
    b.sign_in("si-direktor")
    b.driver.get(url)
    check("Innsigelse" in b.text("case-assessments"), "the deciding director sees the objection")
    b.sign_out()
    refused = act(b, "si-direktor", number, "refuse", {"comment": long_text("Avslag", 2200)})
    check(refused == "refused", "refused with reasons")
    b.sign_in("si-lege")
    b.driver.get(url)
    b.submit("do-revise", "case-form")
    check(number in b.text("revises-note"), "the new application says which refused case it revises")
    b.type("groupSize", "6")
    b.submit("save-case", "case-state")
    check(number in b.text("revises-link"), "the new case links to the refused one")
    b.sign_out()


def journey_supplement_then_refusal(b) -> None:
    print("Journey 5: supplementary information with an amendment, then refusal", flush=True)
    url, number = create_and_submit(b, "individual", "SI", valid_nin("020771"))
    assess(b, "si-avdelingsleder", number, "recommend_refusal", long_text("Tvilsom nytte", 2000))
    assess(b, "si-divisjonsdirektor", number, "recommend_refusal", "",
           {"benefit-assess": "Liten", "resourceUse-assess": "Høy", "severity-assess": "Moderat"})
    asked = act(b, "si-komite", number, "request_supplement", {"comment": "Legg ved MR-funn siste 12 måneder"})
    check(asked == "supplement_requested", "committee: asks for supplementary information")
    b.sign_in("si-lege")
    b.driver.get(url)
    b.click_and_load(b.find("edit-link"), "case-form")
    b.type("dosage", "500 mg x 2 med 2 ukers mellomrom, deretter hver 6. måned")
    b.submit("save-case", "case-state")
    b.sign_out()
    supplied = act(b, "si-lege", number, "supply_supplement", {"comment": long_text("MR-funn", 2100)})
    check(supplied == "committee_review", "the physician supplies it and the case is back with the committee")
    b.sign_in("si-komite")
    b.driver.get(url)
    check("500 mg x 2" in b.text("case-history"), "the committee sees the amended dosage in the history")
    b.sign_out()
    reached = assess(b, "si-komite", number, "recommend_refusal", long_text("Anbefaler avslag", 2500))
    check(reached == "director_decision", "committee: recommends refusal; the director decides")
    refused = act(b, "si-direktor", number, "refuse", {"comment": "Nytten står ikke i forhold til kostnaden"})
    check(refused == "refused", "medical director: refused with reasons")


def journey_second_window_and_withdrawal(b) -> None:
    print("Journey 6: a second window on the same case; withdrawal with reason", flush=True)
    url, number = create_and_submit(b, "individual", "SI", valid_nin("121212"))
    # The department head has the case open with a long assessment typed when the applicant withdraws it.
    b.sign_in("si-avdelingsleder")
    b.driver.get(url)
    b.tick("kind-recommend_approval")
    typed = long_text("Vurdering skrevet i det andre vinduet", 2200)
    b.type("assessment-assess", typed)
    from browserkit import Browser
    other = Browser(b.base_url)
    try:
        other.sign_in("si-lege")
        other.driver.get(url)
        other.type("comment-withdraw", "Pasienten ønsker å vente til etter svangerskapet.")
        other.tick("confirm-withdraw")
        other.submit("do-withdraw", "case-state")
        check(other.find("case-state").get_attribute("data-state") == "withdrawn", "the applicant withdraws")
    finally:
        other.quit()
    b.submit("do-assess", "case-message")
    check("ingenting er overskrevet" in b.text("case-message") or "kan ikke gjøres" in b.text("case-message"),
          f"the stale window is told: {b.text('case-message')!r}")
    check(state(b) == "withdrawn", "the withdrawal stands")
    check(typed[:200] in b.text("unsaved-text"), "the text typed in the stale window is shown, not lost")
    b.sign_out()


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
        [journey_invalid_identity_number, journey_individual_to_approval, journey_return_amend_resubmit,
         journey_cross_trust_objection_then_revision, journey_supplement_then_refusal,
         journey_second_window_and_withdrawal, journey_administrator_creates_a_user],
        SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
