"""The whole crisis path without a connection (issue: offline crisis path), on a 360 px phone.

With "Keep my plan on this device" on, My safety plan and I'm struggling open with the network
cut: the service worker answers with its anonymous stand-ins, which fill themselves from the copy
in this browser, the plan's numbers as tap-to-call links. Without the copy, nothing personal
appears. Whatever the worker keeps is public: the plan is never in its cache."""

import json
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers import axe_check, heading, horizontal_overflow, login_as, logout, open_page, screenshot, url, wait
from support_extra import go_offline, responses, role, save_plan_holding, start_practice

STORAGE_KEY = "toolkit.safetyPlan"
#: What the worker may keep, and nothing else.
PUBLIC_FILES = {"/crisis", "/offline/safety-plan", "/offline/struggling",
                "/static/app.css", "/static/app.js", "/static/practice.js", "/static/crisis.js"}
# People on the plan: (name, number as written, the digits dialled).
FRIEND = ("Sam", "07700 900123", "07700900123")
THERAPIST = ("Dr Lee", "020 7946 0000", "02079460000")


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


def save_plan(driver, entries):
    """Saves a plan holding exactly `entries` ({step: [lines], or [(name, number)] for people})."""
    save_plan_holding(driver, entries)


def a_plan(marker):
    return {"warningSigns": [f"Staying in bed past noon {marker}"],
            "copingStrategies": [f"Hot shower {marker}"],
            "peopleToAsk": [FRIEND[:2]],
            "professionals": [THERAPIST[:2]],
            "reasonsForLiving": [f"My niece {marker}"]}


def worker_ready_with_stand_ins(driver):
    """Waits for the service worker to be active with both stand-ins in its cache."""
    script = ("var done = arguments[arguments.length - 1];"
              "navigator.serviceWorker.ready.then(function (registration) {"
              "  return Promise.all([caches.match('/offline/safety-plan'), caches.match('/offline/struggling')])"
              "    .then(function (found) { done([registration.active && registration.active.scriptURL,"
              "                                   found.every(Boolean)]); });"
              "}).catch(function (error) { done([null, String(error)]); });")
    wait(driver, 20).until(lambda d: d.execute_async_script(script)[1] is True)
    assert driver.execute_async_script(script)[0] == url("/crisis-sw.js")


def cached_files(driver):
    """Every (path, body) the service worker's caches hold."""
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "caches.keys().then(function (names) { return Promise.all(names.map(function (name) {"
        "  return caches.open(name).then(function (cache) { return cache.keys().then(function (requests) {"
        "    return Promise.all(requests.map(function (request) { return cache.match(request).then(function (r) {"
        "      return r.text().then(function (text) { return [new URL(request.url).pathname, text]; }); }); })); }); });"
        "})); }).then(function (lists) { done([].concat.apply([], lists)); });")


def assert_cache_is_public(driver, *personal):
    files = cached_files(driver)
    paths = {path for path, _ in files}
    assert paths <= PUBLIC_FILES, f"the worker keeps more than public files: {sorted(paths - PUBLIC_FILES)}"
    for path, body in files:
        for text in personal:
            assert text not in body, f"the worker's copy of {path} holds {text!r}"


def open_offline(driver, path):
    driver.get(url(path))
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert driver.current_url == url(path)


def served_from_cache(driver, path):
    served = {address: (status, by_worker, source) for address, status, by_worker, source in responses(driver)}
    return served.get(url(path)) == (200, True, "cache-storage")


def tel_links(driver, within="main"):
    return {a.get_attribute("href"): a for a in driver.find_elements(By.CSS_SELECTOR, f"{within} a[href^='tel:']")}


def cut_the_network(driver):
    # Empty the HTTP cache so whatever comes back can only be the worker's copy.
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    assert go_offline(driver) >= 1, "no service worker to take offline"
    responses(driver)  # forget what came before


def test_with_the_device_copy_my_plan_and_struggling_open_offline(phone, client):
    # setup: a plan, kept on this device, and the worker installed
    login_as(phone, client)
    marker = f"marker-{uuid.uuid4().hex[:10]}"
    save_plan(phone, a_plan(marker))
    box = phone.find_element(By.ID, "keep-on-device")
    if not box.is_selected():
        box.send_keys(Keys.SPACE)
    assert json.loads(phone.execute_script(f"return localStorage.getItem('{STORAGE_KEY}')"))["contacts"]
    worker_ready_with_stand_ins(phone)
    assert_cache_is_public(phone, marker, FRIEND[1], client.email)
    cut_the_network(phone)

    # act: My safety plan, offline
    open_offline(phone, "/safety-plan")
    # check: the stand-in from the worker's cache, filled from the copy
    assert served_from_cache(phone, "/safety-plan"), responses(phone)
    assert heading(phone) == "My safety plan"
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "this is the copy of your plan kept on this device" in main
    assert f"My niece {marker}" in main and f"Staying in bed past noon {marker}" in main
    calls = tel_links(phone, "#device-plan")
    for name, number, digits in (FRIEND, THERAPIST):
        link = calls.get(f"tel:{digits}")
        assert link is not None and link.is_displayed(), f"no tap-to-call link for {name}, {number}: {list(calls)}"
        assert link.text == f"Call {digits}"
    assert "isn't kept on this device" not in main
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "offline-safety-plan-with-copy")
    axe_check(phone, name="axe-phone-offline-safety-plan-with-copy")

    # act: I'm struggling, offline
    open_offline(phone, "/struggling")
    # check: someone to call first, then grounding, and a word that ratings aren't saved
    assert served_from_cache(phone, "/struggling")
    assert heading(phone) == "I'm struggling"
    calls = tel_links(phone, "#device-plan")
    assert {f"tel:{FRIEND[2]}", f"tel:{THERAPIST[2]}"} <= set(calls), list(calls)
    assert all(link.is_displayed() for link in calls.values())
    grounding = phone.find_element(By.ID, "grounding-steps")
    assert phone.execute_script(
        "return !!(arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING);",
        calls[f"tel:{FRIEND[2]}"], grounding), "the numbers to call should come before grounding"
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Ratings aren't saved while the app can't be reached" in main
    assert marker not in main, "I'm struggling offline shows the numbers, not the whole plan"
    assert horizontal_overflow(phone) == 0
    screenshot(phone, "offline-struggling-with-copy")
    axe_check(phone, name="axe-phone-offline-struggling-with-copy")
    root = start_practice(phone, "grounding", "Start grounding")
    assert role(root, "title").text == "Arrive"
    # check: and back to the whole plan, still offline
    phone.find_element(By.LINK_TEXT, "See my whole plan").send_keys(Keys.ENTER)
    wait(phone).until(lambda d: d.current_url == url("/safety-plan") and heading(d) == "My safety plan")
    assert f"My niece {marker}" in phone.find_element(By.TAG_NAME, "main").text


