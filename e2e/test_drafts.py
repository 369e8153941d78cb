"""A long entry typed on a phone survives a connection that drops as it is saved: the tab keeps a
copy and offers it back on the form; the copy is gone once saved and at sign-out. Each test signs
in as the client from E2E_CLIENT_* and writes text carrying a fresh marker."""

import uuid

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By

from helpers import axe_check, login_as, logout, open_page, screenshot, wait
from support_extra import type_into, wait_for_heading


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


def set_offline(driver, offline):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def kept_drafts(driver):
    return driver.execute_script(
        "var keys = []; for (var i = 0; i < sessionStorage.length; i++) {"
        " var k = sessionStorage.key(i); if (k.indexOf('toolkit.draft:') === 0) keys.push(k); } return keys;")


def save_button(driver):
    return driver.find_element(By.XPATH, "//form[@id='journal-form']/button[normalize-space()='Save the entry']")


def test_an_entry_sent_as_the_connection_drops_comes_back_and_is_saved(phone, client):
    # setup: the client writes an entry
    login_as(phone, client)
    open_page(phone, "/journal/new")
    marker = uuid.uuid4().hex[:8]
    body = f"Typed on the train {marker}.\nThen the tunnel came."
    type_into(phone, "body", body)
    wait(phone).until(lambda d: kept_drafts(d))
    # act: the connection drops as Save is pressed
    set_offline(phone, True)
    try:
        save_button(phone).click()
    except WebDriverException:
        pass  # the browser's own "no connection" page
    wait(phone).until(lambda d: "/journal/new" not in d.current_url or d.execute_script("return document.readyState") == "complete")
    set_offline(phone, False)
    # act: back to the form once the connection is back
    open_page(phone, "/journal/new")
    offer = wait(phone).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".draft-offer"))
    # check: offered, not yet put back
    assert phone.find_element(By.ID, "body").get_attribute("value") == ""
    screenshot(phone, "drafts-phone-offer")
    axe_check(phone, name="drafts-axe-phone-offer")
    offer[0].find_element(By.XPATH, ".//button[normalize-space()='Put it back in the form']").click()
    assert phone.find_element(By.ID, "body").get_attribute("value") == body
    # act: save it
    save_button(phone).click()
    wait_for_heading(phone, "Journal entry")
    # check: saved, and the tab's copy is gone
    assert f"Typed on the train {marker}." in phone.find_element(By.TAG_NAME, "main").text
    assert kept_drafts(phone) == []
    open_page(phone, "/journal/new")
    assert phone.find_elements(By.CSS_SELECTOR, ".draft-offer") == []


def test_signing_out_leaves_no_typed_text_in_the_browser(phone, client):
    # setup: text typed and kept by the tab, never saved
    login_as(phone, client)
    open_page(phone, "/journal/new")
    type_into(phone, "body", f"Something I didn't save {uuid.uuid4().hex[:8]}")
    wait(phone).until(lambda d: kept_drafts(d))
    # act
    open_page(phone, "/journal")
    logout(phone)
    # check
    assert kept_drafts(phone) == []
    storage = phone.execute_script("return JSON.stringify(Object.assign({}, sessionStorage, localStorage))")
    assert "didn't save" not in storage
