"""Helpers for the browser suite: import them in any test file (`from helpers import login`)."""

import functools
import importlib.util
import json
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from axe_selenium_python import Axe
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8080").rstrip("/")
ARTIFACTS = Path(__file__).parent / "artifacts"

#: axe impacts that fail a test; "minor" and "moderate" findings are saved but allowed.
BLOCKING_IMPACTS = ("serious", "critical")


@functools.cache
def current_axe_script():
    """A current axe-core build. axe-selenium-python 2.1.6, the last release for Python before 3.12,
    bundles axe-core 3.1.1 (2018), whose rules wrongly flag valid markup (autocomplete="username"
    on an email field). axe-playwright-python ships a current axe.min.js; installing it with
    `pip install --no-deps axe-playwright-python` brings just that file, read here without
    importing the package (which would need Playwright)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        script = Path(folder) / "axe.min.js"
        if script.exists():
            return str(script)
    warnings.warn("axe-playwright-python is not installed; falling back to the axe-core 3.1.1 that "
                  "axe-selenium-python bundles (pip install --no-deps axe-playwright-python)")
    return None


@dataclass(frozen=True)
class Account:
    role: str
    email: str
    password: str
    name: str


def url(path):
    """The absolute address of a path in the app under test."""
    return BASE_URL + path


def wait(driver, seconds=10):
    """Waits that poll through a page change: an element read from the page being left (a heading,
    say) is stale by the next poll, which is a reason to look again, not a failure."""
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


def open_page(driver, path):
    """Loads a path and waits until the document has finished loading."""
    driver.get(url(path))
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")


def login(driver, email, password):
    """Signs in through the login form with the keyboard only, as a person without a mouse would:
    focus the email field, type, Tab to the password, type, Enter. Returns when the browser has
    left the login page."""
    open_page(driver, "/login")
    driver.execute_script("arguments[0].focus()", driver.find_element(By.ID, "field-email"))
    assert driver.switch_to.active_element.get_attribute("id") == "field-email", "the email field should take focus"
    driver.switch_to.active_element.send_keys(email)
    driver.switch_to.active_element.send_keys(Keys.TAB)
    focused = driver.switch_to.active_element
    assert focused.get_attribute("id") == "field-password", "Tab from the email field should reach the password"
    focused.send_keys(password)
    focused.send_keys(Keys.ENTER)
    wait(driver).until(lambda d: not d.current_url.startswith(url("/login")) or error_summary(d))


def login_as(driver, account):
    login(driver, account.email, account.password)
    assert not driver.current_url.startswith(url("/login")), f"sign-in as {account.email} failed: {error_summary(driver)}"


def logout(driver):
    """Uses the Sign out button in the page header."""
    driver.find_element(By.XPATH, "//header//button[normalize-space()='Sign out']").click()
    wait(driver).until(expected_conditions.url_contains("/login"))


def error_summary(driver):
    """The text of the page's alert (a rejected form's summary), or "" when there is none."""
    alerts = driver.find_elements(By.CSS_SELECTOR, "[role=alert]")
    return " ".join(a.text for a in alerts).strip()


def heading(driver):
    return driver.find_element(By.TAG_NAME, "h1").text


def slug(text):
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "page"


def screenshot(driver, name):
    """Saves a PNG of the current page to e2e/artifacts/NAME.png and returns its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{slug(name)}.png"
    driver.save_screenshot(str(path))
    return path


def axe_check(driver, name=None, impacts=BLOCKING_IMPACTS):
    """Runs axe-core on the current page and fails on any violation with a blocking impact.

    Every finding is written to e2e/artifacts/NAME.axe.json (with a screenshot beside it), so the
    minor ones can be looked at too. Returns the full list of violations."""
    script = current_axe_script()
    axe = Axe(driver, script_url=script) if script else Axe(driver)
    axe.inject()
    results = axe.run()
    violations = results["violations"]
    if name:
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"{slug(name)}.axe.json").write_text(json.dumps(violations, indent=2))
        screenshot(driver, name)
    blocking = [v for v in violations if v.get("impact") in impacts]
    assert not blocking, f"axe on {driver.current_url}:\n" + axe.report(blocking)
    return violations


def horizontal_overflow(driver):
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return driver.execute_script(
        "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);")


def network_requests(driver):
    """Every URL the browser asked for since the last call (from Chrome's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def resource_urls(driver):
    """The page's own record of what it loaded: the document and every resource."""
    return driver.execute_script(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".map(function (e) { return e.name; });")


def console_messages(driver):
    """Browser console messages since the last call, as (level, text) pairs."""
    return [(entry["level"], entry["message"]) for entry in driver.get_log("browser")]
