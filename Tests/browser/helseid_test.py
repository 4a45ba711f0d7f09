#!/usr/bin/env python3
"""Browser test: a physician signs in with HelseID for the first time in headless Chromium, states trust and
department, waits; the trust's administrator approves them on /admin/brukere; they sign in again with HelseID and
sign out, which ends the provider's session too.

Runs against a Tilgang server set up for a real OpenID provider (scripts/oidc_test.py starts both and runs this
after its own checks): --base-url Tilgang, --provider the provider (its control endpoint picks the person). The HPR
register must know --hpr (the harness adds the entry).
"""

import argparse
import json
import sys
import urllib.request

from browserkit import By, check, run


def control(provider: str, person: str) -> None:
    request = urllib.request.Request(
        provider + "/test/control", data=json.dumps({"person": person, "fault": None}).encode(), method="POST")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200


def journeys(provider: str, hpr: str):
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

    return [first_sign_in, approval, signed_in]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--provider", required=True)
    parser.add_argument("--hpr", required=True)
    args = parser.parse_args()
    sys.exit(run("helseid", args.base_url, journeys(args.provider, args.hpr), "/tmp/helseid-failure.png"))
