#!/usr/bin/env python3
"""Browser smoke test of the page «Hvilken ordning gjelder?» (/ordning) in headless Chromium.

Usage:
    smoke_test.py --base-url URL

Journey 1: search "bedrocan", choose Bedrocan urtete, indication G89.2, date 22.11.2026, a human patient (with
informed consent, as in docs/examples/pathway/r11-cannabis-gp.json), a general practitioner in primary care;
the answer must be exemption_agency, "Kan denne søkeren søke?" Nei, rule R11 among the rules, and the page
title must say «Hvilken ordning gjelder?».
Journey 2: the same form with the indication left empty; the page must show an error next to the indication
field and no answer.

Needs Debian's chromium + chromium-driver and Selenium (scripts/browser-up installs them). Exits 0 when every
check passes, 1 on a failed check (screenshot in /tmp/tilgang-smoke.png), 2 when the browser cannot start.
"""

from __future__ import annotations

import argparse
import shutil
import sys

SCREENSHOT = "/tmp/tilgang-smoke.png"
WAIT_SECONDS = 20
PAGE_TITLE = "Hvilken ordning gjelder?"

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:  # pragma: no cover - depends on the machine
    print("smoke_test: Selenium is not installed (run scripts/browser-up or `pip install selenium`)", file=sys.stderr)
    sys.exit(2)


class CheckFailed(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)
    print(f"  ok: {message}", flush=True)


def start_driver() -> webdriver.Chrome:
    driver_path = shutil.which("chromedriver")
    if not driver_path:
        raise RuntimeError("chromedriver not found on PATH (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"):
        options.add_argument(argument)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:
        options.binary_location = browser
    return webdriver.Chrome(service=Service(driver_path), options=options)


def wait(driver) -> WebDriverWait:
    return WebDriverWait(driver, WAIT_SECONDS)


def submit_and_wait(driver, button_id: str) -> None:
    """Clicks a submit button and waits until the next page has replaced this one."""
    old_form = driver.find_element(By.ID, "pathway-form")
    driver.find_element(By.ID, button_id).click()
    wait(driver).until(EC.staleness_of(old_form))
    wait(driver).until(EC.presence_of_element_located((By.ID, "pathway-form")))


def type_into(driver, element_id: str, text: str) -> None:
    field = wait(driver).until(EC.element_to_be_clickable((By.ID, element_id)))
    field.clear()
    if text:
        field.send_keys(text)


def choose(driver, element_id: str, value: str) -> None:
    wait(driver).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, f"select#{element_id} option[value='{value}']"))
    )
    Select(driver.find_element(By.ID, element_id)).select_by_value(value)


def tick(driver, element_id: str) -> None:
    box = driver.find_element(By.ID, element_id)
    if not box.is_selected():
        box.click()


def open_form(driver, base_url: str) -> None:
    driver.get(base_url + "/ordning")
    wait(driver).until(EC.presence_of_element_located((By.ID, "pathway-form")))


def fill_scenario(driver, indication: str) -> None:
    type_into(driver, "indication", indication)
    type_into(driver, "date", "22.11.2026")
    choose(driver, "species", "human")
    choose(driver, "applicantKind", "general_practitioner")
    choose(driver, "setting", "primary_care")
    tick(driver, "informedConsent")


def journey_decision(driver, base_url: str) -> None:
    print("Journey 1: Bedrocan for a GP in primary care", flush=True)
    open_form(driver, base_url)
    check(PAGE_TITLE in driver.title, f"page title {driver.title!r} contains {PAGE_TITLE!r}")

    type_into(driver, "q", "bedrocan")
    submit_and_wait(driver, "search-button")
    values = [o.get_attribute("value") for o in Select(driver.find_element(By.ID, "medicineId")).options]
    check("bedrocan-urtete" in values, f"search 'bedrocan' lists bedrocan-urtete (options: {values})")
    check(
        driver.find_element(By.ID, "q").get_attribute("value") == "bedrocan",
        "the search box keeps 'bedrocan' after the search",
    )
    choose(driver, "medicineId", "bedrocan-urtete")
    fill_scenario(driver, "G89.2")
    submit_and_wait(driver, "decide-button")

    decision = wait(driver).until(EC.visibility_of_element_located((By.ID, "decision")))
    route = decision.find_element(By.ID, "route").text.strip()
    check(route == "exemption_agency", f"#route is 'exemption_agency' (got {route!r})")
    may_apply = decision.find_element(By.ID, "applicant-may-apply").text.strip()
    check(may_apply == "Nei", f"#applicant-may-apply is 'Nei' (got {may_apply!r})")
    rules = [e.text.strip() for e in decision.find_elements(By.CSS_SELECTOR, "#rules strong.rule-id")]
    check("R11" in rules, f"rules include R11 (got {rules})")
    check(PAGE_TITLE in driver.title, f"page title {driver.title!r} contains {PAGE_TITLE!r} after deciding")
    print(f"  route title: {decision.find_element(By.ID, 'route-title').text.strip()!r}", flush=True)


def journey_missing_indication(driver, base_url: str) -> None:
    print("Journey 2: the indication left empty", flush=True)
    open_form(driver, base_url)
    choose(driver, "medicineId", "bedrocan-urtete")
    fill_scenario(driver, "")
    submit_and_wait(driver, "decide-button")

    try:
        error = wait(driver).until(EC.visibility_of_element_located((By.ID, "indication-error")))
    except TimeoutException:
        raise CheckFailed("no visible #indication-error after submitting without an indication") from None
    check(bool(error.text.strip()), f"#indication-error is visible with text {error.text.strip()!r}")
    beside = error.find_elements(By.XPATH, "..//input[@id='indication']")
    check(len(beside) == 1, "the error sits in the same field as the indication input")
    check(not driver.find_elements(By.ID, "decision"), "no #decision is shown")
    summary = driver.find_elements(By.ID, "error-summary")
    print(f"  error summary shown: {'yes' if summary and summary[0].is_displayed() else 'no'}", flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Headless-Chromium smoke test of /ordning.")
    parser.add_argument("--base-url", required=True, help="where the server runs, e.g. http://127.0.0.1:8080")
    args = parser.parse_args(argv)
    base_url = args.base_url.rstrip("/")

    try:
        driver = start_driver()
    except (WebDriverException, RuntimeError, OSError) as error:
        print(f"smoke_test: FAILED to start headless Chromium: {error}", file=sys.stderr)
        return 2

    try:
        driver.set_page_load_timeout(WAIT_SECONDS * 2)
        journey_decision(driver, base_url)
        journey_missing_indication(driver, base_url)
    except (CheckFailed, TimeoutException, WebDriverException, AssertionError) as error:
        kind = "check failed" if isinstance(error, CheckFailed) else type(error).__name__
        message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        print(f"smoke_test: FAILED ({kind}): {message}", file=sys.stderr)
        try:
            print(f"smoke_test: page was {driver.current_url}", file=sys.stderr)
            if driver.save_screenshot(SCREENSHOT):
                print(f"smoke_test: screenshot saved to {SCREENSHOT}", file=sys.stderr)
        except WebDriverException as screenshot_error:
            print(f"smoke_test: could not save a screenshot: {screenshot_error}", file=sys.stderr)
        return 1
    finally:
        driver.quit()

    print("Browser smoke test passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
