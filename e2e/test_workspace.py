"""The therapist's workspace loop, end to end: the therapist (E2E_THERAPIST_*, on a desktop
window) invites a client with a one-time link; a new person opens it on a 360 px phone, makes
their own account and lands on Today; the therapist assigns a guided practice with a personal
note; the client sees it under "From your therapist", practises, records it, and shares a journal
entry; the therapist's roster then shows the week's assignment done and the newly shared entry,
which they open and read, and the client's progress shows the practice done. Before the next
session the client previews a summary, leaves the ratings out, adds a note and sends it; the
therapist opens exactly that and prints it. A used invitation
can't be used again, and a code typed on /join works like the link.

Each test makes its own new client (a fresh email and name from uuid), so the tests hold in any
order, run again against the same app, and beside the other files."""

import re
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import make_driver
from helpers import BASE_URL, axe_check, horizontal_overflow, login_as, logout, open_page, screenshot, url, wait
from support_extra import pdf_pages, print_pdf, start_practice, type_into, wait_for_heading, walk_to_the_end

ITEM = "self-compassion-break"
TITLE = "The self-compassion break"
PASSWORD = "a new client's own passphrase"


@pytest.fixture
def therapist(accounts):
    if "therapist" not in accounts:
        pytest.skip("no therapist account given (E2E_THERAPIST_EMAIL and _PASSWORD)")
    return accounts["therapist"]


@pytest.fixture
def newcomer():
    """A person the app has never seen: a name and an email unique to this run."""
    marker = uuid.uuid4().hex[:8]
    return {"marker": marker, "name": f"Nina Newcomer {marker}", "email": f"newcomer-{marker}@e2e.example.org"}


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def click(driver, element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def button(driver, text, within="//main"):
    return driver.find_element(By.XPATH, f"{within}//button[normalize-space()=\"{text}\"]")


def check_phone_page(driver, name):
    """A client's page at 360 px: nothing scrolls sideways, and axe finds nothing serious."""
    assert horizontal_overflow(driver) == 0, f"{driver.current_url} scrolls sideways by {horizontal_overflow(driver)} px"
    axe_check(driver, name=name)


# --- The therapist's side ----------------------------------------------------------------------

def make_invitation(driver, note):
    """From My clients, "Invite a client", a note, "Make an invitation link": returns (link, code)
    as the one-time page shows them."""
    open_page(driver, "/clients")
    wait_for_heading(driver, "My clients")
    click(driver, driver.find_element(By.XPATH, "//main//a[normalize-space()='Invite a client']"))
    wait_for_heading(driver, "Invite a client")
    assert driver.current_url == url("/clients/invitations")
    axe_check(driver, name="workspace-axe-desktop-invitations")
    type_into(driver, "field-label", note)
    click(driver, button(driver, "Make an invitation link"))
    wait_for_heading(driver, "Your invitation link")
    link = driver.find_element(By.ID, "issued-link").text.strip()
    code = driver.find_element(By.CSS_SELECTOR, ".one-time-code").text.strip()
    assert link.startswith(url("/join?t=")), f"the invitation link should open this app's /join: {link!r}"
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), f"the code should look like K7QM-3XPD: {code!r}"
    assert "Works once" in main_text(driver)
    return link, code


def roster_card(driver, email):
    """The new client's card on My clients, found by the email shown on it."""
    open_page(driver, "/clients")
    wait_for_heading(driver, "My clients")
    cards = driver.find_elements(By.XPATH, f"//main//li[contains(@class,'roster-client')][p[normalize-space()='{email}']]")
    assert len(cards) == 1, f"{len(cards)} cards on My clients show {email}"
    return cards[0]


def client_id(card):
    href = card.find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href")
    match = re.search(r"/clients/([^/?#]+)$", href)
    assert match, href
    return match.group(1)


# --- The newcomer's side -----------------------------------------------------------------------

def make_account(phone, person, therapist_name):
    """On the welcome page (from the link or the code): checks it names the therapist, chooses a
    name, email and password, and lands on Today, signed in."""
    wait_for_heading(phone, "Welcome")
    assert f"{therapist_name} has invited you to the Self-Compassion Toolkit." in main_text(phone)
    type_into(phone, "field-name", person["name"])
    type_into(phone, "field-email", person["email"])
    type_into(phone, "field-password", PASSWORD)
    click(phone, button(phone, "Make my account"))
    wait(phone, 20).until(lambda d: d.current_url.startswith(url("/today")))
    wait(phone).until(lambda d: (d.execute_script("var h = document.querySelector('h1'); return h ? h.textContent : ''") or "").startswith("Today, "))
    assert "Welcome. Your account is ready, and this is Today: your home here." in main_text(phone)
    assert f"Hello, {person['name']}." in main_text(phone)


