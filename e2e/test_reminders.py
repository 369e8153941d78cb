"""Reminders in the client's own calendar, on a 360 px phone: turned on from the account page,
the secret address shown once, the feed parsed by a real iCalendar library (Python's
`icalendar`) with nothing in it but "Practice time" and a link to Today (weekly, and on the days
the client's assignments plan beyond those), and the address dead
once reminders are turned off. Signs in as the client from E2E_CLIENT_*."""

import icalendar
import pytest
import requests
from selenium.webdriver.common.by import By

from helpers import axe_check, horizontal_overflow, login_as, open_page, screenshot, url, wait
from support_extra import wait_for_heading

CLINICAL_WORDS = ["therap", "crisis", "distress", "safety", "journal", "critic", "shame", "worksheet", "struggl",
                  "anxi", "depress", "suicid", "self-harm", "mental"]


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


def test_reminders_are_a_private_feed_with_practice_time_only_that_stops_when_turned_off(phone, client):
    # setup
    login_as(phone, client)
    open_page(phone, "/account")
    phone.find_element(By.LINK_TEXT, "Set up reminders").click()
    wait_for_heading(phone, "Reminders in your calendar")
    axe_check(phone, "reminders-axe-phone-start")
    # act: Tuesday and Thursday evenings only
    for box in phone.find_elements(By.CSS_SELECTOR, "input[name='days']"):
        if box.is_selected() != (box.get_attribute("value") in ("2", "4")):
            phone.execute_script("arguments[0].click()", box)
    time = phone.find_element(By.ID, "field-time")
    phone.execute_script("arguments[0].value = '20:30'", time)
    phone.find_element(By.XPATH, "//main//button[normalize-space()='Turn on reminders']").click()
    # the page after saving has the same heading: wait for what only it shows
    wait(phone).until(lambda d: d.find_elements(By.ID, "feed-address"))
    # check: the address is shown, with a link a phone's calendar opens, and the page fits
    address = phone.find_element(By.ID, "feed-address").get_attribute("value")
    assert address.startswith(url("/calendar/")) and address.endswith(".ics"), address
    add = phone.find_element(By.LINK_TEXT, "Add to my calendar").get_attribute("href")
    assert add.startswith("webcal://") and add.endswith(address.split("://", 1)[1])
    assert not horizontal_overflow(phone)
    screenshot(phone, "reminders-phone-address")
    axe_check(phone, "reminders-axe-phone-address")
    # check: a real iCalendar parser reads one weekly "Practice time" event linking to Today
    feed = requests.get(address, timeout=10)
    assert feed.status_code == 200 and feed.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.content)
    events = [part for part in calendar.walk() if part.name == "VEVENT"]
    weekly = [event for event in events if "RRULE" in event]
    assert len(weekly) == 1
    event = weekly[0]
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and sorted(rule["BYDAY"]) == ["TH", "TU"]
    # the rest (asked for by default) are single days an assignment plans, other than Tuesday and Thursday
    planned = [event for event in events if "RRULE" not in event]
    assert all(day.decoded("DTSTART").isoweekday() not in (2, 4) for day in planned)
    assert len({str(event["UID"]) for event in events}) == len(events)
    for event in events:
        assert str(event["SUMMARY"]) == "Practice time"
        assert str(event["URL"]) == url("/today")
        start = event.decoded("DTSTART")
        assert (start.hour, start.minute) == (20, 30) and start.tzinfo is None  # the phone's own local time
    text = feed.text.lower()
    assert not [word for word in CLINICAL_WORDS if word in text], text
    assert client.email.lower() not in text and client.name.lower() not in text
    # check: coming back to the page doesn't show the address again
    open_page(phone, "/account/reminders")
    wait_for_heading(phone, "Reminders in your calendar")
    assert address not in phone.page_source
    assert "Reminders are on" in phone.find_element(By.TAG_NAME, "main").text
    # check: the client's printable copy of their data says when reminders come, not the address
    open_page(phone, "/account/export/print")
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "Practice reminders" in main and "at 20:30 on Tuesday and Thursday" in main, main
    assert address.rsplit("/", 1)[1].removesuffix(".ics") not in phone.page_source
    assert not horizontal_overflow(phone)
    screenshot(phone, "reminders-phone-my-data")
    axe_check(phone, "reminders-axe-phone-my-data")
    # act: turn them off
    open_page(phone, "/account/reminders")
    wait_for_heading(phone, "Reminders in your calendar")
    phone.find_element(By.XPATH, "//main//button[normalize-space()='Turn reminders off']").click()
    wait(phone).until(lambda d: "done=off" in d.current_url)
    # check: the address no longer answers
    assert requests.get(address, timeout=10).status_code == 404
