"""Sharing with the therapist, on a 360 px phone: a journal entry shared from its page is listed
on What my therapist can see, and gone from it once sharing stops; all critic lines can be shared,
now and later, and taken back. The therapist can't open the client's sharing page, and the
client's private words appear nowhere the therapist can go. Each test signs in with the accounts
from E2E_CLIENT_* and E2E_THERAPIST_* and writes text carrying a fresh marker, so the tests hold
in any order and beside the other files (the client is shared)."""

import re
import uuid
from urllib.parse import urljoin, urlparse

import pytest
from selenium.webdriver.common.by import By

from helpers import BASE_URL, axe_check, horizontal_overflow, login_as, logout, open_page, screenshot, url, wait
from support_extra import type_into, wait_for_heading

SHARING = "What my therapist can see"


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


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def check_page(driver, name):
    assert horizontal_overflow(driver) == 0, f"{driver.current_url} scrolls sideways by {horizontal_overflow(driver)} px"
    axe_check(driver, name=name)


def click(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def button(driver, text, within="//main"):
    return driver.find_element(By.XPATH, f"{within}//button[normalize-space()=\"{text}\"]")


def section(driver, key):
    """A kind's section on the sharing page (journal, critic, ...)."""
    return driver.find_element(By.XPATH, f"//section[@aria-labelledby='kind-{key}']")


def status_of(driver, path):
    """The HTTP status the app answers for a GET of `path`, asked by the page with its own cookies."""
    return driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin', redirect: 'manual'})"
        ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });", url(path))


def write_entry(driver, body):
    open_page(driver, "/journal/new")
    wait_for_heading(driver, "Write an entry")
    type_into(driver, "body", body)
    click(driver, driver.find_element(By.XPATH, "//form[@id='journal-form']/button[normalize-space()='Save the entry']"))
    wait_for_heading(driver, "Journal entry")
    match = re.search(r"/journal/([0-9a-f-]{36})", driver.current_url)
    assert match, driver.current_url
    return match.group(1)


def test_a_journal_entry_shared_from_its_page_is_listed_until_sharing_stops(phone, client):
    marker = uuid.uuid4().hex[:8]
    body = f"Shared for a while {marker}: the week felt long."
    # setup
    login_as(phone, client)
    entry = write_entry(phone, body)
    assert "Only you can read this entry" in main_text(phone)
    # act: share it from the entry's page
    click(phone, button(phone, "Share with my therapist", "//section[@aria-labelledby='sharing']"))
    wait(phone).until(lambda d: "done=shared" in d.current_url)
    wait_for_heading(phone, "Journal entry")
    assert "Your therapist can read this entry" in main_text(phone)
    check_page(phone, "sharing-axe-phone-entry-shared")
    # check: listed on What my therapist can see
    open_page(phone, "/sharing")
    wait_for_heading(phone, SHARING)
    journal = section(phone, "journal")
    links = journal.find_elements(By.CSS_SELECTOR, f"a[href='/journal/{entry}']")
    assert len(links) == 1, journal.text
    assert links[0].text.startswith(f"Shared for a while {marker}")
    check_page(phone, "sharing-axe-phone-sharing-page")
    # act: open it from there and stop sharing
    click(phone, links[0])
    wait_for_heading(phone, "Journal entry")
    click(phone, button(phone, "Stop sharing", "//section[@aria-labelledby='sharing']"))
    wait(phone).until(lambda d: "done=" in d.current_url and "Only you can read this entry" in main_text(d))
    # check: gone from What my therapist can see
    open_page(phone, "/sharing")
    wait_for_heading(phone, SHARING)
    journal = section(phone, "journal")
    assert journal.find_elements(By.CSS_SELECTOR, f"a[href='/journal/{entry}']") == []
    assert marker not in main_text(phone)
    screenshot(phone, "sharing-phone-after-stopping")


