"""The safety plan and the I'm struggling flow in the browser (issue: safety plan), as the client
from the E2E_CLIENT_* variables, whose therapist is E2E_THERAPIST_*. Each test signs in and makes
the plan it needs, so they hold in any order; each plan carries a fresh marker to look for."""

import json
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers import axe_check, heading, login_as, logout, open_page, screenshot, url, wait
from support_extra import A4, fill_people, pdf_links, pdf_pages, press, print_pdf, tab_to, type_into

# The people steps ask for a name, a number and when to call in separate fields; the plan keeps
# "name, number" (and ", note" when there is one), and its call button reads "Call name: number".
PHONE_NAME, PHONE_NUMBER = "Sam", "07700 900123"
PHONE_ENTRY = f"{PHONE_NAME}, {PHONE_NUMBER}"
PHONE_DIGITS = "07700900123"
STORAGE_KEY = "toolkit.safetyPlan"


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


@pytest.fixture
def therapist(accounts):
    if "therapist" not in accounts:
        pytest.skip("no therapist account given (E2E_THERAPIST_EMAIL and _PASSWORD)")
    return accounts["therapist"]


def new_marker():
    return f"marker-{uuid.uuid4().hex[:10]}"


def build_plan(driver, marker):
    """Fills in /safety-plan/edit and saves it; returns what was written, step by step."""
    open_page(driver, "/safety-plan/edit")
    assert heading(driver) == "My safety plan"
    example = driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox][name='example-warningSigns']")[0]
    if not example.is_selected():
        example.send_keys(Keys.SPACE)
    assert example.is_selected()
    entries = {
        "warningSigns": [f"Staying in bed past noon {marker}"],
        "copingStrategies": ["Walk round the block", f"Hot shower {marker}"],
        "reasonsForLiving": [f"My niece {marker}"],
    }
    for step, lines in entries.items():
        type_into(driver, f"step-{step}", "\n".join(lines))
    for step in ("distractions", "saferSurroundings"):
        type_into(driver, f"step-{step}", "")
    # One person, and no professionals: the rows the page may offer (the therapist, the crisis
    # lines) are emptied, so the plan holds only what is written here.
    fill_people(driver, "peopleToAsk", [(PHONE_NAME, PHONE_NUMBER)])
    fill_people(driver, "professionals", [])
    entries["peopleToAsk"] = [PHONE_ENTRY]
    likelihood = driver.find_element(By.CSS_SELECTOR, "input[name=likelihood][value='7']")
    likelihood.send_keys(Keys.SPACE)
    assert likelihood.is_selected()
    type_into(driver, "obstacles", "")
    type_into(driver, "whereKept", f"A photo on my phone {marker}")
    save = driver.find_element(By.XPATH, "//form//button[normalize-space()='Save my plan']")
    save.send_keys(Keys.ENTER)
    wait(driver).until(lambda d: d.current_url.startswith(url("/safety-plan?done=saved")))
    return entries


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def test_client_builds_a_plan_with_a_tap_to_call_link(driver, client):
    # setup
    login_as(driver, client)
    open_page(driver, "/safety-plan/edit")
    example_text = driver.find_elements(By.CSS_SELECTOR, "input[name='example-warningSigns']")[0].get_attribute("value")
    marker = new_marker()
    # act
    entries = build_plan(driver, marker)
    # check
    text = main_text(driver)
    assert "Your plan is saved" in text
    for step in ("warningSigns", "copingStrategies", "peopleToAsk", "reasonsForLiving"):
        for line in entries[step]:
            assert line in text, f"the saved plan lacks {line!r}"
    assert example_text in text, f"the ticked example {example_text!r} is missing"
    assert "How likely I am to use it: 7 out of 10" in text
    assert f"Where I keep it: A photo on my phone {marker}" in text
    call = driver.find_element(By.CSS_SELECTOR, f"a[href='tel:{PHONE_DIGITS}']")
    assert call.text == f"Call {PHONE_NAME}: {PHONE_NUMBER}"
    screenshot(driver, f"safety-plan-saved-{driver.size_name}")


