"""Today, the client's home, at 360 px and at 1280: the day as a heading, "I'm struggling right
now" on the first screen without scrolling, a practice to start, what is planned, what was done
recently and the client's own tools, every link answering. And the client's own time zone, chosen
on the account page, is the one times and days are written in. Each test signs in as the client
from E2E_CLIENT_* and writes entries carrying a fresh marker, so the tests hold in any order and
beside the other files (the client is shared; the time zone is put back as it was)."""

import re
import uuid
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers import axe_check, horizontal_overflow, login_as, open_page, screenshot, url, wait
from support_extra import type_into, wait_for_heading

DAY_HEADING = re.compile(r"Today, (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} "
                         r"(January|February|March|April|May|June|July|August|September|October|November|December)")
STRUGGLING = "I'm struggling right now"


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def click(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def page_heading(driver):
    return driver.execute_script("var h = document.querySelector('h1'); return h ? h.textContent.trim() : '';")


def status_of(driver, path):
    """The HTTP status the app answers for a GET of `path` with the page's cookies; a redirect
    (to the sign-in page, say) is not followed, so it shows as 0 (an opaque redirect)."""
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'})"
        ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });", url(path))


def server_html(driver, path):
    """The page as the server wrote it, before app.js rewrites any time in the browser's zone."""
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.text(); })"
        ".then(done, function (e) { done('FAILED ' + e); });", url(path))


def section_links(driver, labelled_by):
    section = driver.find_element(By.XPATH, f"//main//section[@aria-labelledby='{labelled_by}']")
    return section, [a.get_attribute("href") for a in section.find_elements(By.CSS_SELECTOR, "a[href]")]


def own_path(address):
    assert address.startswith(url("/")), f"a link leaves the app: {address}"
    return address[len(url("")):]


def write_entry(driver, body):
    open_page(driver, "/journal/new")
    type_into(driver, "body", body)
    click(driver, driver.find_element(By.XPATH, "//form[@id='journal-form']/button[normalize-space()='Save the entry']"))
    wait_for_heading(driver, "Journal entry")
    match = re.search(r"/journal/([0-9a-f-]{36})", driver.current_url)
    assert match, driver.current_url
    return match.group(1)


def active_rituals(driver):
    open_page(driver, "/rituals")
    return [p.text for p in driver.find_elements(By.CSS_SELECTOR, ".ritual-list .ritual-text")]


def chosen_zone(driver):
    """The client's time zone as the account page's server HTML selects it ("" when none chosen)."""
    html = server_html(driver, "/account")
    match = re.search(r'<option value="([^"]+)" selected', html)
    return match.group(1) if match else ""


def expected_day_headings(zone):
    """Today's heading in a zone, for now and a minute ago (the page may have been written just
    before midnight)."""
    now = datetime.now(timezone.utc)
    headings = set()
    for moment in (now, now - timedelta(minutes=1)):
        local = moment.astimezone(ZoneInfo(zone or "UTC"))
        headings.add(f"Today, {local:%A} {local.day} {local:%B}")
    return headings


def test_today_puts_the_day_and_help_first_and_every_link_answers(browser, client):
    height = browser.execute_script("return window.innerHeight;")
    # setup: something written this week, and the rituals (if any) Today should plan
    login_as(browser, client)
    write_entry(browser, f"A note for Today {uuid.uuid4().hex[:8]}")
    rituals = active_rituals(browser)
    zone = chosen_zone(browser)
    for path in ("/today", "/"):
        # act
        open_page(browser, path)
        wait(browser).until(lambda d: page_heading(d).startswith("Today, "))
        browser.execute_script("window.scrollTo(0, 0);")
        # check: the day, in the client's own zone
        heading = page_heading(browser)
        assert DAY_HEADING.fullmatch(heading), heading
        assert heading in expected_day_headings(zone), (heading, zone)
        # check: I'm struggling is on the first screen, not covered, without scrolling
        struggling = browser.find_element(By.XPATH, f"//main//a[normalize-space()=\"{STRUGGLING}\"]")
        assert struggling.is_displayed()
        box = browser.execute_script("var r = arguments[0].getBoundingClientRect();"
                                     "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, y: window.scrollY};", struggling)
        assert box["y"] == 0 and box["top"] >= 0 and box["bottom"] <= height, (
            f"{STRUGGLING} ends {box['bottom']:.0f} px down a {height} px screen")
        assert box["right"] <= browser.execute_script("return document.documentElement.clientWidth;")
        on_top = browser.execute_script(
            "var r = arguments[0].getBoundingClientRect();"
            "var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
            "return !!hit && (hit === arguments[0] || arguments[0].contains(hit));", struggling)
        assert on_top, f"something covers {STRUGGLING}"
        assert own_path(struggling.get_attribute("href")) == "/struggling"
        assert horizontal_overflow(browser) == 0
    screenshot(browser, f"today-{browser.size_name}-first-screen")
    axe_check(browser, name=f"today-axe-{browser.size_name}")

    # check: a practice to start
    practice, links = section_links(browser, "suggested")
    assert practice.find_element(By.TAG_NAME, "h2").text == "A practice for today"
    start = practice.find_elements(By.XPATH, ".//a[starts-with(normalize-space(), 'Start')]")
    assert start, "Today should offer a practice to start"
    assert own_path(start[0].get_attribute("href")).startswith("/library/")
    # check: Planned, with every ritual the client has for today
    planned, planned_links = section_links(browser, "planned")
    assert planned.find_element(By.TAG_NAME, "h2").text == "Planned"
    titles = [a.text for a in planned.find_elements(By.CSS_SELECTOR, "a[href]")]
    for ritual in rituals:
        assert ritual in titles, f"the ritual {ritual!r} is not planned for today: {titles}"
    # check: Recently, with the journal entry written this week
    recently, recent_links = section_links(browser, "recently")
    assert recently.find_element(By.TAG_NAME, "h2").text == "Recently"
    assert re.search(r"Journal entries: \d+ this week", recently.text), recently.text
    # check: My space, and every link on Today answers
    tools, tool_links = section_links(browser, "my-tools")
    assert tools.find_element(By.TAG_NAME, "h2").text == "My space"
    tool_paths = [own_path(a) for a in tool_links]
    for expected in ("/journal", "/worksheets", "/rituals", "/goals", "/self-care", "/sharing", "/safety-plan"):
        assert expected in tool_paths, f"My space lacks {expected}: {tool_paths}"
    every = {own_path(a) for a in links + planned_links + recent_links + tool_links} | {"/struggling"}
    broken = {path: status for path in sorted(every) if (status := status_of(browser, path)) != 200}
    assert broken == {}, f"links on Today that don't answer 200: {broken}"


