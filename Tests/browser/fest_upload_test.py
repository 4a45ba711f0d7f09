#!/usr/bin/env python3
"""Browser test of the administrator's FEST upload (/admin/fest) in headless Chromium.

Usage:
    fest_upload_test.py --base-url URL

Journey: the administrator uploads the first FEST fixture, follows the job page with its «Oppdater status» link
(no JavaScript, no timed reload) to its result, and the catalogue then offers the FEST product on the route
page; a truncated file fails with its line named and changes nothing. Re-runnable: a second run finds every
record unchanged.
Exits 0 when every check passes, 1 on a failed check (screenshot in /tmp/tilgang-fest.png), 2 when the browser
cannot start.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

from browserkit import By, check, run

SCREENSHOT = "/tmp/tilgang-fest.png"
FIXTURES = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "Fixtures", "fest"))


def upload(b, path: str, expect_id: str) -> None:
    b.open("/admin/fest", "fest-form")
    b.find("fest").send_keys(path)
    b.click_and_load(b.find("fest-upload"), "fest-phase")
    # The job page does not reload itself (WCAG 2.2.1): the administrator follows «Oppdater status» until it is done.
    b.wait().until(lambda _: b.driver.find_elements(By.ID, expect_id) or refresh(b))


def refresh(b) -> bool:
    """Follows the running job page's «Oppdater status» link after a short pause; never True itself."""
    time.sleep(0.5)
    links = b.driver.find_elements(By.ID, "fest-refresh")
    if links:
        b.click_and_load(links[0], "fest-phase")
    return False


def journey_upload(b) -> None:
    print("Journey: an administrator imports FEST and follows its progress", flush=True)
    b.sign_in("si-admin")
    upload(b, os.path.join(FIXTURES, "fest-release-1.xml"), "fest-result")
    counts = {name: int(b.text(f"fest-{name}")) for name in ("added", "changed", "retired", "unchanged")}
    check(counts["added"] + counts["changed"] + counts["unchanged"] + counts["retired"] == 7,
          f"the seven products of the release are accounted for ({counts})")
    check("FEST 2026-11-01T03:00:00" in b.text("fest-result"), "the release is named")

    with open(os.path.join(FIXTURES, "fest-release-2.xml"), encoding="utf-8") as handle:
        text = handle.read()
    cut = text[: text.index("</m30:OppfLegemiddelpakning>") + len("</m30:OppfLegemiddelpakning>")]
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False, encoding="utf-8") as broken:
        broken.write(cut)
    try:
        upload(b, broken.name, "fest-job-error")
    finally:
        os.unlink(broken.name)
    error = b.text("fest-job-error")
    check("linje" in error and "filen slutter før" in error, f"a truncated file names its line ({error})")
    check(b.find("fest-phase").get_attribute("data-phase") == "failed", "the import failed and changed nothing")

    b.open("/ordning?q=Circadin", "main")
    check("Circadin uregistrert kaps 3 mg" in b.driver.page_source, "the route page offers the FEST product")
    b.sign_out()


def journey_others_may_not(b) -> None:
    print("Journey: only administrators import", flush=True)
    b.sign_in("si-lege")
    b.driver.get(b.base_url + "/admin/fest")
    check(not b.driver.find_elements(By.ID, "fest-form"), "a physician gets no upload form")
    b.sign_out()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium test of the FEST upload.")
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    return run("fest_upload_test", args.base_url, [journey_upload, journey_others_may_not], SCREENSHOT)


if __name__ == "__main__":
    sys.exit(main())
