#!/usr/bin/env python3
"""Browser test: a physician signs in with HelseID for the first time in headless Chromium, states trust and
department, waits; the trust's administrator approves them on /admin/brukere; they sign in again with HelseID and
sign out, which ends the provider's session too. Then the EHR (scripts/ehr_simulator.py, playing DIPS Arena) launches
Tilgang for a patient: the physician signs in through the provider on the way, the new application opens with the
patient filled in server-side, and they save and submit it (a long justification with æøå); a second launch for
the same patient shows «Pasientens søknader» with that case.

Runs against a Tilgang server set up for a real OpenID provider (scripts/oidc_test.py starts both and runs this
after its own checks): --base-url Tilgang, --provider the provider (its control endpoint picks the person). The HPR
register must know --hpr (the harness adds the entry). --ehr-key and --ehr-issuer are the EHR simulator's key file and issuer id (the
Tilgang server is configured with its public JWKS), --patient the patient's identity number.
"""

import argparse
import json
import os
import sys
import urllib.request

from browserkit import By, check, run

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from ehr_simulator import EHRSimulator  # noqa: E402

JUSTIFICATION = ("Aktiv multippel sklerose med tre attakker siste år til tross for to godkjente behandlinger; MR viser "
                 "nye lesjoner. Vurdert sammen med nevrolog på Gjøvik, og pasienten og pårørende er informert om "
                 "risiko og bivirkninger før oppstart. Effekten følges med MR etter seks og tolv måneder. ") * 10


def control(provider: str, person: str) -> None:
    request = urllib.request.Request(
        provider + "/test/control", data=json.dumps({"person": person, "fault": None}).encode(), method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


def journeys(provider: str, hpr: str, ehr: EHRSimulator, patient: str):
    def first_sign_in(b):
        control(provider, "ny-lege-2")
        b.open("/logg-inn", "helseid-button")
        check(b.find("login-form") is not None, "the sign-in page also offers the local form")
        b.submit("helseid-button", "helseid-first-form")
        check("Bjørg Æsøy-Lien" in b.text("helseid-name") and b.text("helseid-hpr") == hpr,
              "first sign-in names the person and HPR number")
        b.submit("helseid-register", "helseid-errors")
        check("Helseforetak:" in b.text("helseid-errors"), "trust and department are required, named in Norwegian")
        b.choose("trust", "SI")
        b.choose("department", "SI-MED")
        b.submit("helseid-register", "helseid-waiting")
        check("Administratoren" in b.text("helseid-waiting"), "the person waits for the administrator")
        b.open("/saker", "nav-login")
        check("/logg-inn" in b.driver.current_url, "a pending person reaches no case list")

    def approval(b):
        b.sign_out()
        b.sign_in("si-admin")
        b.open("/admin/brukere", "pending-" + hpr)
        check("lege" == b.driver.find_element(By.CSS_SELECTOR, "#pending-%s .profession" % hpr).text,
              "profession from the HPR register")
        b.choose("role-" + hpr, "physician")
        b.submit("approve-" + hpr, "users-message")
        check("Godkjent: hpr-" + hpr in b.text("users-message"), "the administrator approves the physician")

    def signed_in(b):
        b.sign_out()
        b.open("/logg-inn", "helseid-button")
        b.submit("helseid-button", "nav-me")
        check(b.text("nav-me") == "Bjørg Æsøy-Lien", "the approved physician is signed in with HelseID")
        b.open("/min-side", "logout-button")
        b.submit("logout-button", "provider-logged-out")
        check(b.driver.current_url.startswith(provider + "/end_session"), "sign-out ends the provider's session")
        b.open("/min-side", "nav-login")
        check("/logg-inn" in b.driver.current_url, "and the local session")

    def launched_from_the_record(b):
        control(provider, "ny-lege-2")
        url = ehr.launch(hpr, patient, "Øystein Ærø Åsen")
        check(patient not in url, "the EHR's browser URL carries no identity number")
        b.driver.get(url)
        b.find("launched-patient")
        check(patient[:6] + "*****" in b.text("launched-patient") and "Øystein Ærø Åsen" in b.text("launched-patient"),
              "the launch signs in through the provider and opens the new application for the patient")
        check(patient not in b.driver.page_source and patient not in b.driver.current_url,
              "the identity number is neither in the page nor in its URL")
        b.tick("patientInformed")
        b.choose("medicineId", "mabthera-500mg")
        b.type("indication", "G35")
        b.type("dosage", "1000 mg x 2 med 2 ukers mellomrom")
        b.type("treatmentDuration", "12 måneder")
        b.type("justification", JUSTIFICATION)
        b.type("alternatives", "Ocrelizumab er prøvd; bivirkninger")
        b.type("expectedBenefit", "Færre attakker og bedre gangfunksjon")
        b.type("costEstimate", "ca. 60 000 kr per år")
        b.submit("save-case", "case-state")
        number = b.text("case-number")
        check(b.text("patient") == patient[:6] + "*****", f"{number} is saved for the launched patient")
        b.submit("do-submit", "case-state")
        check(b.find("case-state").get_attribute("data-state") == "department_review",
              f"{number} is submitted to the department head")

        b.driver.get(ehr.launch(hpr, patient, "Øystein Ærø Åsen"))
        b.find("patient-cases")
        links = [a.text for a in b.driver.find_elements(By.CSS_SELECTOR, "#patient-cases a.case-link")]
        check(links == [number], "a second launch shows «Pasientens søknader» with the application")
        b.click_and_load(b.find("new-for-patient"), "case-form")
        check(patient[:6] + "*****" in b.text("launched-patient"), "«Ny søknad for denne pasienten» opens the form")

    return [first_sign_in, approval, signed_in, launched_from_the_record]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--provider", required=True)
    parser.add_argument("--hpr", required=True)
    parser.add_argument("--ehr-key", required=True)
    parser.add_argument("--ehr-issuer", required=True)
    parser.add_argument("--patient", required=True)
    args = parser.parse_args()
    simulator = EHRSimulator.load(args.ehr_key, args.ehr_issuer, args.base_url)
    sys.exit(run("helseid", args.base_url, journeys(args.provider, args.hpr, simulator, args.patient),
                 "/tmp/helseid-failure.png"))