def test_all_critic_lines_can_be_shared_now_and_later_and_taken_back(phone, client):
    marker = uuid.uuid4().hex[:8]
    critic = f"You always let people down {marker}"
    answer = f"I was tired, and I showed up anyway {marker}"
    # setup: a line for the script
    login_as(phone, client)
    open_page(phone, "/my-critic")
    wait_for_heading(phone, "My critic and my answers")
    type_into(phone, "field-critic", critic)
    type_into(phone, "field-answer", answer)
    click(phone, phone.find_element(By.XPATH, "//section[@aria-labelledby='add']//form/button[normalize-space()='Save this line']"))
    wait(phone).until(lambda d: "done=saved" in d.current_url)
    wait_for_heading(phone, "My critic and my answers")
    assert critic in main_text(phone) and answer in main_text(phone)
    check_page(phone, "sharing-axe-phone-critic")
    # act: share all lines, now and later
    click(phone, button(phone, "Share all lines, now and later", "//section[@aria-labelledby='sharing']"))
    wait(phone).until(lambda d: "done=shared-all" in d.current_url)
    wait_for_heading(phone, "My critic and my answers")
    assert "You share all of these lines with your therapist, including new ones." in main_text(phone)
    # check: the sharing page lists the line and says new ones follow
    open_page(phone, "/sharing")
    wait_for_heading(phone, SHARING)
    lines = section(phone, "critic")
    assert critic in lines.text
    assert "New ones are shared as you write them." in lines.text
    screenshot(phone, "sharing-phone-critic-shared")
    check_page(phone, "sharing-axe-phone-critic-shared")
    # act: back off, from the sharing page
    click(phone, lines.find_element(By.XPATH, ".//button[normalize-space()='Stop sharing all lines']"))
    wait(phone).until(lambda d: d.current_url.startswith(url("/sharing")) and "done=" in d.current_url)
    wait_for_heading(phone, SHARING)
    # check: not listed any more, and the choice to share all is offered again
    lines = section(phone, "critic")
    assert critic not in lines.text
    assert "New ones are shared" not in lines.text
    open_page(phone, "/my-critic")
    assert button(phone, "Share all lines, now and later", "//section[@aria-labelledby='sharing']")
    assert "You share all of these lines" not in main_text(phone)


def same_site_links(driver, under):
    found = set()
    for link in driver.find_elements(By.CSS_SELECTOR, "main a[href]"):
        address = urljoin(driver.current_url, link.get_attribute("href"))
        if address.startswith(BASE_URL) and urlparse(address).path.startswith(under):
            found.add(urlparse(address).path)
    return found


def test_the_therapist_cannot_open_the_sharing_page_or_read_a_private_entry(phone, client, therapist):
    marker = uuid.uuid4().hex[:8]
    private = f"Never shared {marker}: something only I should read."
    critic = f"Nobody likes you {marker}"
    # setup: the client writes an entry and a critic line, sharing neither
    login_as(phone, client)
    entry = write_entry(phone, private)
    open_page(phone, "/my-critic")
    type_into(phone, "field-critic", critic)
    click(phone, phone.find_element(By.XPATH, "//section[@aria-labelledby='add']//form/button[normalize-space()='Save this line']"))
    wait(phone).until(lambda d: "done=saved" in d.current_url)
    open_page(phone, "/sharing")
    assert entry not in phone.page_source and critic not in main_text(phone)
    logout(phone)
    # act: the therapist signs in, on the same phone
    login_as(phone, therapist)
    # check: the client's sharing page is not theirs to open
    assert status_of(phone, "/sharing") == 403
    open_page(phone, "/sharing")
    assert "What my therapist can see" not in main_text(phone)
    assert marker not in phone.page_source
    screenshot(phone, "sharing-phone-therapist-refused")
    # nor the entry itself
    assert status_of(phone, f"/journal/{entry}") in (403, 404)
    open_page(phone, f"/journal/{entry}")
    assert marker not in phone.page_source
    # check: nothing the therapist can reach from their pages holds the private words
    open_page(phone, "/clients")
    wait_for_heading(phone, "My clients")
    # (axe only: whether the list fits 360 px depends on the names and emails other tests give
    # their clients; see test_a_long_client_email_stays_inside_its_card_on_a_phone)
    axe_check(phone, name="sharing-axe-phone-therapist-clients")
    to_visit = ["/", "/clients"] + sorted(same_site_links(phone, "/clients/"))
    seen = set()
    while to_visit:
        path = to_visit.pop(0)
        if path in seen:
            continue
        seen.add(path)
        open_page(phone, path)
        source = phone.page_source
        assert marker not in source, f"the therapist's page {path} shows the client's private words"
        if path.startswith("/clients/"):
            to_visit += sorted(same_site_links(phone, "/clients/") - seen)
    assert any(path.startswith("/clients/") for path in seen), "the therapist's client list should link to the client's shared pages"


#: A real-looking address with no hyphen: nowhere the browser may break the line by itself.
LONG_EMAIL = "christopher.williamson@northumbriahealthcare.org"


def test_a_long_client_email_stays_inside_its_card_on_a_phone(phone, client, therapist):
    # setup: the therapist's client list, the E2E client's card showing a long (real-looking)
    # address in place of theirs: what the page shows for a client whose address is that long
    login_as(phone, therapist)
    open_page(phone, "/clients")
    wait_for_heading(phone, "My clients")
    card = phone.find_element(By.XPATH, f"//main//li[contains(@class,'card')][p[normalize-space()='{client.email}']]")
    email = card.find_element(By.XPATH, f"./p[normalize-space()='{client.email}']")
    phone.execute_script("arguments[0].textContent = arguments[1];", email, LONG_EMAIL)
    screenshot(phone, "sharing-phone-therapist-long-email")
    # check: the address wraps inside its card, and nothing scrolls sideways
    assert phone.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1;", email), (
        f"the email runs {phone.execute_script('return arguments[0].scrollWidth - arguments[0].clientWidth;', email)} px out of its card")
    assert horizontal_overflow(phone) == 0