def from_therapist_item(phone, title):
    """The assignment's line under "From your therapist" on Today."""
    items = phone.find_elements(By.XPATH, f"//section[@aria-labelledby='planned']//ul[contains(@class,'from-therapist')]/li[a[normalize-space()='{title}']]")
    assert len(items) == 1, f"{len(items)} lines under 'From your therapist' read {title!r}:\n{main_text(phone)}"
    return items[0]


def save_button(driver):
    return driver.find_element(By.XPATH, "//form[@id='practice-log-form']//button[@type='submit' and contains(., 'save to my practice log')]")


def write_and_share_entry(phone, body):
    open_page(phone, "/journal/new")
    wait_for_heading(phone, "Write an entry")
    type_into(phone, "body", body)
    click(phone, phone.find_element(By.XPATH, "//form[@id='journal-form']/button[normalize-space()='Save the entry']"))
    wait_for_heading(phone, "Journal entry")
    match = re.search(r"/journal/([0-9a-f-]{36})", phone.current_url)
    assert match, phone.current_url
    click(phone, button(phone, "Share with my therapist", "//section[@aria-labelledby='sharing']"))
    wait(phone).until(lambda d: "done=shared" in d.current_url)
    wait_for_heading(phone, "Journal entry")
    assert "Your therapist can read this entry" in main_text(phone)
    return match.group(1)


# --- The loop ----------------------------------------------------------------------------------