def choose_zone(driver, zone):
    """Chooses a time zone on the account page and saves it."""
    open_page(driver, "/account")
    Select(driver.find_element(By.ID, "field-timeZone")).select_by_value(zone)
    click(driver, driver.find_element(By.XPATH, "//form[@action='/account/time-zone']//button[normalize-space()='Save time zone']"))
    wait(driver).until(lambda d: "done=time-zone" in d.current_url)


def put_zone_back(driver, before):
    """A zone can't be unchosen, so "none chosen" comes back as UTC."""
    choose_zone(driver, before or "UTC")


def entry_time(html, entry):
    """(the moment, the text) of an entry's <time> in the server's /journal HTML."""
    item = re.search(rf'<li\b(?:(?!</li>).)*href="/journal/{entry}"(?:(?!</li>).)*</li>', html, re.S)
    assert item, "the entry is not listed on /journal"
    written = re.search(r'<time datetime="([^"]+)"[^>]*>([^<]+)</time>', item.group(0))
    assert written, item.group(0)
    return datetime.fromisoformat(written.group(1).replace("Z", "+00:00")), written.group(2)


def test_times_and_the_day_follow_the_time_zone_chosen_on_the_account_page(phone, client):
    marker = uuid.uuid4().hex[:8]
    # setup: an entry, and the zone the client has now (put back at the end)
    login_as(phone, client)
    entry = write_entry(phone, f"Written before moving to Tokyo {marker}")
    before = chosen_zone(phone)
    try:
        # act: choose Asia/Tokyo on the account page
        choose_zone(phone, "Asia/Tokyo")
        # check: the page says so and keeps it selected
        assert "Dates and times are shown in Asia/Tokyo time." in main_text(phone)
        assert Select(phone.find_element(By.ID, "field-timeZone")).first_selected_option.get_attribute("value") == "Asia/Tokyo"
        assert horizontal_overflow(phone) == 0
        axe_check(phone, name="today-axe-phone-account-time-zone")
        # check: the entry's time on /journal, as the server writes it, is Tokyo's and not UTC
        moment, text = entry_time(server_html(phone, "/journal"), entry)
        tokyo = moment.astimezone(ZoneInfo("Asia/Tokyo"))
        assert not text.rstrip().endswith("UTC"), text
        assert text.startswith(f"{tokyo.day} ") and text.endswith(f"{tokyo:%H:%M}"), f"{text!r} is not {tokyo} in Tokyo"
        # and as the page shows it
        open_page(phone, "/journal")
        shown = phone.find_element(By.XPATH, f"//main//li[.//a[@href='/journal/{entry}']]//time").text
        assert not shown.rstrip().endswith("UTC"), shown
        screenshot(phone, "today-phone-journal-in-tokyo")
        # check: Today's day is Tokyo's day
        open_page(phone, "/today")
        assert page_heading(phone) in expected_day_headings("Asia/Tokyo")
    finally:
        put_zone_back(phone, before)


def test_the_times_a_browser_shows_follow_the_chosen_time_zone(phone, client):
    # setup: a browser whose own clock is UTC, a client who then chooses Tokyo
    phone.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "UTC"})
    login_as(phone, client)
    entry = write_entry(phone, f"Shown in Tokyo time {uuid.uuid4().hex[:8]}")
    before = chosen_zone(phone)
    try:
        choose_zone(phone, "Asia/Tokyo")
        # act
        open_page(phone, "/journal")
        shown = phone.find_element(By.XPATH, f"//main//li[.//a[@href='/journal/{entry}']]//time").text
        moment, _ = entry_time(server_html(phone, "/journal"), entry)
        tokyo = moment.astimezone(ZoneInfo("Asia/Tokyo"))
        # check: Tokyo's hour and minute, in 24- or 12-hour form (UTC's never matches: 9 hours apart)
        clock = rf"(?<!\d)({tokyo:%H:%M}|{(tokyo.hour % 12) or 12}:{tokyo:%M})(?!\d)"
        assert re.search(clock, shown), f"the entry shows {shown!r}; in Tokyo it was {tokyo:%d %b %H:%M}"
    finally:
        put_zone_back(phone, before)
