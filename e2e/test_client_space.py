"""The client's own space on a 360 px phone: a journal entry that survives an ended session, and
the thought coach marking harsh words. Each test signs in as the client from E2E_CLIENT_* and
writes entries carrying a fresh marker, so the tests hold in any order."""

import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers import axe_check, login_as, open_page, screenshot, wait
from support_extra import type_into, wait_for_heading

SESSION_COOKIES = ("toolkit_session", "__Host-toolkit_session")


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def test_a_journal_entry_written_as_the_session_ends_is_saved_after_signing_in(phone, client):
    # setup: the client writes an entry
    login_as(phone, client)
    open_page(phone, "/journal/new")
    marker = uuid.uuid4().hex[:8]
    body = f"Long day {marker}.\nI noticed the critic & let it pass <mostly>."
    type_into(phone, "body", body)
    type_into(phone, "feeling", "tired")
    axe_check(phone, name="client-space-axe-phone-journal-new")
    # act: the session ends, then Save
    for name in SESSION_COOKIES:
        phone.delete_cookie(name)
    phone.find_element(By.XPATH, "//form[@id='journal-form']/button[normalize-space()='Save the entry']").click()
    wait_for_heading(phone, "Sign in")
    # check: nothing lost, nothing saved yet
    assert "isn't saved yet" in main_text(phone)
    # act: sign in there
    phone.find_element(By.ID, "field-email").send_keys(client.email)
    password = phone.find_element(By.ID, "field-password")
    password.send_keys(client.password)
    password.send_keys(Keys.ENTER)
    wait_for_heading(phone, "Write an entry")
    # check: every word is back in the form
    assert phone.find_element(By.ID, "body").get_attribute("value") == body
    assert phone.find_element(By.ID, "feeling").get_attribute("value") == "tired"
    assert "Nothing has been saved yet" in main_text(phone)
    # act: Save
    phone.find_element(By.XPATH, "//form[@id='journal-form']/button[normalize-space()='Save the entry']").click()
    wait_for_heading(phone, "Journal entry")
    # check: saved, private, and in the list
    text = main_text(phone)
    assert f"Long day {marker}." in text and "I noticed the critic & let it pass <mostly>." in text
    assert "Only you can read this entry" in text
    screenshot(phone, "client-space-phone-journal-entry")
    open_page(phone, "/journal")
    assert f"Long day {marker}." in main_text(phone)
    axe_check(phone, name="client-space-axe-phone-journal-list")


def test_the_thought_coach_marks_harsh_words_and_keeps_the_kinder_answer(phone, client):
    # setup
    login_as(phone, client)
    open_page(phone, "/thought-coach/new")
    marker = uuid.uuid4().hex[:8]
    # act: the critic's words and the two ratings
    type_into(phone, "thought", f"I'm such an idiot, I always mess everything up {marker}")
    for choice in ("beliefBefore-80", "feelingBefore-7"):
        phone.find_element(By.ID, choice).find_element(By.XPATH, "./ancestor::label").click()
    phone.find_element(By.XPATH, "//form//button[normalize-space()='Next: look at the words']").click()
    wait_for_heading(phone, "Your thought")
    # check: harsh words marked in the thought, each with a sentence below
    marks = phone.find_elements(By.CSS_SELECTOR, "blockquote.thought mark.harsh")
    marked = [mark.text.lower() for mark in marks]
    assert any("idiot" in words for words in marked), marked
    assert any("always" in words for words in marked), marked
    notes = phone.find_elements(By.CSS_SELECTOR, ".highlight-notes li")
    assert len(notes) == len(marks) and all(len(note.text) > len(note.find_element(By.TAG_NAME, "mark").text) + 10 for note in notes)
    axe_check(phone, name="client-space-axe-phone-thought-coach")
    screenshot(phone, "client-space-phone-thought-coach")
    # act: answer it kindly, rate again
    type_into(phone, "mindful", "This is a moment of feeling I failed.")
    type_into(phone, "friend", f"You did what you could today {marker}.")
    for choice in ("beliefAfter-40", "feelingAfter-4"):
        phone.find_element(By.ID, choice).find_element(By.XPATH, "./ancestor::label").click()
    phone.find_element(By.XPATH, "//form//button[normalize-space()='Save my answer']").click()
    wait(phone).until(lambda d: "done=saved" in d.current_url)
    # check
    text = main_text(phone)
    assert "believed 80 out of 100, felt 7 out of 10" in text
    assert "believed 40 out of 100, felt 4 out of 10" in text
    assert phone.find_element(By.ID, "friend").get_attribute("value") == f"You did what you could today {marker}."


def test_the_thought_coach_marks_harsh_words_while_the_thought_is_typed(phone, client):
    # setup
    login_as(phone, client)
    open_page(phone, "/thought-coach/new")
    # act: type, and wait a moment after the last key
    type_into(phone, "thought", "I'm such an idiot and I always ruin things")
    wait(phone).until(lambda d: d.find_element(By.ID, "thought-live").is_displayed())
    # check: the harsh words are marked below the box, each with its sentence, as text
    marks = [m.text.lower() for m in phone.find_elements(By.CSS_SELECTOR, "#thought-live blockquote mark.harsh")]
    assert "idiot" in marks and "always" in marks
    notes = phone.find_elements(By.CSS_SELECTOR, "#thought-live .highlight-notes li")
    assert len(notes) == len(marks)
    screenshot(phone, "client-space-phone-thought-live")
    axe_check(phone, name="client-space-axe-phone-thought-live")
    # act: a kind thought clears them
    type_into(phone, "thought", "I had a hard day and did my best")
    wait(phone).until(lambda d: not d.find_element(By.ID, "thought-live").is_displayed())
