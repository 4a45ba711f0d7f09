#!/usr/bin/env python3
"""Browser test of the notices: a case followed by its e-mails, in headless Chromium against a server that sends
mail to a real SMTP server (scripts/smtp_sink.py, which writes every message it accepts to --mail-dir).

Usage:
    notices_test.py --base-url URL --mail-dir DIR

A physician submits two applications; the department head finds both mails in the mailbox (case number, what
happened and a link; no patient data), opens the first mail's link (signing in on the way) and lands on the case,
sees the count on «Til meg», opens the second mail's link and sees the count go down by one, and quality-assures
the first case. The next steps follow the chain; the division director gets a mail, and the physician gets the
decision mail. Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-notices.png), 2
when the browser cannot start.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import glob
import os
import re
import sys
import time

from approval_chain_test import act, assess, committee_recommends, state
from browserkit import PASSWORD, By, check, run
from exemption_test import valid_nin

SCREENSHOT = "/tmp/tilgang-notices.png"
NIN = valid_nin("240479")
JUSTIFICATION = "Særlig alvorlig forløp hos pasienten på Østre Toten; tre attakker på ett år. " * 40


def mails(directory: str) -> list[email.message.EmailMessage]:
    found = []
    for path in sorted(glob.glob(os.path.join(directory, "*.eml"))):
        with open(path, "rb") as raw:
            found.append(email.message_from_binary_file(raw, policy=email.policy.default))
    return found


def wait_for_mail(directory: str, to: str, number: str, what: str) -> email.message.EmailMessage:
    """The mail to `to` about case `number` whose subject says `what`, waited for (the outbox sends it later)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for message in mails(directory):
            if message["To"] == to and number in message["Subject"] and what in message["Subject"]:
                return message
        time.sleep(0.5)
    raise AssertionError(f"no mail to {to} about {number} ({what}) within 60 s")


def checked_link(message: email.message.EmailMessage, number: str, base_url: str) -> str:
    """Checks the mail holds nothing of the application, and returns its link to the case page."""
    body = message.get_content()
    text = message["Subject"] + "\n" + body
    for secret in (NIN, NIN[:6], "MabThera", "mabthera", "rituksimab", "G35", "Østre Toten", "attakker", "Ocrelizumab", "60 000"):
        check(secret not in text, f"the mail about {number} does not hold {secret!r}")
    check(number in body, f"the mail names the case {number}")
    links = re.findall(r"^(https?://\S+)$", body, flags=re.MULTILINE)
    check(len(links) == 1 and links[0].startswith(base_url.rstrip("/") + "/saker/"), f"the mail links {links}")
    return links[0]


def todo_count(b) -> int:
    b.open("/saker?liste=todo", "main")
    badges = b.driver.find_elements(By.ID, "todo-count")
    return int(badges[0].text) if badges else 0


def submitted_case(b) -> str:
    """A new application with long Norwegian free texts, submitted by the signed-in physician."""
    b.open("/saker/ny", "case-form")
    b.type("patientNIN", NIN)
    b.choose("patientTrust", "SI")
    b.tick("patientInformed")
    b.choose("medicineId", "mabthera-500mg")
    b.type("indication", "G35")
    b.type("dosage", "1000 mg x 2 med 2 ukers mellomrom")
    b.type("treatmentDuration", "12 måneder")
    b.type("justification", JUSTIFICATION)
    b.type("alternatives", "Ocrelizumab er prøvd; bivirkninger")
    b.type("expectedBenefit", "Færre attakker")
    b.type("costEstimate", "ca. 60 000 kr per år")
    b.submit("save-case", "case-state")
    number = b.text("case-number")
    b.submit("do-submit", "case-state")
    check(state(b) == "department_review", f"{number} is submitted")
    return number


def journey(base_url: str, mail_dir: str):
    def follow(b) -> None:
        print("Journey: a case followed by its e-mails", flush=True)
        b.sign_in("si-lege")
        first = submitted_case(b)
        second = submitted_case(b)
        b.sign_out()
        head = "si-avdelingsleder@si.example.no"
        first_link = checked_link(wait_for_mail(mail_dir, head, first, "sendt inn"), first, base_url)
        second_link = checked_link(wait_for_mail(mail_dir, head, second, "sendt inn"), second, base_url)
        # the head opens the link signed out: sign-in first, then straight to the case
        b.driver.get(first_link)
        b.find("username")
        check("/logg-inn" in b.driver.current_url, "the link asks the head to sign in first")
        b.type("username", "si-avdelingsleder")
        b.type("password", PASSWORD)
        b.click_and_load(b.find("login-button"), "case-number")
        check(b.text("case-number") == first, f"after signing in, the link shows {first}")
        before = todo_count(b)
        check(before >= 1, f"«Til meg» counts {before} unread notices (the second case among them)")
        b.driver.get(second_link)
        b.find("case-number")
        check(b.text("case-number") == second, f"the second mail's link shows {second}")
        check(todo_count(b) == before - 1, "reading the second case takes its notice off the count")
        b.open("/varsler", "notice-list")
        listed = b.text("notice-list")
        check(first in listed and "Søknaden er sendt inn" in listed, "«Varsler» lists the case and what happened")
        check(NIN not in b.driver.page_source, "«Varsler» shows no identity number")
        # the head acts on the first case from the mail's link
        b.driver.get(first_link)
        b.tick("kind-recommend_approval")
        b.type("assessment-assess", "Faglig forsvarlig; indikasjonen er godt dokumentert – æøå.")
        b.submit("do-assess", "case-state")
        check(state(b) == "division_review", f"{first} is quality-assured")
        b.sign_out()
        wait_for_mail(mail_dir, "si-divisjonsdirektor@si.example.no", first, "sendt videre")
        priority = {"benefit-assess": "Stor", "resourceUse-assess": "Moderat", "severity-assess": "Alvorlig"}
        check(assess(b, "si-divisjonsdirektor", first, "recommend_approval", "", priority) == "committee_review",
              "prioritised")
        check(committee_recommends(b, first) == "director_decision", "recommended")
        approved = act(b, "si-direktor", first, "approve", {"comment": "Godkjent etter varsel på e-post"})
        check(approved == "approved", f"{first} is approved")
        decision = wait_for_mail(mail_dir, "si-lege@si.example.no", first, "godkjent")
        decision_link = checked_link(decision, first, base_url)
        b.sign_in("si-lege")
        b.driver.get(decision_link)
        b.find("case-state")
        check(state(b) == "approved", "the physician's decision mail leads to the approved case")
        b.sign_out()

    return follow


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--mail-dir", required=True)
    args = parser.parse_args()
    return run("notices_test", args.base_url, [journey(args.base_url, args.mail_dir)], SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