def test_invite_assign_practise_share_and_follow_the_week(driver, therapist, newcomer):
    desk = driver
    assert desk.size_name == "desktop"
    marker = newcomer["marker"]
    note = f"Try it after work, even for a minute {marker}"
    journal = f"Today I was kinder to myself than usual {marker}."
    summary_note = f"Talk about the evenings {marker}"

    # 1. The therapist invites a client from My clients
    login_as(desk, therapist)
    open_page(desk, "/clients")
    wait_for_heading(desk, "My clients")
    axe_check(desk, name="workspace-axe-desktop-clients")
    link, code = make_invitation(desk, f"Newcomer {marker}")
    screenshot(desk, "workspace-desktop-invitation-link")

    # 2. The new person opens the link on their phone and makes their account
    phone = make_driver("phone")
    try:
        phone.get(link)
        wait_for_heading(phone, "Welcome")
        check_phone_page(phone, "workspace-axe-phone-join")
        make_account(phone, newcomer, therapist.name)
        check_phone_page(phone, "workspace-axe-phone-today-welcome")

        # 3. The therapist finds the new client and assigns a practice, daily, from today
        card = roster_card(desk, newcomer["email"])
        assert newcomer["name"] in card.text
        client = client_id(card)
        click(desk, card.find_element(By.XPATH, ".//a[normalize-space()='Assignments']"))
        wait_for_heading(desk, f"Assignments for {newcomer['name']}")
        assert desk.current_url == url(f"/clients/{client}/assignments")
        assert "Nothing assigned yet." in main_text(desk)
        axe_check(desk, name="workspace-axe-desktop-assignments")
        Select(desk.find_element(By.ID, "field-item")).select_by_value(ITEM)
        type_into(desk, "field-note", note)
        click(desk, desk.find_element(By.XPATH, "//form[contains(@class,'assignment-form')]//input[@name='frequency' and @value='daily']"))
        start = desk.find_element(By.ID, "field-start").get_attribute("value")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", start), f"the start date should be filled in with today: {start!r}"
        click(desk, button(desk, "Assign"))
        wait(desk).until(lambda d: "done=created" in d.current_url)
        wait_for_heading(desk, TITLE)
        text = main_text(desk)
        assert "The assignment is saved. Your client sees it on their Today page." in text
        assert note in text
        assert "Every day, from" in text and "Today: for today" in text, text
        assignment_page = desk.current_url.split("?")[0]

        # 4. The client sees it on Today, with the note, practises and records it
        open_page(phone, "/today")
        item = from_therapist_item(phone, TITLE)
        assert item.find_element(By.CSS_SELECTOR, "p.therapist-note").text == note
        assert item.find_element(By.CSS_SELECTOR, ".meta").text.startswith("for today"), item.text
        assert "done" not in (item.get_attribute("class") or "").split()
        check_phone_page(phone, "workspace-axe-phone-today-assigned")
        screenshot(phone, "workspace-phone-today-assigned")
        click(phone, item.find_element(By.XPATH, f"./a[normalize-space()='{TITLE}']"))
        wait_for_heading(phone, "From your therapist")
        assert phone.current_url.startswith(url("/assignments#assignment-"))
        assignment = phone.find_element(By.ID, phone.current_url.split("#", 1)[1])
        assert note in assignment.text
        check_phone_page(phone, "workspace-axe-phone-assignments")
        click(phone, assignment.find_element(By.XPATH, ".//a[starts-with(normalize-space(), 'Start')]"))
        wait_for_heading(phone, TITLE)
        assert phone.current_url == url(f"/library/{ITEM}/practice")
        root = start_practice(phone, "practice", "Start the practice")
        walk_to_the_end(phone, root)
        assert phone.find_element(By.ID, "minutes").get_attribute("value") == "1"
        click(phone, save_button(phone))
        wait_for_heading(phone, TITLE)
        assert "Saved to your practice log" in main_text(phone)
        # back on Today: done
        open_page(phone, "/today")
        item = from_therapist_item(phone, TITLE)
        assert "done" in (item.get_attribute("class") or "").split(), item.get_attribute("outerHTML")
        assert item.find_element(By.CSS_SELECTOR, ".meta").text.startswith("done · done today"), item.text
        check_phone_page(phone, "workspace-axe-phone-today-done")
        open_page(phone, "/assignments")
        wait_for_heading(phone, "From your therapist")
        cards = phone.find_elements(By.CSS_SELECTOR, "li.card.assignment.done")
        assert len(cards) == 1 and "done today" in cards[0].text, main_text(phone)
        screenshot(phone, "workspace-phone-assignment-done")

        # 5. The client writes a journal entry and shares it
        entry = write_and_share_entry(phone, journal)
        check_phone_page(phone, "workspace-axe-phone-entry-shared")

        # 6. Before the next session: the client previews a summary, leaves the ratings out,
        # adds a note, sees exactly that in the preview, and sends it
        open_page(phone, "/today")
        click(phone, phone.find_element(By.XPATH, "//main//a[normalize-space()='Before your next session']"))
        wait_for_heading(phone, "Before your next session")
        preview = phone.find_element(By.CSS_SELECTOR, "section.summary-preview")
        assert "1 of 1 planned done" in preview.text, preview.text
        assert "Before and after ratings" in preview.text
        check_phone_page(phone, "workspace-axe-phone-summary")
        ratings = phone.find_element(By.CSS_SELECTOR, "input[name='include'][value='ratings']")
        assert ratings.is_selected()
        click(phone, ratings)
        type_into(phone, "field-note", summary_note)
        click(phone, button(phone, "Update the preview"))
        wait(phone).until(lambda d: summary_note in d.find_element(By.CSS_SELECTOR, "section.summary-preview").text)
        preview = phone.find_element(By.CSS_SELECTOR, "section.summary-preview").text
        assert "Before and after ratings" not in preview and "1 of 1 planned done" in preview, preview
        assert not phone.find_element(By.CSS_SELECTOR, "input[name='include'][value='ratings']").is_selected()
        screenshot(phone, "workspace-phone-summary-preview")
        click(phone, button(phone, f"Send to {therapist.name}"))
        wait(phone).until(lambda d: re.search(r"/before-session/[^/?]+$", d.current_url))
        summary_id = phone.current_url.rsplit("/", 1)[1]
        assert "Your therapist sees exactly this." in main_text(phone)
        check_phone_page(phone, "workspace-axe-phone-summary-sent")
    finally:
        phone.quit()

    # 7. The therapist's roster shows the week's assignment done and the newly shared entry and summary
    card = roster_card(desk, newcomer["email"])
    assert re.search(r"Assignments this week: 1 of [1-7] done", card.text), card.text
    flags = [tag.text for tag in card.find_elements(By.CSS_SELECTOR, ".roster-flags .tag")]
    assert "Newly shared: 2 items" in flags, card.text
    assert "nothing shared yet" not in card.text
    screenshot(desk, "workspace-desktop-roster")
    axe_check(desk, name="workspace-axe-desktop-clients-after")
    click(desk, card.find_element(By.CSS_SELECTOR, "h2 a"))
    wait_for_heading(desk, f"Shared by {newcomer['name']}")
    assert desk.current_url == url(f"/clients/{client}")
    shared = desk.find_elements(By.CSS_SELECTOR, f"main a[href='/clients/{client}/shared/journal/{entry}']")
    assert len(shared) == 1, main_text(desk)
    assert "New" in shared[0].find_element(By.XPATH, "./..").text
    axe_check(desk, name="workspace-axe-desktop-client")
    click(desk, shared[0])
    wait(desk).until(lambda d: d.current_url == url(f"/clients/{client}/shared/journal/{entry}"))
    wait(desk).until(lambda d: journal in main_text(d))
    assert f"{newcomer['name']} shares this with you, read-only." in main_text(desk)
    axe_check(desk, name="workspace-axe-desktop-shared-entry")
    # the summary the client approved: exactly what they sent, and it prints without the site's chrome
    open_page(desk, f"/clients/{client}")
    click(desk, desk.find_element(By.CSS_SELECTOR, f"main a[href='/clients/{client}/shared/session-summary/{summary_id}']"))
    wait(desk).until(lambda d: summary_note in main_text(d))
    text = main_text(desk)
    assert "1 of 1 planned done" in text and "Before and after ratings" not in text, text
    axe_check(desk, name="workspace-axe-desktop-summary")
    screenshot(desk, "workspace-desktop-summary")
    printed = " ".join(pdf_pages(print_pdf(desk)))
    assert summary_note in printed and "1 of 1 planned done" in printed, printed[:600]
    assert "Before and after ratings" not in printed and "Sign out" not in printed and "My clients" not in printed
    # once read, none of it is new any more
    card = roster_card(desk, newcomer["email"])
    assert not [tag for tag in card.find_elements(By.CSS_SELECTOR, ".roster-flags .tag") if tag.text.startswith("Newly shared")], card.text

    # the assignment and the client's progress show it done
    open_page(desk, assignment_page.removeprefix(BASE_URL))
    wait_for_heading(desk, TITLE)
    assert "Today: done today" in main_text(desk), main_text(desk)
    open_page(desk, f"/clients/{client}/progress")
    wait_for_heading(desk, f"Progress for {newcomer['name']}")
    summary = desk.find_element(By.XPATH, f"//section[@aria-labelledby='each']//li[.//a[normalize-space()='{TITLE}']]/p[contains(@class,'summary')]")
    assert re.match(r"This week: 1 of [1-7] planned\.", summary.text), summary.text
    assert "1 minute of practice" in summary.text, summary.text
    screenshot(desk, "workspace-desktop-progress")
    axe_check(desk, name="workspace-axe-desktop-progress")
    open_page(desk, f"/clients/{client}/assignments")
    wait_for_heading(desk, f"Assignments for {newcomer['name']}")
    assert "done today" in main_text(desk)


