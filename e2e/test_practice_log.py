"""The practice log on a 360 px phone: finishing a guided practice saves it, with the minutes
filled in from the player's timer, and the log shows the weeks as a chart with a table beside
it. Without JavaScript the same form still saves. Each test signs in as the client from
E2E_CLIENT_* and writes a note carrying a fresh marker, so the tests hold in any order."""

import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import axe_check, horizontal_overflow, login_as, open_page, screenshot
from support_extra import make_driver_without_js, role, start_practice, type_into, wait_for_heading, walk_to_the_end

PRACTICE = "/library/one-minute-self-compassion-break/practice"
TITLE = "The one-minute self-compassion break"


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def save_button(driver):
    return driver.find_element(By.XPATH, "//form[@id='practice-log-form']//button[@type='submit' and contains(., 'save to my practice log')]")


def test_finishing_a_practice_saves_it_with_the_minutes_from_the_timer(phone, client):
    # setup
    login_as(phone, client)
    open_page(phone, PRACTICE)
    marker = uuid.uuid4().hex[:8]
    Select(phone.find_element(By.ID, "distressBefore")).select_by_value("6")
    # act: the whole practice, quickly, then the after ratings
    root = start_practice(phone, "practice", "Start the practice")
    walk_to_the_end(phone, root)
    # check: the timer filled in the minutes (under a minute rounds up to one)
    assert phone.find_element(By.ID, "minutes").get_attribute("value") == "1"
    assert "Filled in from the timer" in phone.find_element(By.ID, "minutes-hint").text
    assert role(root, "done").is_displayed()
    # act: rate, note, save
    Select(phone.find_element(By.ID, "distressAfter")).select_by_value("3")
    type_into(phone, "note", f"Shoulders dropped {marker}")
    screenshot(phone, "practice-log-phone-before-saving")
    phone.execute_script("arguments[0].scrollIntoView()", save_button(phone))
    save_button(phone).click()
    wait_for_heading(phone, TITLE)
    # check: a calm confirmation with what was saved
    text = main_text(phone)
    assert "Saved to your practice log" in text
    assert "6 before, 3 after" in text and f"Shoulders dropped {marker}" in text
    # the log: a summary line, a chart that is an image with a name, the same numbers in a table
    open_page(phone, "/practice-log")
    text = main_text(phone)
    assert "You practised on" in text and "in the last 8 weeks" in text
    chart = phone.find_element(By.CSS_SELECTOR, "svg.practice-chart")
    assert chart.get_attribute("role") == "img"
    bars = [int(bar.get_attribute("data-minutes")) for bar in phone.find_elements(By.CSS_SELECTOR, "svg.practice-chart rect.bar")]
    cells = [int(cell.text) for cell in phone.find_elements(By.CSS_SELECTOR, "table.practice-weeks tbody td.minutes")]
    assert bars == cells and len(bars) == 8 and bars[-1] >= 1
    assert horizontal_overflow(phone) == 0
    axe_check(phone, name="practice-log-axe-phone-log")


def test_without_javascript_the_form_still_saves_the_practice(client):
    driver = make_driver_without_js("phone")
    try:
        # setup
        login_as(driver, client)
        open_page(driver, PRACTICE)
        # act: the steps are a plain list; the form below them takes the minutes as typed
        assert driver.find_element(By.ID, "practice-steps").is_displayed()
        minutes = driver.find_element(By.ID, "minutes")
        assert minutes.get_attribute("value") == "1"
        minutes.clear()
        minutes.send_keys("4")
        Select(driver.find_element(By.ID, "kindnessAfter")).select_by_value("7")
        save_button(driver).click()
        wait_for_heading(driver, TITLE)
        # check
        text = main_text(driver)
        assert "Saved to your practice log" in text
        assert "not rated before, 7 after" in text
        screenshot(driver, "practice-log-phone-without-javascript")
    finally:
        driver.quit()
