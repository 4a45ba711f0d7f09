#!/usr/bin/env python3
"""Browser test of attachments, the archive package and the paper form, in headless Chromium.

Usage:
    attachments_test.py --base-url URL

Journey 1: the physician saves a draft, attaches a PDF from the case page (a real file input, multipart form with
the CSRF token), sees it listed with its kind, and downloads it: the same bytes, as an attachment.
Journey 2: a file of a type that is not allowed is refused beside the field «Vedlegg», the chosen kind kept.
Journey 3: the case goes through the chain to approval; the committee adds literature on the way; the decided
case's page offers the archive package, whose zip holds arkivstruktur.xml (well-formed, Noark 5 saksmappe with two
journal entries) and files whose SHA-256 checksums match, and no identity number in the metadata.
Journey 4: the blank paper form has a heading for the application and every step.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-attachments.png), 2 when the
browser cannot start.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import sys
import tempfile
import urllib.request
import xml.etree.ElementTree as ET
import zipfile

from approval_chain_test import act, committee_recommends, new_application, state, to_the_committee
from browserkit import By, check, run
from exemption_test import valid_nin

SCREENSHOT = "/tmp/tilgang-attachments.png"
NOARK = "{http://www.arkivverket.no/standarder/noark5/arkivstruktur}"
NIN = valid_nin("230479")


def pdf_bytes() -> bytes:
    """A small PDF with æøå in its text."""
    body = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% Litteratur om rituksimab ved MS, " + "æøå".encode()
    return body + b"\n" + b"0" * 30_000 + b"\n%%EOF\n"


def write_temp(name: str, data: bytes) -> str:
    folder = tempfile.mkdtemp(prefix="tilgang-vedlegg-")
    path = os.path.join(folder, name)
    with open(path, "wb") as file:
        file.write(data)
    return path


def fetch(b, path: str) -> tuple[int, dict[str, str], bytes]:
    """GETs `path` with the browser's session cookie, as the browser's download does."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in b.driver.get_cookies())
    request = urllib.request.Request(b.base_url + path, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def attach(b, kind: str, path: str, expect_id: str) -> None:
    b.choose("attachmentKind", kind)
    b.find("attachment").send_keys(path)
    b.submit("upload-attachment", expect_id)


def journey_attach_and_download(b) -> str:
    print("Journey 1: attach a PDF to a draft, see it listed, download it", flush=True)
    b.sign_in("si-lege")
    url = new_application(b, "individual", "SI", NIN)
    number = b.text("case-number")
    check(state(b) == "draft" and bool(b.find("no-attachments")), f"{number} is a draft without attachments")
    data = pdf_bytes()
    attach(b, "lab_results", write_temp("Laboratoriesvar æøå.pdf", data), "attachment-list")
    listed = b.text("attachment-list")
    check("Laboratoriesvar æøå.pdf" in listed, "the file is listed by its name")
    check("Laboratoriesvar" in listed and "Utkast" in listed, "with its kind and the state it was added at")
    link = b.driver.find_element(By.CSS_SELECTOR, "a.attachment-link").get_attribute("href")
    status, headers, body = fetch(b, link.replace(b.base_url, ""))
    check(status == 200 and body == data, "the download is the same bytes")
    check(headers.get("content-disposition", "").startswith("attachment;"), "served as an attachment")
    check(headers.get("content-type") == "application/pdf", "with the stored type")
    check(headers.get("x-content-type-options") == "nosniff", "and nosniff")
    b.sign_out()
    return url


def journey_wrong_type_is_refused(b, url: str) -> None:
    print("Journey 2: a page that calls itself a PDF is refused at «Vedlegg»", flush=True)
    b.sign_in("si-lege")
    b.driver.get(url)
    attach(b, "consent", write_temp("samtykke.pdf", b"<html><script>alert(1)</script></html>"), "attachment-error")
    check(b.text("attachment-error").startswith("Vedlegg:"), f"the error names the field: {b.text('attachment-error')!r}")
    selected = b.driver.find_element(By.CSS_SELECTOR, "#attachmentKind option[selected]").get_attribute("value")
    check(selected == "consent", "the chosen kind is kept")
    check(len(b.driver.find_elements(By.CSS_SELECTOR, "a.attachment-link")) == 1, "nothing new was stored")
    b.sign_out()


def journey_archive_package(b, url: str) -> None:
    print("Journey 3: through the chain to approval, then the archive package", flush=True)
    b.sign_in("si-lege")
    b.driver.get(url)
    number = b.text("case-number")
    b.submit("do-submit", "case-state")
    check(state(b) == "department_review", f"{number} is submitted")
    check(not b.driver.find_elements(By.ID, "attachment-form"), "the applicant cannot add files once it is submitted")
    b.sign_out()
    to_the_committee(b, number)
    b.sign_in("si-komite")
    b.driver.get(url)
    attach(b, "literature", write_temp("studie.txt", "Studie: rituksimab ved RRMS – æøå\n".encode()), "attachment-list")
    check(len(b.driver.find_elements(By.CSS_SELECTOR, "a.attachment-link")) == 2, "the committee adds literature")
    b.sign_out()
    check(committee_recommends(b, number) == "director_decision", "committee: recommended, two members named")
    check(act(b, "si-direktor", number, "approve", {"comment": "Godkjent, se vedlagt litteratur"}) == "approved",
          "medical director: approved")
    b.sign_in("si-komite")
    b.driver.get(url)
    link = b.find("archive-package-link").get_attribute("href")
    status, headers, body = fetch(b, link.replace(b.base_url, ""))
    check(status == 200 and headers.get("content-type") == "application/zip", "the package downloads as a zip")
    check(f"arkivpakke-{number}.zip" in headers.get("content-disposition", ""), "named by the case number")
    archive = zipfile.ZipFile(io.BytesIO(body))
    names = archive.namelist()
    check(f"{number}/arkivstruktur.xml" in names and f"{number}/dokumenter/arkivkopi.html" in names,
          f"it holds arkivstruktur.xml and the archive copy ({len(names)} files)")
    xml_bytes = archive.read(f"{number}/arkivstruktur.xml")
    root = ET.fromstring(xml_bytes)
    check(root.tag == NOARK + "arkiv", "arkivstruktur.xml is well-formed Noark 5 (arkiv)")
    folders = root.findall(f".//{NOARK}mappe")
    check(len(folders) == 1 and folders[0].findtext(NOARK + "mappeID") == number, "one saksmappe, the case")
    posts = folders[0].findall(NOARK + "registrering")
    check([p.findtext(NOARK + "journalposttype") for p in posts] == ["Inngående dokument", "Utgående dokument"],
          "the application received and the decision sent")
    objects = root.findall(f".//{NOARK}dokumentobjekt")
    for item in objects:
        path = f"{number}/" + item.findtext(NOARK + "referanseDokumentfil")
        digest = hashlib.sha256(archive.read(path)).hexdigest()
        check(digest == item.findtext(NOARK + "sjekksum"), f"{path}: its SHA-256 matches")
    check(len(objects) == 4, "the archive copy in both entries and both attachments")
    check(NIN not in xml_bytes.decode(), "no identity number in the metadata")
    check(NIN in archive.read(f"{number}/dokumenter/arkivkopi.html").decode(), "it is in the archive copy, the record")
    check(re.search(r"<sakssekvensnummer>\d+</sakssekvensnummer>", xml_bytes.decode()) is not None,
          "case year and sequence from the case number")
    b.sign_out()


def journey_paper_form(b) -> None:
    print("Journey 4: the blank paper form", flush=True)
    b.sign_in("si-lege")
    b.open("/saker", "paper-form-link")
    b.click_and_load(b.find("paper-form-link"), "paper-form")
    for heading in ("heading-application", "heading-department-head", "heading-division-director",
                    "heading-committee", "heading-partner-director", "heading-medical-director"):
        check(bool(b.text(heading)), f"the form has «{b.text(heading)}»")
    check(len(b.driver.find_elements(By.CSS_SELECTOR, "#committee-members tbody tr")) >= 3,
          "lines for the committee's members")
    b.sign_out()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of attachments and the archive package.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    state_holder: dict[str, str] = {}

    def first(b):
        state_holder["url"] = journey_attach_and_download(b)

    return run(
        "attachments_test", args.base_url,
        [first, lambda b: journey_wrong_type_is_refused(b, state_holder["url"]),
         lambda b: journey_archive_package(b, state_holder["url"]), journey_paper_form],
        SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
