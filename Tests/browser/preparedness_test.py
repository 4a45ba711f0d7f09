#!/usr/bin/env python3
"""Browser test of supply preparedness (/beredskap) in headless Chromium, on the demo register.

Usage:
    preparedness_test.py --base-url URL

Journey: the analyst opens the dashboard (ranked critical medicines with reasons, the shortage chart), registers
a shortage of benzylpenicillin — first without a start date, which is named at its field — and reads the ranked
proposals with their reasons and what is missing; logs a forum decision to start production at the first proposed
site; back on the dashboard the shortage is active and benzylpenicillin ranks first, its past-shortage criterion
fed by the register. A shortage from 01.01.0001 to 01.01.9999 is refused, each date named by its Norwegian label
with what was typed kept. The agency's case officer reads the register without any write form. A physician sees
no preparedness link and gets 403. Re-runnable on the same database.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-preparedness.png), 2 when the
browser cannot start.
"""

from __future__ import annotations

import argparse
import sys

from browserkit import By, check, run

SCREENSHOT = "/tmp/tilgang-preparedness.png"
MEDICINE = "benzylpenicillin-1g"
NOTE = ("Leverandøren i Østerrike melder at råvaren er forsinket; sykehusapotekene får ikke levert før tidligst "
        "over nyttår, og behovet på intensivavdelingene øker. ") * 12


def journey_register_shortage_and_read_proposals(b) -> None:
    print("Journey: an analyst registers a shortage of a critical medicine and reads the proposals", flush=True)
    b.sign_in("beredskap-analytiker")
    b.open("/beredskap", "ranking")
    ranks = b.driver.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")
    check(len(ranks) >= 3, f"the register ranks the critical medicines ({len(ranks)})")
    check(len(b.driver.find_elements(By.CSS_SELECTOR, f"#rank-{MEDICINE} ul.reasons li")) > 0,
          "each medicine says why it ranks where it does")
    check(len(b.driver.find_elements(By.CSS_SELECTOR, "#shortage-chart rect")) > 0, "the shortage chart is drawn")

    b.submit("new-shortage", "shortage-form")
    b.choose("medicineId", MEDICINE)
    b.type("start", "")
    b.submit("save-shortage", "error-start")
    check("DD.MM.ÅÅÅÅ" in b.text("error-start"), "a missing start date is named at its field")
    b.choose("medicineId", MEDICINE)
    b.type("start", "01.01.0001")
    b.type("expectedEnd", "01.01.9999")
    b.type("note", NOTE)
    b.submit("save-shortage", "error-start")
    start_error, end_error = b.text("error-start"), b.text("error-expectedEnd")
    check(start_error == "Start: kan ikke være før 01.01.2000", f"a start in year 1 is named by its label: {start_error}")
    check(end_error.startswith("Forventet slutt: kan ikke være etter") and "10 år fram i tid" in end_error,
          f"an end in year 9999 is named by its label: {end_error}")
    check("expectedEnd" not in b.driver.find_element(By.ID, "shortage-form").text, "no internal field names")
    check(b.find("start").get_attribute("value") == "01.01.0001" and b.find("note").get_attribute("value") == NOTE,
          "what was typed is kept")
    b.choose("medicineId", MEDICINE)
    b.type("start", "01.11.2026")
    b.type("expectedEnd", "31.01.2027")
    b.choose("cause", "supply_failure")
    b.tick("measure-production")
    b.submit("save-shortage", "shortage-status")
    check(b.text("shortage-status") == "pågår", "the shortage is active")

    proposals = b.driver.find_elements(By.CSS_SELECTOR, "#proposals > li")
    check(len(proposals) >= 2, f"sites are proposed ({len(proposals)})")
    first = proposals[0]
    site = first.get_attribute("data-site")
    reasons = [li.text for li in first.find_elements(By.CSS_SELECTOR, "li.reason")]
    check(any("injeksjon" in r and "sterilt" in r for r in reasons), f"{site}: makes sterile injections ({reasons})")
    check(b.driver.find_elements(By.CSS_SELECTOR, "#proposals li.missing"), "what is missing is listed")
    check("Thermo Fisher" in b.driver.find_element(By.ID, "excluded").get_attribute("textContent"),
          "unsuitable sites are listed apart with the reason")

    b.choose("decision-kind", "start")
    b.choose("decision-site", site)
    b.type("decision-quantity", "")
    b.submit("save-decision", "error-decision-quantity")
    check("mengden" in b.text("error-decision-quantity"), "starting production without a quantity is refused")
    b.choose("decision-kind", "start")
    b.choose("decision-site", site)
    b.type("decision-quantity", "5 000 hetteglass")
    b.submit("save-decision", "shortage-message")
    rows = [r.text for r in b.driver.find_elements(By.CSS_SELECTOR, "#shortage-decisions tbody tr")]
    check(any("Start produksjon" in r and site in r and "5 000 hetteglass" in r for r in rows),
          f"the decision is in the log ({rows})")

    b.open("/beredskap", "ranking")
    active = b.driver.find_element(By.ID, "active-shortages").text
    check("Benzylpenicillin" in active, "the dashboard lists the active shortage")
    row = b.find(f"rank-{MEDICINE}")
    check(row.get_attribute("data-rank") == "1", "benzylpenicillin now ranks first")
    check("i mangel" in row.text and "Antall mangler historisk" in row.text,
          "it is marked in shortage, and past shortages count among the reasons")
    b.sign_out()


def journey_readers_see_no_write_forms(b) -> None:
    print("Journey: the agency's case officer reads the register and is shown no form to change it", flush=True)
    b.sign_in("dmp-saksbehandler")
    for path, marker in [("/beredskap", "ranking"), ("/beredskap/lager", "stock"), ("/beredskap/vekter", "weights"),
                         ("/beredskap/steder", "sites")]:
        b.open(path, marker)
        forms = b.driver.find_elements(By.CSS_SELECTOR, "form[method=post]")
        check(not forms, f"{path}: no write form for a reader ({len(forms)})")
    check(not b.driver.find_elements(By.ID, "new-shortage"), "no «Registrer mangel» for a reader")
    b.sign_out()


def journey_other_roles_are_kept_out(b) -> None:
    print("Journey: a physician has no access to the register", flush=True)
    b.sign_in("si-lege")
    check(not b.driver.find_elements(By.ID, "nav-preparedness"), "no preparedness link for a physician")
    b.driver.get(b.base_url + "/beredskap")
    check("Rollen din har ikke tilgang til beredskapsregisteret" in b.driver.page_source, "the page is refused")
    check(not b.driver.find_elements(By.ID, "ranking"), "no register is shown")
    b.sign_out()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of supply preparedness.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    return run("preparedness_test", args.base_url,
               [journey_register_shortage_and_read_proposals, journey_readers_see_no_write_forms,
                journey_other_roles_are_kept_out], SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
