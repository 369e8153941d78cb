"""Worksheets from the library, filled in on a 360 px phone: every kind of field a worksheet has
(one line of text, long text, a 0 to 10 rating, a list, a choice), saved as a draft, opened again
from My worksheets, changed and saved as completed, both versions kept, and the filled-in copy
printed without losing a word. Each test signs in as the client from E2E_CLIENT_* and writes
answers carrying a fresh marker, so the tests hold in any order and beside the other files."""

import re
import uuid

import pytest
from selenium.webdriver.common.by import By

from helpers import axe_check, horizontal_overflow, login_as, open_page, screenshot, url, wait
from support_extra import A4, pdf_pages, print_pdf, printed_text, squeeze, type_into, wait_for_heading

PHRASES = "finding-your-own-phrases"
PHRASES_TITLE = "Finding your own kind phrases"
# The worksheet's own questions, as its library file words them.
NEED_LABEL = "What do I need to hear when life feels difficult?"
FEEL_LABEL = "How kind and natural do these phrases feel when I say them, from 0 to 10?"
WISH_LABEL = "What would I wish for a dear friend who is struggling?"
RITUAL = "building-a-daily-ritual"
RITUAL_TITLE = "Building one small daily ritual"


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def check_page(driver, name):
    """What every new page must be at this width: nothing wider than the screen, no serious or
    critical axe finding (axe_check also saves a screenshot)."""
    assert horizontal_overflow(driver) == 0, f"{driver.current_url} scrolls sideways by {horizontal_overflow(driver)} px"
    axe_check(driver, name=name)


def long_answer(marker):
    """About 1500 characters in two paragraphs, every sentence numbered so each word is findable."""
    sentences = [f"Line {n}: when I slip I can still be kind to myself ({marker}-{n})." for n in range(1, 25)]
    return " ".join(sentences[:12]) + "\n\n" + " ".join(sentences[12:])


def pick(driver, name, value):
    """Chooses a radio button by clicking its label, as a person on a touch screen would."""
    radio = driver.find_element(By.CSS_SELECTOR, f"input[type=radio][name='{name}'][value='{value}']")
    label = radio.find_element(By.XPATH, "./ancestor::label")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()
    assert radio.is_selected()


