"""Shared helpers of the Selenium tests: start headless Chromium, sign in and out, fill forms, check.

Needs Debian's chromium + chromium-driver and Selenium (scripts/browser-up installs them).
"""

from __future__ import annotations

import shutil
import sys

WAIT_SECONDS = 20
PASSWORD = "tilgang-demo"

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:  # pragma: no cover - depends on the machine
    print("Selenium is not installed (run scripts/browser-up or `pip install selenium`)", file=sys.stderr)
    sys.exit(2)

__all__ = ["By", "EC", "TimeoutException", "WebDriverException", "Browser", "CheckFailed", "check", "run"]


class CheckFailed(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)
    print(f"  ok: {message}", flush=True)


class Browser:
    """One headless Chromium session against one Tilgang server."""

    def __init__(self, base_url: str) -> None:
        driver_path = shutil.which("chromedriver")
        if not driver_path:
            raise RuntimeError("chromedriver not found on PATH (apt-get install chromium chromium-driver)")
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"):
            options.add_argument(argument)
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if binary:
            options.binary_location = binary
        self.driver = webdriver.Chrome(service=Service(driver_path), options=options)
        self.driver.set_page_load_timeout(WAIT_SECONDS * 2)
        self.base_url = base_url.rstrip("/")

    def wait(self) -> WebDriverWait:
        return WebDriverWait(self.driver, WAIT_SECONDS)

    def open(self, path: str, expect_id: str) -> None:
        self.driver.get(self.base_url + path)
        self.wait().until(EC.presence_of_element_located((By.ID, expect_id)))

    def find(self, element_id: str):
        return self.wait().until(EC.presence_of_element_located((By.ID, element_id)))

    def text(self, element_id: str) -> str:
        return self.find(element_id).text.strip()

    def type(self, element_id: str, text: str) -> None:
        field = self.wait().until(EC.element_to_be_clickable((By.ID, element_id)))
        field.clear()
        if text:
            field.send_keys(text)

    def choose(self, element_id: str, value: str) -> None:
        self.wait().until(
            EC.presence_of_element_located((By.CSS_SELECTOR, f"select#{element_id} option[value='{value}']"))
        )
        Select(self.driver.find_element(By.ID, element_id)).select_by_value(value)

    def tick(self, element_id: str) -> None:
        box = self.find(element_id)
        if not box.is_selected():
            box.click()

    def _new_page(self, _driver) -> bool:
        """True once the marked document is gone; errors while the browser navigates mean "not yet"."""
        try:
            return self.driver.execute_script("return window.__tilgangMark === undefined")
        except WebDriverException:
            return False

    def click_and_load(self, element, expect_id: str) -> None:
        """Clicks, then waits for a new document holding `expect_id` (a JS mark on the old one tells them apart)."""
        self.driver.execute_script("window.__tilgangMark = true")
        element.click()
        self.wait().until(self._new_page)
        self.wait().until(EC.presence_of_element_located((By.ID, expect_id)))

    def submit(self, button_id: str, expect_id: str) -> None:
        """Clicks a submit button and waits for the next page, which must hold `expect_id`."""
        self.click_and_load(self.find(button_id), expect_id)

    def sign_in(self, username: str) -> None:
        self.open("/logg-inn", "username")
        self.type("username", username)
        self.type("password", PASSWORD)
        self.click_and_load(self.find("login-button"), "nav-me")
        check("/logg-inn" not in self.driver.current_url, f"signed in as {username} ({self.text('nav-me')})")

    def sign_out(self) -> None:
        self.driver.delete_all_cookies()

    def quit(self) -> None:
        self.driver.quit()


def run(name: str, base_url: str, journeys, screenshot: str) -> int:
    """Runs the journeys in one browser; exit code 0 passed, 1 a check failed, 2 no browser."""
    try:
        browser = Browser(base_url)
    except (WebDriverException, RuntimeError, OSError) as error:
        print(f"{name}: FAILED to start headless Chromium: {error}", file=sys.stderr)
        return 2
    try:
        for journey in journeys:
            journey(browser)
    except (CheckFailed, TimeoutException, WebDriverException, AssertionError) as error:
        kind = "check failed" if isinstance(error, CheckFailed) else type(error).__name__
        message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        print(f"{name}: FAILED ({kind}): {message}", file=sys.stderr)
        try:
            print(f"{name}: page was {browser.driver.current_url}", file=sys.stderr)
            if browser.driver.save_screenshot(screenshot):
                print(f"{name}: screenshot saved to {screenshot}", file=sys.stderr)
        except WebDriverException as screenshot_error:
            print(f"{name}: could not save a screenshot: {screenshot_error}", file=sys.stderr)
        return 1
    finally:
        browser.quit()
    print(f"{name}: passed.")
    return 0