def test_sharing_with_the_therapist_and_stopping(driver, phone, client, therapist):
    # setup: the client's plan (desktop) and the therapist (in a second browser, a phone)
    login_as(driver, client)
    marker = new_marker()
    build_plan(driver, marker)
    for leftover in driver.find_elements(By.XPATH, "//button[normalize-space()='Stop sharing']"):
        leftover.send_keys(Keys.ENTER)  # shared by an earlier, interrupted run: start private
        wait(driver).until(lambda d: "done=unshared" in d.current_url)
    # act: share
    press(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Share with my therapist']"))
    wait(driver).until(lambda d: "done=shared" in d.current_url)
    assert "Your therapist can now see your plan." in main_text(driver)
    # check: the therapist finds it from the client list
    login_as(phone, therapist)
    open_page(phone, "/clients")
    card = phone.find_element(By.XPATH, f"//li[contains(@class,'card')][.//*[normalize-space()='{client.name}']]")
    link = card.find_element(By.LINK_TEXT, "Safety plan (shared with you)")
    link.send_keys(Keys.ENTER)
    wait(phone).until(lambda d: d.current_url.endswith("/safety-plan"))
    shared_address = phone.current_url
    assert heading(phone) == f"{client.name}'s safety plan"
    assert marker in main_text(phone)
    # act: the client stops sharing
    press(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Stop sharing']"))
    wait(driver).until(lambda d: "done=unshared" in d.current_url)
    # check: the therapist's reload finds nothing
    phone.refresh()
    wait(phone).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert phone.current_url == shared_address
    assert heading(phone) == "Page not found"
    assert marker not in phone.page_source
    open_page(phone, "/clients")
    card = phone.find_element(By.XPATH, f"//li[contains(@class,'card')][.//*[normalize-space()='{client.name}']]")
    assert "Safety plan not shared" in card.text
    assert not card.find_elements(By.LINK_TEXT, "Safety plan (shared with you)")


@pytest.mark.parametrize("path", ["/safety-plan/print", "/safety-plan/card"])
def test_printed_plan_and_wallet_card_hold_the_plan_without_the_site(driver, client, path):
    # setup
    login_as(driver, client)
    marker = new_marker()
    build_plan(driver, marker)
    open_page(driver, path)
    # act
    data = print_pdf(driver, **A4)
    # check
    text = " ".join(pdf_pages(data))
    assert f"My niece {marker}" in text, f"the PDF of {path} lacks the plan: {text[:300]!r}"
    # The printed plan keeps the line as saved; the card sets the number apart, whole, after the name.
    assert (PHONE_ENTRY if path == "/safety-plan/print" else f"{PHONE_NAME} {PHONE_NUMBER}") in text, text
    for navigation in ("Need help now", "Skip to content", "Sign out", "Sign in", "My safety plan", "Library",
                       "Back to my plan", "Print this page", "Print the card"):
        assert navigation not in text, f"the PDF of {path} shows {navigation!r}"
    assert not pdf_links(data), f"links printed in {path}: {pdf_links(data)}"


def stored_copy(driver):
    return driver.execute_script(f"return window.localStorage.getItem('{STORAGE_KEY}');")


def keep_on_device(driver, client):
    """Signs in, saves a fresh plan and ticks "Keep a copy of my plan on this device" with Space.
    Returns the plan's marker."""
    login_as(driver, client)
    marker = new_marker()
    build_plan(driver, marker)
    box = driver.find_element(By.ID, "keep-on-device")
    assert not box.is_selected(), "the device copy should be off until chosen (a fresh browser has none)"
    assert stored_copy(driver) is None
    box.send_keys(Keys.SPACE)
    assert box.is_selected()
    return marker


def test_keep_my_plan_on_this_device_until_sign_out(driver, client):
    # act
    keep_on_device(driver, client)
    # check
    assert stored_copy(driver) is not None, f"localStorage has no {STORAGE_KEY}"
    assert "kept on this device" in driver.find_element(By.CSS_SELECTOR, "[data-role=device-status]").text
    # act: sign out from the header
    logout(driver)
    # check
    assert stored_copy(driver) is None, "the device copy survived signing out"


def test_the_device_copy_is_the_plan_and_shows_on_the_crisis_page(driver, client):
    # setup
    marker = keep_on_device(driver, client)
    # check: the copy in localStorage is the plan as JSON
    copy = stored_copy(driver)
    try:
        steps = json.loads(copy)["steps"]
    except (TypeError, ValueError, KeyError) as error:
        pytest.fail(f"localStorage[{STORAGE_KEY!r}] is not the plan as JSON ({error}): {copy!r}; "
                    f"the page's #plan-copy data-plan attribute reads "
                    f"{driver.find_element(By.ID, 'plan-copy').get_attribute('data-plan')!r}")
    entries = {step["title"]: step["entries"] for step in steps}
    assert entries.get("What matters most to me") == [f"My niece {marker}"], entries
    assert entries.get("People I can ask for help") == [PHONE_ENTRY], entries
    # check: the crisis page shows it (as it would offline)
    open_page(driver, "/crisis")
    device_plan = driver.find_element(By.ID, "device-plan")
    assert device_plan.is_displayed() and f"My niece {marker}" in device_plan.text
    assert "My safety plan (kept on this device)" in device_plan.text


def choose_rating(driver, form, value):
    """Tabs into a 0-10 radio group and moves to `value` with the arrow keys."""
    first = form.find_element(By.CSS_SELECTOR, "input[type=radio][value='0']")
    tab_to(driver, first, most=200)
    for _ in range(value):
        driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    chosen = form.find_element(By.CSS_SELECTOR, f"input[type=radio][value='{value}']")
    assert chosen.is_selected() and driver.switch_to.active_element == chosen


def test_struggling_flow_from_8_down_to_4(driver, client):
    # setup
    login_as(driver, client)
    open_page(driver, "/struggling")
    assert heading(driver) == "I'm struggling"
    # act: rate 8, Next
    form = driver.find_element(By.CSS_SELECTOR, "main form")
    choose_rating(driver, form, 8)
    press(driver, form.find_element(By.XPATH, ".//button[normalize-space()='Next']"))
    wait(driver).until(lambda d: heading(d) == "One step at a time")
    # act: at the bottom, rate 4, Done
    form = driver.find_elements(By.CSS_SELECTOR, "main form")[-1]
    choose_rating(driver, form, 4)
    press(driver, form.find_element(By.XPATH, ".//button[normalize-space()='Done']"), Keys.ENTER)
    # check
    wait(driver).until(lambda d: "/struggling/history" in d.current_url)
    assert heading(driver) == "My check-ins"
    assert "You started at 8 out of 10 and you're at 4 now." in main_text(driver)
    screenshot(driver, "struggling-history")


@pytest.mark.parametrize("path", ["/safety-plan", "/safety-plan/edit", "/struggling", "/safety-plan/versions"])
def test_no_serious_accessibility_violations(browser, client, path):
    # setup: a plan, so the pages show it (and the versions page lists something)
    login_as(browser, client)
    build_plan(browser, new_marker())
    # act
    open_page(browser, path)
    # check
    assert not browser.current_url.startswith(url("/login"))
    axe_check(browser, name=f"axe-{browser.size_name}-client{path}")
