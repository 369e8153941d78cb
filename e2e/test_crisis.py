"""The Need help now page in the browser (issue: crisis): one keystroke away, readable without
JavaScript, its guides usable by keyboard alone, working offline after one visit (from the
service worker's cache, not the network), light, self-contained and accessible."""

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers import axe_check, heading, login_as, logout, open_page, screenshot, url, wait
from support_extra import (describe, go_offline, make_driver_without_js, requests_elsewhere, responses, role,
                           start_practice, transfer_sizes, walk_to_the_end)

WEIGHT_LIMIT = 30 * 1024  # bytes over the wire for the page and everything it loads


def keys_to_page(driver, *keys):
    """Types keys into whatever has focus (the page body after a load), like a person would."""
    ActionChains(driver).send_keys(*keys).perform()


def test_h_on_the_sign_in_page_opens_need_help_now(driver):
    # setup
    open_page(driver, "/login")
    assert driver.execute_script("return document.activeElement === document.body"), \
        f"focus should start on the page body, not {describe(driver.switch_to.active_element)}"
    # act
    keys_to_page(driver, "h")
    # check
    wait(driver).until(lambda d: d.current_url == url("/crisis"))
    assert heading(driver) == "Need help now"


def test_need_help_now_is_the_first_or_second_stop_for_tab(driver):
    # setup
    open_page(driver, "/login")
    reached = []
    # act
    for _ in range(2):
        keys_to_page(driver, Keys.TAB)
        reached.append(driver.switch_to.active_element)
    # check
    names = [element.text for element in reached]
    assert "Need help now" in names, f"Tab from page load reached {[describe(e) for e in reached]}"
    link = reached[names.index("Need help now")]
    assert link.get_attribute("href") == url("/crisis")
    # and Enter follows it
    link.send_keys(Keys.ENTER)
    wait(driver).until(lambda d: d.current_url == url("/crisis"))


def test_readable_without_javascript():
    driver = make_driver_without_js()
    try:
        # act
        open_page(driver, "/crisis")
        # check
        assert heading(driver) == "Need help now"
        steps = driver.find_element(By.ID, "grounding-steps")
        assert steps.is_displayed()
        titles = [h.text for h in steps.find_elements(By.CSS_SELECTOR, ".step-title")]
        assert len(titles) == 7 and titles[1] == "Five things you can see" and titles[5] == "One thing you can taste", titles
        assert driver.find_element(By.ID, "breathing-steps").is_displayed()
        assert not any(b.is_displayed() for b in driver.find_elements(By.CSS_SELECTOR, "[data-action=start]"))
        screenshot(driver, "crisis-without-javascript")
    finally:
        driver.quit()


@pytest.mark.parametrize("guide,label", [("grounding", "Start grounding"), ("breathing", "Start breathing")])
def test_guide_runs_to_the_end_by_keyboard(driver, guide, label):
    # setup
    open_page(driver, "/crisis")
    # act
    root = start_practice(driver, guide, label)
    titles = walk_to_the_end(driver, root)
    # check
    expected = [h.get_attribute("textContent") for h in
                driver.find_elements(By.CSS_SELECTOR, f"#{guide}-steps .step-title")]
    assert titles == expected
    screenshot(driver, f"crisis-{guide}-finished")


def wait_for_the_service_worker(driver):
    state = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "navigator.serviceWorker.ready.then(function (r) { done(r.active ? r.active.scriptURL : null); });")
    assert state == url("/crisis-sw.js")
    driver.refresh()
    wait(driver, 15).until(lambda d: d.execute_script("return !!navigator.serviceWorker.controller"))


def test_works_offline_after_one_visit_from_the_workers_cache(driver):
    # setup: one visit, the worker installed and in control
    open_page(driver, "/crisis")
    wait_for_the_service_worker(driver)
    # Empty the browser's HTTP cache, so whatever comes back offline can only be the worker's copy.
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    # act
    workers = go_offline(driver)
    assert workers >= 1, "no service worker to take offline"
    responses(driver)  # forget what came before
    driver.get(url("/crisis"))
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # check: the page and its scripts came out of the worker's cache
    assert heading(driver) == "Need help now"
    assert driver.find_element(By.CSS_SELECTOR, "header .help-now").text == "Need help now"
    served = {address: (status, by_worker, source) for address, status, by_worker, source in responses(driver)}
    for path in ("/crisis", "/static/practice.js", "/static/crisis.js", "/static/app.css"):
        assert served.get(url(path)) == (200, True, "cache-storage"), f"{path} offline: {served.get(url(path))}"
    root = start_practice(driver, "grounding", "Start grounding")
    assert role(root, "title").text == "Arrive"
    assert role(root, "progress").text == "Step 1 of 7"
    # check: a page the worker doesn't keep really is out of reach, so the network is truly cut
    try:
        driver.get(url("/library"))
        failed = "ERR_INTERNET_DISCONNECTED" in driver.page_source
    except WebDriverException as error:
        failed = "ERR_INTERNET_DISCONNECTED" in str(error)
    assert failed, "the library loaded with the network cut: the offline emulation isn't working"
    assert not driver.find_elements(By.XPATH, "//h1[normalize-space()='Library']")


def test_is_light_and_loads_nothing_from_outside_the_app(driver):
    # act: a first visit, nothing cached
    open_page(driver, "/crisis")
    # check
    sizes = transfer_sizes(driver)
    total = sum(size for _, size in sizes)
    listing = "\n".join(f"{size:7d} {address}" for address, size in sizes)
    assert sizes[0][0] == url("/crisis") and sizes[0][1] > 0, listing
    assert total < WEIGHT_LIMIT, f"the crisis page weighs {total} bytes, over {WEIGHT_LIMIT}:\n{listing}"
    elsewhere = requests_elsewhere(driver)
    assert not elsewhere, f"requests outside the app: {elsewhere}"


def test_no_serious_accessibility_violations(browser):
    open_page(browser, "/crisis")
    axe_check(browser, name=f"axe-{browser.size_name}-crisis")


@pytest.mark.parametrize("account", ["client"], indirect=True)
def test_a_signed_in_client_gets_their_own_links_on_the_same_page(driver, account):
    """The page is served from memory, the same for everyone; a client's own links (their safety
    plan, the step-by-step check-in) appear once /crisis/me says who is reading."""
    open_page(driver, "/crisis")
    links = driver.find_element(By.ID, "client-links")
    assert not links.is_displayed(), "someone not signed in sees no personal links"
    login_as(driver, account)
    open_page(driver, "/crisis")
    wait(driver).until(lambda d: d.find_element(By.ID, "client-links").is_displayed())
    hrefs = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#client-links a")]
    assert url("/safety-plan") in hrefs and url("/struggling") in hrefs
    screenshot(driver, "crisis-signed-in-client")
    open_page(driver, "/account")
    logout(driver)