def test_a_code_typed_on_join_works_like_the_link_and_the_invitation_works_once(driver, therapist, newcomer):
    # setup: an invitation
    login_as(driver, therapist)
    link, code = make_invitation(driver, f"By code {newcomer['marker']}")
    phone = make_driver("phone")
    try:
        # act: the code typed on /join, in small letters and with a space, as a person might
        open_page(phone, "/join")
        wait_for_heading(phone, "Join with a code")
        check_phone_page(phone, "workspace-axe-phone-join-code")
        type_into(phone, "field-code", code.lower().replace("-", " "))
        click(phone, button(phone, "Continue"))
        make_account(phone, newcomer, therapist.name)
        assert roster_card(driver, newcomer["email"])
        # check: the link of the same invitation, opened again, is a kind page, not a form
        logout(phone)
        phone.get(link)
        wait_for_heading(phone, "This link doesn't work")
        text = main_text(phone)
        assert "This link has already been used, so it can't be used again." in text
        assert "Nothing is wrong with you or what you did." in text
        assert phone.find_elements(By.CSS_SELECTOR, "main form") == []
        assert phone.find_elements(By.XPATH, "//main//a[normalize-space()='sign in']")
        check_phone_page(phone, "workspace-axe-phone-link-used")
        screenshot(phone, "workspace-phone-link-used")
        # and the code again is turned down gently, on the same form
        open_page(phone, "/join")
        type_into(phone, "field-code", code)
        click(phone, button(phone, "Continue"))
        wait_for_heading(phone, "Join with a code")
        assert "That code doesn't match an invitation that is still open." in main_text(phone)
        assert phone.find_elements(By.ID, "field-name") == []
        check_phone_page(phone, "workspace-axe-phone-code-used")
    finally:
        phone.quit()