def test_without_the_device_copy_nothing_personal_appears_offline(phone, client):
    # setup: a plan, not kept on this device, and the worker installed
    login_as(phone, client)
    marker = f"marker-{uuid.uuid4().hex[:10]}"
    save_plan(phone, a_plan(marker))
    assert not phone.find_element(By.ID, "keep-on-device").is_selected()
    assert phone.execute_script(f"return localStorage.getItem('{STORAGE_KEY}')") is None
    worker_ready_with_stand_ins(phone)
    open_page(phone, "/struggling")  # the signed-in page, online: it must not be kept
    assert_cache_is_public(phone, marker, FRIEND[1], client.email, client.name)
    cut_the_network(phone)
    personal = (marker, "Sam", "07700", "Dr Lee", client.email, client.name)

    # act
    open_offline(phone, "/safety-plan")
    # check: a short page that says so, and points to the crisis lines
    assert served_from_cache(phone, "/safety-plan")
    assert heading(phone) == "My safety plan"
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Your plan isn't kept on this device" in main
    # someone to talk to: the deployment's crisis lines as calls or, with none set, the local
    # emergency number (whether other tests have left lines set is not this test's business)
    assert tel_links(phone) or "local emergency number" in main, main
    assert phone.find_element(By.LINK_TEXT, "Grounding and breathing").get_attribute("href") == url("/crisis")
    for text in personal:
        assert text not in phone.page_source, f"offline /safety-plan shows {text!r} without the device copy"
    assert not phone.find_element(By.ID, "device-plan").is_displayed()
    screenshot(phone, "offline-safety-plan-without-copy")
    axe_check(phone, name="axe-phone-offline-safety-plan-without-copy")

    # act
    open_offline(phone, "/struggling")
    # check
    assert served_from_cache(phone, "/struggling")
    assert heading(phone) == "I'm struggling"
    for text in personal:
        assert text not in phone.page_source, f"offline /struggling shows {text!r} without the device copy"
    assert not phone.find_elements(By.LINK_TEXT, "See my whole plan") or \
        not phone.find_element(By.LINK_TEXT, "See my whole plan").is_displayed()
    assert phone.find_element(By.ID, "grounding-steps")
    axe_check(phone, name="axe-phone-offline-struggling-without-copy")


def test_signing_out_takes_the_plan_off_the_device_offline_too(phone, client):
    # setup: a plan kept on this device, the worker installed
    login_as(phone, client)
    marker = f"marker-{uuid.uuid4().hex[:10]}"
    save_plan(phone, a_plan(marker))
    phone.find_element(By.ID, "keep-on-device").send_keys(Keys.SPACE)
    assert phone.execute_script(f"return localStorage.getItem('{STORAGE_KEY}')") is not None
    worker_ready_with_stand_ins(phone)
    # act: sign out (Clear-Site-Data empties storage and the worker's cache), then lose the network
    logout(phone)
    worker_ready_with_stand_ins(phone)  # registered again by the sign-in page, with public copies only
    assert_cache_is_public(phone, marker, FRIEND[1], client.email)
    cut_the_network(phone)
    open_offline(phone, "/safety-plan")
    # check
    assert served_from_cache(phone, "/safety-plan")
    assert "Your plan isn't kept on this device" in phone.find_element(By.TAG_NAME, "main").text
    for text in (marker, "Sam", "07700"):
        assert text not in phone.page_source, f"after signing out, offline /safety-plan shows {text!r}"


def test_the_offline_plan_page_names_the_emergency_number_beside_the_crisis_lines(phone, accounts):
    # setup: at least one crisis line (one is added only when there are none)
    if "admin" not in accounts:
        pytest.skip("no admin account given (E2E_ADMIN_EMAIL and _PASSWORD)")
    login_as(phone, accounts["admin"])
    open_page(phone, "/admin/crisis-lines")
    if not phone.find_element(By.ID, "field-name0").get_attribute("value"):
        for field, value in (("name", "Offline Line e2e"), ("phone", "0808 157 0999"), ("hours", "24 hours")):
            phone.execute_script("arguments[0].value = arguments[1];", phone.find_element(By.ID, f"field-{field}0"), value)
        phone.find_element(By.XPATH, "//form//button[normalize-space()='Save crisis lines']").click()
        wait(phone).until(lambda d: "saved=1" in d.current_url)
    logout(phone)
    # act: the stand-in the service worker keeps for My safety plan (the same page offline)
    open_page(phone, "/offline/safety-plan")
    # check
    assert tel_links(phone), "the stand-in offers no crisis line to call"
    assert "local emergency number" in phone.find_element(By.TAG_NAME, "main").text
