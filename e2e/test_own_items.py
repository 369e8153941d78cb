"""A therapist's own material and voice (issue 11), in the browser: a therapist writes a
worksheet, watches the preview follow what they type, saves it; their client finds it on a 360 px
phone and fills it in; a client of another therapist cannot see it. A therapist records a
two-step practice in their own voice (Chromium's fake microphone) and their client hears it in
practice mode, with seeking. Screenshots land in e2e/artifacts/."""

import os
import re
import uuid

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import make_driver
from helpers import Account, axe_check, horizontal_overflow, login_as, logout, open_page, screenshot, url, wait
from support_extra import type_into, wait_for_heading


@pytest.fixture
def people(accounts):
    for role in ("therapist", "client"):
        if role not in accounts:
            pytest.skip(f"no {role} account given")
    other = os.environ.get("E2E_OTHER_CLIENT_EMAIL"), os.environ.get("E2E_OTHER_CLIENT_PASSWORD")
    if not all(other):
        pytest.skip("no client of another therapist given (E2E_OTHER_CLIENT_EMAIL and _PASSWORD)")
    return accounts["therapist"], accounts["client"], Account("client", other[0], other[1], "Otto Other")


@pytest.fixture
def recording_driver(request):
    """A desktop Chromium whose microphone is Chromium's own test tone, allowed without asking."""
    driver = make_driver("desktop", ("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                                     "--autoplay-policy=no-user-gesture-required"))
    yield driver
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        screenshot(driver, f"failed-{request.node.name}")
    driver.quit()


def click(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def button(driver, text):
    return driver.find_element(By.XPATH, f"//main//button[normalize-space()=\"{text}\"]")


def link(driver, text):
    return driver.find_element(By.XPATH, f"//main//a[normalize-space()=\"{text}\"]")


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def start_new(driver, kind_label, heading):
    open_page(driver, "/library")
    click(driver, link(driver, "My own items"))
    wait_for_heading(driver, "My own items")
    click(driver, link(driver, kind_label))
    wait_for_heading(driver, heading)


def recorded_after_reload(driver, step):
    """True once the voice page has reloaded (the marked document is gone) and shows the step as
    recorded. Reading a page while it is replaced can fail in several ways; each means "not yet"."""
    try:
        if driver.execute_script("return document.readyState !== 'complete' || document.body.hasAttribute('data-before-save')"):
            return False
        return driver.find_element(By.CSS_SELECTOR, f"[data-role='status-{step}']").text.startswith("Recorded:")
    except WebDriverException:
        return False


def saved_item_id(driver):
    wait(driver, 20).until(lambda d: "done=saved" in d.current_url)
    assert "Saved. It is in the library now." in main_text(driver), main_text(driver)
    return re.search(r"/library/mine/([a-z0-9-]+)", driver.current_url).group(1)


def test_a_therapists_worksheet_previews_as_typed_and_reaches_only_their_client(driver, phone, people):
    therapist, client, other_client = people
    marker = uuid.uuid4().hex[:6]
    title = f"After a long shift {marker}"
    # setup: the therapist opens a new worksheet from the library
    login_as(driver, therapist)
    start_new(driver, "A worksheet", "New worksheet")
    axe_check(driver, name="own-items-axe-editor")
    # act: write it, watching the preview follow
    type_into(driver, "field-title", title)
    type_into(driver, "field-summary", "Notice how you speak to yourself after a hard day, and try a kinder voice.")
    type_into(driver, "field-minutes", "10")
    click(driver, driver.find_element(By.CSS_SELECTOR, "input[name='components'][value='self-kindness']"))
    type_into(driver, "field-forYou",
              "This worksheet helps you notice the way you speak to yourself after a demanding day at work, when tiredness "
              "makes the inner critic louder than usual. Write down what happened, and then write what a caring friend, someone "
              "who knows how hard you have been trying, might say about it.\n\nThere are no right answers, and you can stop "
              "whenever you need to. Many people find that their first answer sounds harsh; that is a normal place to begin, "
              "and it often softens with practice.")
    type_into(driver, "field-field-0-label", "What happened today that still bothers you?")
    type_into(driver, "field-field-1-label", "How hard are you being on yourself right now?")
    Select(driver.find_element(By.ID, "field-field-1-type")).select_by_value("rating")
    preview = driver.find_element(By.ID, "preview-body")
    wait(driver, 15).until(lambda d: title in preview.text and "How hard are you being on yourself right now?" in preview.text)
    assert len(preview.find_elements(By.CSS_SELECTOR, "input[type=radio]")) == 11, "the rating previews as 0 to 10"
    wait(driver, 15).until(lambda d: "Not ready for the library yet" not in preview.text)
    screenshot(driver, "own-items-editor-desktop")
    click(driver, button(driver, "Save"))
    item_id = saved_item_id(driver)
    # the list and the import page hold up too
    open_page(driver, "/library/mine")
    assert title in main_text(driver) and "in the library for your clients" in main_text(driver)
    axe_check(driver, name="own-items-axe-list")
    open_page(driver, "/library/mine/import")
    axe_check(driver, name="own-items-axe-import")
    # check: the client finds it on their phone, fills it in and saves it to their account
    login_as(phone, client)
    open_page(phone, f"/library?q={marker}")
    click(phone, phone.find_element(By.XPATH, f"//main//a[normalize-space()='{title}']"))
    wait_for_heading(phone, title)
    assert f"Written by {therapist.name} for their clients." in main_text(phone)
    assert horizontal_overflow(phone) == 0
    axe_check(phone, name="own-items-axe-phone-item")
    answer = f"The rota changed again {marker}"
    field = phone.find_element(By.XPATH, "//main//label[normalize-space()='What happened today that still bothers you?']/following::textarea[1]")
    click(phone, field)
    field.send_keys(answer)
    click(phone, button(phone, "Save as completed"))
    wait(phone, 20).until(lambda d: "/worksheets/" in d.current_url)
    assert answer in main_text(phone)
    screenshot(phone, "own-items-client-saved-phone")
    # check: a client of another therapist finds nothing, by search or by address
    logout(phone)
    login_as(phone, other_client)
    open_page(phone, f"/library?q={marker}")
    assert title not in main_text(phone)
    open_page(phone, f"/library/{item_id}")
    assert "Page not found" in main_text(phone)


def test_a_therapist_records_a_two_step_practice_and_their_client_hears_it(recording_driver, phone, people):
    driver = recording_driver
    therapist, client, _ = people
    marker = uuid.uuid4().hex[:6]
    title = f"Two-minute pause {marker}"
    # setup: a two-step practice
    login_as(driver, therapist)
    start_new(driver, "A guided practice", "New guided practice")
    type_into(driver, "field-title", title)
    type_into(driver, "field-summary", "A short pause between clients or tasks.")
    type_into(driver, "field-minutes", "2")
    click(driver, driver.find_element(By.CSS_SELECTOR, "input[name='components'][value='mindfulness']"))
    type_into(driver, "field-forYou", "Use this pause when the day feels crowded. You only need a chair and two minutes.")
    type_into(driver, "field-step-0-title", "Stop")
    type_into(driver, "field-step-0-text", "Put down what you are holding and feel your feet on the floor.")
    type_into(driver, "field-step-0-seconds", "60")
    type_into(driver, "field-step-1-title", "Look around")
    type_into(driver, "field-step-1-text", "Name three things you can see, one at a time, slowly.")
    type_into(driver, "field-step-1-seconds", "60")
    type_into(driver, "field-safetyLine", "If this brings up too much, open your eyes and look around the room.")
    click(driver, button(driver, "Save"))
    item_id = saved_item_id(driver)
    # act: record both steps from the microphone
    click(driver, link(driver, "Record your voice for the steps"))
    wait_for_heading(driver, f"Your voice: {title}")
    axe_check(driver, name="own-items-axe-voice")
    for step in (0, 1):
        box = driver.find_element(By.CSS_SELECTOR, f"[data-recorder='{step}']")
        click(driver, box.find_element(By.CSS_SELECTOR, "[data-action='record']"))
        stop = box.find_element(By.CSS_SELECTOR, "[data-action='stop']")
        wait(driver).until(lambda d: stop.is_displayed())
        driver.execute_script("return new Promise(function (done) { setTimeout(done, 1500); })")
        # The page reloads once the recording is kept: mark this document to know the new one.
        driver.execute_script("document.body.setAttribute('data-before-save', '1')")
        click(driver, stop)
        wait(driver, 20).until(lambda d, step=step: recorded_after_reload(d, step))
    screenshot(driver, "own-items-voice-desktop")
    # check: the client's practice mode plays the therapist's recording for each step, and can seek in it
    login_as(phone, client)
    open_page(phone, f"/library/{item_id}/practice")
    start = phone.find_element(By.CSS_SELECTOR, "[data-practice='practice'] [data-action='start']")
    click(phone, start)
    audio = phone.find_element(By.CSS_SELECTOR, "[data-role='audio']")
    wait(phone, 15).until(lambda d: audio.is_displayed() and "/steps/0/audio" in (audio.get_attribute("src") or ""))
    wait(phone, 15).until(lambda d: d.execute_script("return arguments[0].readyState >= 1 && arguments[0].duration > 0.5", audio))
    played = phone.execute_script("""
        var audio = arguments[0];
        return new Promise(function (done) {
          audio.play().catch(function () {});
          setTimeout(function () { done({time: audio.currentTime, seekable: audio.seekable.length ? audio.seekable.end(0) : 0}); }, 700);
        });""", audio)
    assert played["time"] > 0, "the recording did not play"
    assert played["seekable"] > 0.5, "the recording cannot be sought in"
    sought = phone.execute_script("""
        var audio = arguments[0];
        return new Promise(function (done) {
          audio.pause();
          audio.addEventListener('seeked', function () { done(audio.currentTime); }, {once: true});
          audio.currentTime = 0.3;
        });""", audio)
    assert abs(sought - 0.3) < 0.2
    assert "Play" in main_text(phone) and f"{therapist.name}" in main_text(phone)
    screenshot(phone, "own-items-practice-phone")
    click(phone, phone.find_element(By.CSS_SELECTOR, "[data-practice='practice'] [data-action='next']"))
    wait(phone, 15).until(lambda d: "/steps/1/audio" in (audio.get_attribute("src") or ""))
    assert horizontal_overflow(phone) == 0
