"""Browser fixtures for the e2e suite.

The app under test and its accounts come from the environment (scripts/run-e2e.sh sets them):
  BASE_URL                                   e.g. http://127.0.0.1:8080
  E2E_ADMIN_EMAIL / _PASSWORD / _NAME        an administrator
  E2E_THERAPIST_EMAIL / _PASSWORD / _NAME    a therapist
  E2E_CLIENT_EMAIL / _PASSWORD / _NAME       a client of that therapist

Fixtures: `driver` (a 1280x900 desktop window), `phone` (a 360x740 touch screen), `browser`
(both, one after the other, for tests that must hold at either width) and `accounts`.
Every driver is headless Chromium with the chromedriver on PATH; nothing is downloaded.
A failing test leaves a screenshot in e2e/artifacts/.
"""

import os
import shutil

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from helpers import BASE_URL, Account, screenshot

SIZES = {"desktop": (1280, 900), "phone": (360, 740)}


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.exit("Chromium is not installed (apt-get install -y chromium chromium-driver)", returncode=3)


def make_driver(size, extra_arguments=()):
    width, height = SIZES[size]
    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     "--disable-extensions", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-default-apps", *extra_arguments):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver_path = shutil.which("chromedriver")
    if not driver_path:
        pytest.exit("chromedriver is not installed (apt-get install -y chromium-driver)", returncode=3)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    # The viewport itself, not just the window, is exactly this size (and a phone is a touch device).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})
    driver.size_name = size  # "desktop" or "phone", for screenshot names and width-specific checks
    driver.set_script_timeout(30)
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="session", autouse=True)
def app_is_up():
    try:
        response = requests.get(BASE_URL + "/healthz", timeout=5)
    except requests.RequestException as error:
        pytest.exit(f"The app is not answering at {BASE_URL} ({error}). Start it, or run scripts/run-e2e.sh.", returncode=3)
    if response.status_code != 200:
        pytest.exit(f"{BASE_URL}/healthz answered {response.status_code}", returncode=3)


@pytest.fixture(scope="session")
def accounts():
    found = {}
    for role in ("admin", "therapist", "client"):
        prefix = f"E2E_{role.upper()}_"
        email, password = os.environ.get(prefix + "EMAIL"), os.environ.get(prefix + "PASSWORD")
        if email and password:
            found[role] = Account(role, email, password, os.environ.get(prefix + "NAME", email.split("@")[0]))
    return found


@pytest.fixture
def account(accounts, request):
    """The account named by the test's `role` parameter (indirect parametrization)."""
    role = request.param
    if role not in accounts:
        pytest.skip(f"no {role} account given (E2E_{role.upper()}_EMAIL and _PASSWORD)")
    return accounts[role]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "report_" + report.when, report)


def _driver_fixture(request, size):
    driver = make_driver(size)
    yield driver
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        screenshot(driver, f"failed-{request.node.name}")
    driver.quit()


@pytest.fixture
def driver(request):
    yield from _driver_fixture(request, "desktop")


@pytest.fixture
def phone(request):
    yield from _driver_fixture(request, "phone")


@pytest.fixture(params=list(SIZES))
def browser(request):
    """A desktop window, then a phone: the test runs once at each width."""
    yield from _driver_fixture(request, request.param)
