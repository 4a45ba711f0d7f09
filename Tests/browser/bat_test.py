#!/usr/bin/env python3
"""Browser test of access to earlier applications («BAT», issue 19), in headless Chromium.

Usage:
    bat_test.py --base-url URL

Journey 1: si-lege's applications for two patients are submitted. The section chief asks on «Innsyn i tidligere
søknader»: a missing reason is named beside its field with the number kept; then a reason of more than 2,000
characters with æøå is sent. The identity number never appears in a URL.
Journey 2: the department head sees the request with its reason and grants it (30 days by default).
Journey 3: the section chief opens the granted patient's application from the page: read-only (the page says so,
no action forms, no attachments); the other patient's application is still refused.
Journey 4: with the case open in the physician's window, the department head revokes the grant in a second
window; the physician's reload is refused.
Journey 5: the administrator's «Innsyn i logg» for the patient shows the request with its reason, the grant (who,
period), the read under the grant and the revocation.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-bat.png), 2 when the browser
cannot start.
"""

from __future__ import annotations

import argparse
import datetime
import sys

from approval_chain_test import create_and_submit, long_text
from browserkit import Browser, By, check, run
from exemption_test import oslo_today, valid_nin

SCREENSHOT = "/tmp/tilgang-bat.png"
PATIENT = valid_nin("170466")
OTHER_PATIENT = valid_nin("180577")
REASON = long_text("Innsyn i tidligere søknader: pasienten er overført til min seksjon", 2300)


def no_number_in_url(b) -> None:
    check(PATIENT not in b.driver.current_url, "the identity number is not in the URL")


def journey_physician_asks(b, shared: dict[str, str]) -> None:
    print("Journey 1: applications exist; the section chief asks, a missing reason is named", flush=True)
    shared["url"], shared["number"] = create_and_submit(b, "individual", "SI", PATIENT)
    shared["other_url"], shared["other_number"] = create_and_submit(b, "individual", "SI", OTHER_PATIENT)
    b.sign_in("si-seksjonsoverlege")
    b.driver.get(shared["url"])
    check("ikke tilgang" in b.text("error-reason"), "the section chief cannot read the application before a grant")
    b.open("/tidligere-soknader", "request-form")
    b.type("patientNIN", PATIENT)
    b.submit("request-button", "reason-error")
    check("må fylles ut" in b.text("reason-error"), f"the reason is required: {b.text('reason-error')!r}")
    check(b.find("patientNIN").get_attribute("value") == PATIENT, "the identity number typed is kept")
    no_number_in_url(b)
    b.type("reason", REASON)
    b.submit("request-button", "access-message")
    check("sendt til avdelingslederen" in b.text("access-message"), "the request is sent")
    mine = b.driver.find_element(By.CSS_SELECTOR, "#mine-section article")
    check(mine.get_attribute("data-state") == "pending", "it waits for the department head")
    check(REASON[:300] in mine.text and REASON[-200:] in mine.text, "the whole reason (2,300 characters, æøå) is kept")
    no_number_in_url(b)
    b.sign_out()


def journey_head_grants(b) -> None:
    print("Journey 2: the department head grants for the default 30 days", flush=True)
    b.sign_in("si-avdelingsleder")
    b.open("/tidligere-soknader", "pending-section")
    pending = b.driver.find_element(By.CSS_SELECTOR, "#pending-section article")
    check(REASON[:300] in pending.text, "the head sees the reason")
    check("Sara Seksjonsoverlege" in pending.text, "and who asks")
    request_id = pending.get_attribute("id").removeprefix("pending-")
    check(b.find(f"days-{request_id}").get_attribute("value") == "30", "30 days is the default")
    b.submit(f"do-grant-{request_id}", "access-message")
    check("innvilget" in b.text("access-message"), "granted")
    check(bool(b.find(f"revoke-{request_id}")), "the grant is listed with a revoke form")
    b.sign_out()