def press_button(driver, text):
    button = driver.find_element(By.XPATH, f"//main//button[normalize-space()='{text}']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()


def worksheet_id(driver):
    match = re.search(r"/worksheets/([0-9a-f-]{36})", driver.current_url)
    assert match, f"not on a saved worksheet: {driver.current_url}"
    return match.group(1)


def answer_text(driver, label):
    """The text shown under a field's heading on a saved worksheet, its print page or a version."""
    section = driver.find_element(By.XPATH, f"//section[contains(@class,'filled-field')][h2[normalize-space()='{label}']]")
    return section.text


def test_a_worksheet_is_filled_in_saved_as_a_draft_completed_and_printed_whole(phone, client):
    marker = uuid.uuid4().hex[:8]
    answer = long_answer(marker)
    assert 1400 <= len(answer) <= 1700
    # setup: the client finds the worksheet in the library
    login_as(phone, client)
    open_page(phone, "/library?kind=worksheet")
    check_page(phone, "worksheets-axe-phone-library-worksheets")
    link = phone.find_element(By.CSS_SELECTOR, f"main a[href='/library/{PHRASES}']")
    phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    wait_for_heading(phone, PHRASES_TITLE)
    check_page(phone, "worksheets-axe-phone-worksheet-form")
    # act: every kind of field this worksheet has
    type_into(phone, "ws-need-to-hear", answer)
    type_into(phone, "ws-wish-for-a-friend", f"Rest and a bit of peace {marker}")
    type_into(phone, "ws-my-phrases", f"May I be kind to myself {marker}\nMay I rest\nMay I be patient")
    pick(phone, "answer-how-they-feel", "6")
    type_into(phone, "ws-when-i-will-use-them", "When I wake up\nOn the bus")
    pick(phone, "answer-where-i-keep-them", "A card in my wallet or bag")
    screenshot(phone, "worksheets-phone-filled-in")
    press_button(phone, "Save draft")
    wait(phone).until(lambda d: "done=saved-draft" in d.current_url)
    wait_for_heading(phone, PHRASES_TITLE)
    # check: saved as a draft, every answer shown as given
    sheet = worksheet_id(phone)
    text = main_text(phone)
    assert "Saved as a draft" in text and "Draft · version 1" in text
    assert answer_text(phone, NEED_LABEL).split() == NEED_LABEL.split() + answer.split()
    assert "Rating: 6 of 10" in answer_text(phone, FEEL_LABEL)
    phrases = [li.text for li in phone.find_elements(By.CSS_SELECTOR, ".answer-list li")]
    assert f"May I be kind to myself {marker}" in phrases and "May I rest" in phrases and "On the bus" in phrases
    chosen = phone.find_elements(By.CSS_SELECTOR, ".choice-answer li.chosen")
    assert len(chosen) == 1 and "A card in my wallet or bag" in chosen[0].text
    check_page(phone, "worksheets-axe-phone-saved-draft")

    # act: reopen it from My worksheets
    open_page(phone, "/worksheets")
    check_page(phone, "worksheets-axe-phone-my-worksheets")
    card = phone.find_element(By.XPATH, f"//main//li[contains(@class,'card')][.//a[@href='/worksheets/{sheet}']]")
    assert "Draft" in card.text
    card.find_element(By.CSS_SELECTOR, f"a[href='/worksheets/{sheet}']").click()
    wait(phone).until(lambda d: d.current_url == url(f"/worksheets/{sheet}"))
    wait_for_heading(phone, PHRASES_TITLE)
    phone.find_element(By.XPATH, "//main//a[normalize-space()='Change it']").click()
    wait(phone).until(lambda d: d.current_url == url(f"/worksheets/{sheet}/edit"))
    wait_for_heading(phone, PHRASES_TITLE)
    # check: the form holds what was saved
    assert phone.find_element(By.ID, "ws-need-to-hear").get_attribute("value") == answer
    assert phone.find_element(By.CSS_SELECTOR, "input[name='answer-how-they-feel'][value='6']").is_selected()
    check_page(phone, "worksheets-axe-phone-edit")
    # act: change answers, save as completed
    pick(phone, "answer-how-they-feel", "8")
    type_into(phone, "ws-wish-for-a-friend", f"Rest, peace and a good laugh {marker}")
    press_button(phone, "Save as completed")
    wait(phone).until(lambda d: re.search(rf"/worksheets/{sheet}\?done=", d.current_url))
    wait_for_heading(phone, PHRASES_TITLE)
    # check
    text = main_text(phone)
    assert "Completed · version 2" in text, text[:400]
    assert "Rating: 8 of 10" in answer_text(phone, FEEL_LABEL)
    assert f"Rest, peace and a good laugh {marker}" in answer_text(phone, WISH_LABEL)
    screenshot(phone, "worksheets-phone-completed")

    # act: the versions page
    phone.find_element(By.XPATH, "//main//a[starts-with(normalize-space(),'Earlier versions')]").click()
    wait_for_heading(phone, "Earlier versions")
    # check: two versions, the newest first, each with its status
    versions = [li.text for li in phone.find_elements(By.CSS_SELECTOR, "ol.version-list > li")]
    assert len(versions) == 2, versions
    assert versions[0].startswith("Version 2 (current)") and "Completed" in versions[0], versions
    assert versions[1].startswith("Version 1") and "Draft" in versions[1], versions
    check_page(phone, "worksheets-axe-phone-versions")
    # the first version still says what it said
    phone.find_element(By.XPATH, "//ol[contains(@class,'version-list')]//a[starts-with(normalize-space(),'Version 1')]").click()
    wait(phone).until(lambda d: d.current_url.endswith(f"/worksheets/{sheet}/versions/1"))
    wait(phone).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert "Rating: 6 of 10" in main_text(phone)
    assert f"Rest and a bit of peace {marker}" in main_text(phone)
    check_page(phone, "worksheets-axe-phone-version-1")

    # act: the print page
    open_page(phone, f"/worksheets/{sheet}")
    phone.find_element(By.XPATH, "//main//a[normalize-space()='Print it filled in']").click()
    wait(phone).until(lambda d: d.current_url == url(f"/worksheets/{sheet}/print"))
    wait_for_heading(phone, PHRASES_TITLE)
    check_page(phone, "worksheets-axe-phone-print")
    # check: every word of the long answer, in order, on screen and under print styles
    long_field = answer_text(phone, NEED_LABEL)
    assert long_field.split()[len(NEED_LABEL.split()):] == answer.split()
    shown = phone.find_element(By.XPATH, f"//section[h2[normalize-space()='{NEED_LABEL}']]//*[contains(@class,'answer-text')]")
    assert phone.execute_script("return arguments[0].scrollHeight <= arguments[0].clientHeight + 1", shown), "the long answer is clipped"
    printed = printed_text(phone, "main")
    assert squeeze(answer) in printed, "the printed page lacks part of the long answer"
    # the rating in words, not only as a marked number
    assert "Rating: 8 of 10" in printed
    assert "A card in my wallet or bag" in printed
    # check: the PDF Chromium prints holds the end of the long answer, and no therapist notes
    pdf = print_pdf(phone, **A4)
    # (a line may wrap after the hyphen in "(marker-24)": the PDF's text then has a space there)
    whole = re.sub(r"-\s+", "-", " ".join(pdf_pages(pdf)))
    last_words = " ".join(answer.split()[-6:])
    assert last_words in whole, f"the PDF lacks the long answer's last words {last_words!r}: ...{whole[-700:]}"
    assert f"Line 1: when I slip I can still be kind to myself ({marker}-1)." in whole
    assert "Rating: 8 of 10" in whole
    assert "Therapist notes" not in whole and "therapist notes" not in whole.lower()
    assert "Print this page" not in whole and "Back to the worksheet" not in whole


def test_a_worksheet_with_one_line_answers_keeps_them_through_to_print(phone, client):
    marker = uuid.uuid4().hex[:8]
    # setup
    login_as(phone, client)
    open_page(phone, f"/library/{RITUAL}")
    wait_for_heading(phone, RITUAL_TITLE)
    # act: the one-line text fields, a choice, a list and a longer answer
    single_lines = phone.find_elements(By.CSS_SELECTOR, "form#saved-worksheet-form input[type=text]")
    assert len(single_lines) >= 2, "this worksheet should have one-line text fields"
    typed = {}
    for number, field in enumerate(single_lines, 1):
        typed[field.get_attribute("id")] = f"One line {number} {marker}"
        type_into(phone, field.get_attribute("id"), typed[field.get_attribute("id")])
    choice = phone.find_elements(By.CSS_SELECTOR, "form#saved-worksheet-form label.choice input[type=radio]")[0]
    choice_name, choice_value = choice.get_attribute("name"), choice.get_attribute("value")
    pick(phone, choice_name, choice_value)
    textareas = phone.find_elements(By.CSS_SELECTOR, "form#saved-worksheet-form textarea")
    for field in textareas:
        type_into(phone, field.get_attribute("id"), f"Written on the phone {marker}")
    press_button(phone, "Save as completed")
    wait(phone).until(lambda d: re.search(r"/worksheets/[0-9a-f-]{36}\?done=", d.current_url))
    wait_for_heading(phone, RITUAL_TITLE)
    sheet = worksheet_id(phone)
    # check: each one-line answer, the choice, on the page and on the print page
    text = main_text(phone)
    assert "Completed · version 1" in text
    for value in typed.values():
        assert value in text
    assert choice_value in phone.find_element(By.CSS_SELECTOR, ".choice-answer li.chosen").text
    check_page(phone, "worksheets-axe-phone-one-line-answers")
    open_page(phone, f"/worksheets/{sheet}/print")
    printed = printed_text(phone, "main")
    for value in typed.values():
        assert value in printed
    assert f"Written on the phone {marker}" in printed
    assert horizontal_overflow(phone) == 0