def journey_physician_reads(b, shared: dict[str, str]) -> None:
    print("Journey 3: the section chief reads the granted application read-only; not the other patient's", flush=True)
    b.sign_in("si-seksjonsoverlege")
    b.open("/tidligere-soknader", "mine-section")
    links = [a.text for a in b.driver.find_elements(By.CSS_SELECTOR, "a.granted-case")]
    check(shared["number"] in links and shared["other_number"] not in links,
          f"the grant opens {shared['number']}, not the other patient's {shared['other_number']}: {links}")
    b.click_and_load(b.driver.find_element(By.LINK_TEXT, shared["number"]), "read-only-grant")
    last_day = (oslo_today() + datetime.timedelta(days=29)).strftime("%d.%m.%Y")
    check(last_day in b.text("read-only-grant"), f"the page says it is read under a grant to {last_day}")
    check(not b.driver.find_elements(By.CSS_SELECTOR, "form.action-form"), "no action forms")
    check(not b.driver.find_elements(By.ID, "attachments"), "no attachments section")
    check(not b.driver.find_elements(By.ID, "edit-link"), "no edit link")
    b.driver.get(shared["other_url"])
    check("ikke tilgang" in b.text("error-reason"), "the other patient's application stays closed")


def journey_head_revokes_while_open(b, shared: dict[str, str]) -> None:
    print("Journey 4: the head revokes in a second window while the case is open", flush=True)
    b.driver.get(shared["url"])
    b.find("read-only-grant")
    other = Browser(b.base_url)
    try:
        other.sign_in("si-avdelingsleder")
        other.open("/tidligere-soknader", "granted-section")
        row = other.driver.find_element(By.CSS_SELECTOR, "#granted-list tbody tr")
        request_id = row.get_attribute("id").removeprefix("granted-")
        other.type(f"revoke-reason-{request_id}", "Pasienten er tilbake hos behandlende lege; tilgangen avsluttes.")
        other.submit(f"do-revoke-{request_id}", "access-message")
        check("trukket tilbake" in other.text("access-message"), "the head revokes the grant")
    finally:
        other.quit()
    b.driver.refresh()
    check("ikke tilgang" in b.text("error-reason"), "the physician's reload is refused")
    b.open("/tidligere-soknader", "mine-section")
    check(not b.driver.find_elements(By.CSS_SELECTOR, "a.granted-case"), "no case links any more")
    mine = b.driver.find_element(By.CSS_SELECTOR, "#mine-section article")
    check(mine.get_attribute("data-state") == "revoked", "the request shows as revoked")
    b.sign_out()


def journey_access_log(b, shared: dict[str, str]) -> None:
    print("Journey 5: the access log shows the request, the grant, the read and the revocation", flush=True)
    b.sign_in("si-admin")
    b.open("/innsyn", "access-form")
    b.type("patientNIN", PATIENT)
    b.submit("access-button", "access-log")
    no_number_in_url(b)
    log = b.text("access-log")
    for title in ["Ba om innsyn i tidligere søknader", "Innvilget innsyn i tidligere søknader",
                  "Leste saken med innsynstilgang", "Trakk tilbake innsyn i tidligere søknader"]:
        check(title in log, f"the log shows «{title}»")
    requests = b.text("access-requests")
    today = oslo_today()
    period = f"{today.strftime('%d.%m.%Y')}–{(today + datetime.timedelta(days=29)).strftime('%d.%m.%Y')}"
    check("Sara Seksjonsoverlege" in requests and REASON[:200] in requests, "the request with who asked and why")
    check("Anders Avdelingsleder" in requests and period in requests, f"the grant: who and the period {period}")
    check("tilgangen avsluttes" in requests, "the revocation's reason")
    b.sign_out()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of access to earlier applications.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    shared: dict[str, str] = {}
    return run(
        "bat_test", args.base_url,
        [lambda b: journey_physician_asks(b, shared), journey_head_grants,
         lambda b: journey_physician_reads(b, shared), lambda b: journey_head_revokes_while_open(b, shared),
         lambda b: journey_access_log(b, shared)],
        SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
