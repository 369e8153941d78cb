"""Hard moments, on a 360 px phone (issue: hard moments). I'm struggling steps up when distress is
high or rises: the plan's people and the crisis lines come first, right under the heading, as
call buttons that say who and the number as written ("Call Sam: 07700 900123"), a crisis line
already on the plan listed once. A search in words of risk answers with the crisis lines under
the heading, above the search form and the results. The safety plan asks for a name, a number and
when to call (the professionals step offered the therapist and the crisis lines), and nothing
typed into it is lost when the session ends before Save.

Each test makes the accounts it needs on the admin's Accounts page (a new client has no plan, a
new therapist no number) and makes sure the deployment has the crisis line below, so the tests
hold in any order and beside whatever other tests leave behind."""

import re
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from helpers import Account, axe_check, login_as, logout, open_page, screenshot, url, wait
from support_extra import (comes_before, element_screenshot, fill_people, first_control_in_main,
                           full_page_screenshot, page_heading, person, responses, top, type_into,
                           wait_for_heading)

# A crisis line for the deployment, and numbers from Ofcom's ranges kept for drama: none rings anyone.
CRISIS_LINE = {"name": "Hopeline (e2e)", "phone": "0808 157 0123", "hours": "24 hours, every day"}
CRISIS_DIGITS = "08081570123"
CONTACT_NAME, CONTACT_NUMBER, CONTACT_DIGITS = "Sam", "07700 900123", "07700900123"
THERAPIST_NUMBER, THERAPIST_DIGITS = "020 7946 0321", "02079460321"
THERAPIST_HOURS = "Monday to Friday, 9am to 5pm"

SESSION_COOKIES = ("toolkit_session", "__Host-toolkit_session")  # plain HTTP, and over TLS
FLOW_ADDRESS = re.compile(r"/struggling/[0-9A-Za-z-]+$")
SIGN_IN_NOTICE = "what you typed isn't saved yet"


@pytest.fixture
def admin(accounts):
    if "admin" not in accounts or "therapist" not in accounts:
        pytest.skip("needs the admin and therapist accounts (E2E_ADMIN_* and E2E_THERAPIST_*)")
    return accounts["admin"]


@pytest.fixture
def therapist(accounts):
    if "therapist" not in accounts:
        pytest.skip("no therapist account given (E2E_THERAPIST_EMAIL and _PASSWORD)")
    return accounts["therapist"]


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


# --- Setting up, as the admin ------------------------------------------------------------------

def new_account(role):
    tag = uuid.uuid4().hex[:8]
    first = {"client": "Cleo", "therapist": "Tess"}[role]
    return Account(role, f"{role}-{tag}@e2e.example.org", f"{role} passphrase {tag}", f"{first} {tag}")


def ensure_crisis_line(driver):
    """On /admin/crisis-lines, keeps the lines already there and adds CRISIS_LINE unless it is
    there already."""
    open_page(driver, "/admin/crisis-lines")
    rows = len(driver.find_elements(By.CSS_SELECTOR, "input[id^='field-name']"))
    names = [driver.find_element(By.ID, f"field-name{i}").get_attribute("value") for i in range(rows)]
    if CRISIS_LINE["name"] in names:
        row = names.index(CRISIS_LINE["name"])
        if driver.find_element(By.ID, f"field-phone{row}").get_attribute("value") == CRISIS_LINE["phone"]:
            return
    else:
        assert "" in names, f"no free row for the crisis line among {names}"
        row = names.index("")
    for field, value in CRISIS_LINE.items():
        type_into(driver, f"field-{field}{row}", value)
    driver.find_element(By.XPATH, "//form//button[normalize-space()='Save crisis lines']").click()
    wait(driver, 20).until(lambda d: "saved=1" in d.current_url)


def create_account(driver, account, therapist_email=""):
    """Makes an account on the admin's Accounts page (a client belongs to `therapist_email`)."""
    open_page(driver, "/admin/users")
    Select(driver.find_element(By.ID, "field-role")).select_by_value(account.role)
    type_into(driver, "field-name", account.name)
    type_into(driver, "field-email", account.email)
    type_into(driver, "field-password", account.password)
    if account.role == "client":  # the field shows only for a client
        type_into(driver, "field-therapistEmail", therapist_email)
    driver.find_element(By.XPATH, "//form//button[normalize-space()='Create account']").click()
    wait(driver, 20).until(lambda d: "created=1" in d.current_url)


def prepare(driver, admin, *accounts):
    """Signs in as the admin, makes sure the crisis line is set, makes each (account, therapist's
    email) given, and signs out."""
    login_as(driver, admin)
    ensure_crisis_line(driver)
    for account, therapist_email in accounts:
        create_account(driver, account, therapist_email)
    logout(driver)


# --- The client's side -------------------------------------------------------------------------

def save_plan(driver):
    driver.find_element(By.XPATH, "//form[@id='plan-form']/button[normalize-space()='Save my plan']").click()
    wait(driver, 20).until(lambda d: d.current_url.startswith(url("/safety-plan?done=saved")))


def plan_with_a_contact(driver):
    """A first plan: one warning sign and one person with a number; the rest as the page offers."""
    open_page(driver, "/safety-plan/edit")
    type_into(driver, "step-warningSigns", "I stop answering messages")
    fill_people(driver, "peopleToAsk", [(CONTACT_NAME, CONTACT_NUMBER)])
    save_plan(driver)


def choose_rating(driver, form, value):
    """Taps the number on a 0-10 rating, as a thumb would."""
    choice = form.find_element(By.CSS_SELECTOR, f"input[type=radio][name=rating][value='{value}']")
    choice.find_element(By.XPATH, "./ancestor::label").click()
    assert choice.is_selected()


def rating_form(driver):
    """The rating form in <main>: on the flow page it is the last one, "How are you now?"."""
    return driver.find_elements(By.CSS_SELECTOR, "main form")[-1]


def start_check_in(driver, rating):
    open_page(driver, "/struggling")
    assert page_heading(driver) == "I'm struggling"
    form = rating_form(driver)
    choose_rating(driver, form, rating)
    form.find_element(By.XPATH, ".//button[normalize-space()='Next']").click()
    wait(driver, 20).until(lambda d: FLOW_ADDRESS.search(d.current_url))
    wait_for_heading(driver, "One step at a time")


def reach_someone(driver):
    return driver.find_element(By.CSS_SELECTOR, "main section.reach-someone")


def call_buttons(section):
    """The section's call buttons, in page order, as (tel: address, visible text) pairs."""
    return [(a.get_attribute("href"), a.text) for a in section.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")]


def call_note(section, digits):
    """The small note beside the call button for `digits` (a line's hours, a person's "when to
    call"), or "" when there is none."""
    item = section.find_element(By.XPATH, f".//li[.//a[@href='tel:{digits}']]")
    notes = item.find_elements(By.CSS_SELECTOR, ".call-note")
    return notes[0].text if notes else ""


def check_calls(section, expected):
    """Each number is listed once; the buttons for `expected` ({digits: (name, number as written,
    note)}) read "Call <name>: <number>", dial the digits and carry the note beside them; every
    other button says who it calls too."""
    calls = call_buttons(section)
    addresses = [address for address, _ in calls]
    assert len(addresses) == len(set(addresses)), f"a number is listed more than once: {calls}"
    texts = dict(calls)
    for digits, (name, number, note) in expected.items():
        assert texts.get(f"tel:{digits}") == f"Call {name}: {number}", f"the button for {name} ({digits}): {calls}"
        assert call_note(section, digits) == note, f"the note beside the button for {name}"
    for address, text in calls:
        assert re.fullmatch(r"Call .+: .*\d.*", text), f"{address}: {text!r} doesn't say who and which number"
    return calls


def check_call_buttons_for_contact_and_line(section):
    """The plan's person, then the crisis line (on the plan too, as the professionals step
    offered it, so it must not appear twice)."""
    calls = check_calls(section, {CONTACT_DIGITS: (CONTACT_NAME, CONTACT_NUMBER, ""),
                                  CRISIS_DIGITS: (CRISIS_LINE["name"], CRISIS_LINE["phone"], CRISIS_LINE["hours"])})
    assert calls[0][0] == f"tel:{CONTACT_DIGITS}", f"the plan's person should come first: {calls}"


def on_first_screen(driver, element):
    """Whether the whole of `element` shows on the first screen of the page, before any
    scrolling; with where it sits, for the message."""
    box = driver.execute_script(
        "var r = arguments[0].getBoundingClientRect();"
        "return [r.top + window.scrollY, r.bottom + window.scrollY, window.innerHeight];", element)
    return box[1] <= box[2], f"{element.text!r} spans {box[0]:.0f} to {box[1]:.0f} px; the first screen ends at {box[2]} px"


# --- (a) A client at 9 out of 10 ---------------------------------------------------------------

def test_at_9_out_of_10_the_flow_starts_with_call_buttons(phone, admin, therapist):
    # setup: the crisis line set; a new client whose plan has a person with a number
    client = new_account("client")
    prepare(phone, admin, (client, therapist.email))
    login_as(phone, client)
    plan_with_a_contact(phone)
    # act
    start_check_in(phone, 9)
    # check: "Reach someone now" is the first step, right under the heading and its one line,
    # with the plan's person and the crisis line
    headings = [h.text for h in phone.find_elements(By.CSS_SELECTOR, "main h2")]
    assert headings[0] == "1. Reach someone now", f"the flow's steps at 9/10: {headings}"
    reach = reach_someone(phone)
    above = phone.execute_script("var e = arguments[0].previousElementSibling, seen = [];"
                                 "while (e) { seen.unshift(e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));"
                                 " e = e.previousElementSibling; } return seen;", reach)
    assert above == ["h1", "p.lead"], f"above Reach someone now: {above}"
    check_call_buttons_for_contact_and_line(reach)
    # check: the first thing to tap in the page is a call button, whole on the phone's first
    # screen, and every call button comes before grounding, in the document and on the screen
    first = first_control_in_main(phone)
    assert (first.get_attribute("href") or "").startswith("tel:"), f"the first control is {first.get_attribute('outerHTML')[:120]}"
    shown, where = on_first_screen(phone, first)
    assert shown, f"the first call button is below the first screen: {where}"
    grounding = phone.find_element(By.CSS_SELECTOR, "main [data-practice='grounding']")
    grounding_heading = phone.find_element(By.XPATH, "//main//h2[contains(., 'Ground yourself')]")
    assert headings.index(grounding_heading.text) > 0
    for button in reach.find_elements(By.CSS_SELECTOR, "a[href^='tel:']"):
        assert comes_before(phone, button, grounding_heading) and comes_before(phone, button, grounding)
        assert top(phone, button) < top(phone, grounding_heading), f"{button.text} is below grounding on the screen"
    # check: turning warmth inward waits for a calmer moment
    assert not phone.find_elements(By.CSS_SELECTOR, "main [data-practice='break']"), \
        "the self-compassion break is offered at 9/10"
    # check: axe, and how it looks
    axe_check(phone, name="hard-moments-axe-phone-flow-at-9")
    screenshot(phone, "hard-moments-phone-flow-at-9")
    element_screenshot(phone, reach, "hard-moments-phone-flow-at-9-reach-someone")
    full_page_screenshot(phone, "hard-moments-phone-flow-at-9-full")


# --- (b) From 5 up to 9 ------------------------------------------------------------------------

def test_rising_from_5_to_9_ends_with_call_buttons(phone, admin, therapist):
    # setup
    client = new_account("client")
    prepare(phone, admin, (client, therapist.email))
    login_as(phone, client)
    plan_with_a_contact(phone)
    start_check_in(phone, 5)
    # check: at 5 the gentler order holds: grounding first, reaching someone later
    headings = [h.text for h in phone.find_elements(By.CSS_SELECTOR, "main h2")]
    assert headings[0] == "1. Ground yourself", f"the flow's steps at 5/10: {headings}"
    assert comes_before(phone, phone.find_element(By.CSS_SELECTOR, "main [data-practice='grounding']"), reach_someone(phone))
    # act: at the bottom, 9, Done
    form = rating_form(phone)
    choose_rating(phone, form, 9)
    form.find_element(By.XPATH, ".//button[normalize-space()='Done']").click()
    wait(phone, 20).until(lambda d: d.current_url == url("/struggling/history?done=1"))
    wait_for_heading(phone, "My check-ins")
    # check: the end page says what happened and puts the call buttons first
    main = phone.find_element(By.TAG_NAME, "main")
    assert "You started at 5 out of 10 and you're at 9 now." in main.text
    reach = reach_someone(phone)
    check_call_buttons_for_contact_and_line(reach)
    first = first_control_in_main(phone)
    assert (first.get_attribute("href") or "").startswith("tel:"), f"the first control is {first.get_attribute('outerHTML')[:120]}"
    history = main.find_element(By.XPATH, ".//li[contains(., 'before 5, after 9')]")
    again = main.find_element(By.LINK_TEXT, "Start a new check-in")
    for button in reach.find_elements(By.CSS_SELECTOR, "a[href^='tel:']"):
        assert comes_before(phone, button, history) and comes_before(phone, button, again)
        assert top(phone, button) < top(phone, history)
    # check: axe, and how it looks
    axe_check(phone, name="hard-moments-axe-phone-end-5-to-9")
    screenshot(phone, "hard-moments-phone-end-5-to-9")
    full_page_screenshot(phone, "hard-moments-phone-end-5-to-9-full")


def test_next_and_done_without_a_rating_say_what_is_missing(phone, client):
    # setup
    login_as(phone, client)
    open_page(phone, "/struggling")
    form = rating_form(phone)
    # act: Next with nothing chosen
    form.find_element(By.XPATH, ".//button[normalize-space()='Next']").click()
    # check: the browser stops on the rating and says why; nothing is sent
    first = phone.find_element(By.ID, "rating-0")
    assert phone.current_url == url("/struggling")
    assert phone.execute_script("return arguments[0].validity.valueMissing;", first)
    assert phone.execute_script("return arguments[0].validationMessage;", first), "no message from the browser"
    assert phone.switch_to.active_element == first, "the browser should take the person to the rating"
    # act: a browser that doesn't check required fields sends the form anyway
    phone.execute_script("arguments[0].noValidate = true;", rating_form(phone))
    rating_form(phone).find_element(By.XPATH, ".//button[normalize-space()='Next']").click()
    # check: the page says what is missing, linked to the choices
    wait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "main .error-summary a[href='#rating-0']"))
    link = phone.find_element(By.CSS_SELECTOR, "main .error-summary a[href='#rating-0']")
    assert "Please choose how strong the distress is" in link.text
    assert phone.find_element(By.CSS_SELECTOR, "main [role=radiogroup]").get_attribute("aria-invalid") == "true"
    # act: choose, go on, and press Done without a rating the same way
    start_check_in(phone, 6)
    phone.execute_script("arguments[0].noValidate = true;", rating_form(phone))
    flow_address = phone.current_url
    rating_form(phone).find_element(By.XPATH, ".//button[normalize-space()='Done']").click()
    # check: the flow comes back as it was, the message linked to the rating
    wait(phone, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "main .error-summary a[href='#rating-0']"))
    assert phone.current_url == flow_address
    assert "Please choose how strong the distress is now" in phone.find_element(By.CSS_SELECTOR, "main .error-summary").text
    assert phone.find_elements(By.CSS_SELECTOR, "main [data-practice='grounding']"), "the flow is gone"
    assert rating_form(phone).find_element(By.ID, "rating-0")


# --- (c) Searching in words of risk ------------------------------------------------------------

def search(driver, words):
    """Types into the library's search box and presses Enter."""
    open_page(driver, "/library")
    box = driver.find_element(By.ID, "q")
    box.click()
    box.send_keys(words)
    box.send_keys(Keys.ENTER)
    wait(driver, 20).until(lambda d: "q=" in d.current_url and d.execute_script("return document.readyState") == "complete")
    assert driver.find_element(By.ID, "q").get_attribute("value") == words


def banner(driver):
    found = driver.find_elements(By.CSS_SELECTOR, "main .support-banner")
    return found[0] if found else None


def results(driver):
    return driver.find_elements(By.CSS_SELECTOR, "main .card-list > li.card")


def check_banner_before_results(driver):
    """The banner sits right under the Library heading, above the search form and the results,
    with a call button for the crisis line."""
    section = banner(driver)
    assert section is not None, f"no support banner for {driver.current_url}"
    assert section.find_element(By.TAG_NAME, "h2").text == "You don't have to go through this alone"
    above = driver.execute_script("var e = arguments[0].previousElementSibling; return e && e.outerHTML;", section)
    assert above == "<h1>Library</h1>", f"the banner should come straight under the heading, not under {above!r}"
    check_calls(section, {CRISIS_DIGITS: (CRISIS_LINE["name"], CRISIS_LINE["phone"], CRISIS_LINE["hours"])})
    listed = results(driver)
    assert listed, "the results should still be listed under the banner"
    form = driver.find_element(By.CSS_SELECTOR, "main form.search-form")
    count = driver.find_element(By.ID, "results")
    for later in (form, count, listed[0]):
        assert comes_before(driver, section, later)
        assert top(driver, section) < top(driver, later)
    return section


def test_risk_words_bring_the_crisis_lines_before_the_results(phone, admin, client):
    # setup
    prepare(phone, admin)
    # act: someone not signed in, spelling it the way it comes out
    open_page(phone, "/library?q=thinking+about+sucide")
    # check
    section = check_banner_before_results(phone)
    assert not section.find_elements(By.LINK_TEXT, "Open my safety plan")
    assert section.find_element(By.LINK_TEXT, "sign in").get_attribute("href") == url("/login")
    # act: a signed-in client types it into the search box
    login_as(phone, client)
    search(phone, "I want to die")
    # check
    section = check_banner_before_results(phone)
    assert section.find_element(By.LINK_TEXT, "Open my safety plan").get_attribute("href") == url("/safety-plan")
    axe_check(phone, name="hard-moments-axe-phone-search-banner")
    screenshot(phone, "hard-moments-phone-search-banner")
    element_screenshot(phone, section, "hard-moments-phone-search-banner-section")
    full_page_screenshot(phone, "hard-moments-phone-search-banner-full")
    # act: an everyday search
    search(phone, "I can't sleep")
    # check: results, and no banner
    assert results(phone), "the everyday search found nothing"
    assert banner(phone) is None, "an everyday search brought up the crisis banner"


# --- (d) Nothing lost when the session ends ----------------------------------------------------

def form_state(driver):
    """Everything the plan form holds: each field's value, and each box and choice ticked."""
    return driver.execute_script("""
        var state = {};
        document.querySelectorAll('#plan-form input, #plan-form textarea').forEach(function (field) {
          if (field.type === 'hidden' || field.type === 'submit' || field.type === 'button') return;
          if (field.type === 'checkbox' || field.type === 'radio') {
            state[field.name + '=' + field.value] = field.checked;
          } else {
            state[field.id] = field.value;
          }
        });
        return state;""")


def test_a_plan_saved_after_the_session_ended_keeps_every_word(phone, admin, therapist):
    # setup: a new client (no plan yet) types a whole plan
    client = new_account("client")
    prepare(phone, admin, (client, therapist.email))
    login_as(phone, client)
    open_page(phone, "/safety-plan/edit")
    marker = uuid.uuid4().hex[:8]
    example = phone.find_elements(By.CSS_SELECTOR, "input[type=checkbox][name='example-copingStrategies']")[1]
    example.find_element(By.XPATH, "./ancestor::label").click()
    assert example.is_selected()
    example_text = example.get_attribute("value")
    typed = {
        "step-warningSigns": f"Pacing the kitchen at 3am {marker}\nNot answering texts {marker}",
        "step-copingStrategies": f"Cold water on my face & count to 10 <slowly> {marker}",
        "step-reasonsForLiving": f"My dog \"Biscuit\" {marker}",
        "obstacles": f"Thinking I don't deserve help {marker}",
        "whereKept": f"Lock screen photo {marker}",
    }
    for field, text in typed.items():
        type_into(phone, field, text)
    people = [(CONTACT_NAME, CONTACT_NUMBER), (f"Aunt Jo {marker}", "07700 900456", f"after 6pm {marker}")]
    professionals = [(f"Dr O'Hara {marker}", "020 7946 0999")]
    fill_people(phone, "peopleToAsk", people)
    fill_people(phone, "professionals", professionals)
    likelihood = phone.find_element(By.ID, "likelihood-6")
    likelihood.find_element(By.XPATH, "./ancestor::label").click()
    before = form_state(phone)
    assert before["step-warningSigns"] == typed["step-warningSigns"] and before["name-peopleToAsk-1"] == people[1][0]
    assert before["note-peopleToAsk-1"] == people[1][2] and before["note-professionals-0"] == ""
    assert before["likelihood=6"] and before[f"example-copingStrategies={example_text}"]
    # act: the session ends (its cookie is gone), then Save
    for name in SESSION_COOKIES:
        phone.delete_cookie(name)
    assert not [c["name"] for c in phone.get_cookies() if "session" in c["name"]]
    responses(phone)  # forget what came before
    phone.find_element(By.XPATH, "//form[@id='plan-form']/button[normalize-space()='Save my plan']").click()
    wait_for_heading(phone, "Sign in")
    # check: the sign-in page, 401, says nothing is saved yet
    statuses = [status for address, status, _, _ in responses(phone) if address == url("/safety-plan/edit")]
    assert statuses == [401], f"Save without a session answered {statuses}"
    assert SIGN_IN_NOTICE in phone.find_element(By.TAG_NAME, "main").text
    axe_check(phone, name="hard-moments-axe-phone-sign-in-with-held-plan")
    screenshot(phone, "hard-moments-phone-sign-in-with-held-plan")
    # act: sign in right there
    email = phone.find_element(By.ID, "field-email")
    email.click()
    email.send_keys(client.email)
    password = phone.find_element(By.ID, "field-password")
    password.send_keys(client.password)
    password.send_keys(Keys.ENTER)
    wait_for_heading(phone, "My safety plan")
    # check: the form is back, every word in it, and it says it isn't saved
    assert phone.find_elements(By.ID, "plan-form"), "signing in did not bring the form back"
    assert "Nothing has been saved yet" in phone.find_element(By.TAG_NAME, "main").text
    after = form_state(phone)
    for key, value in before.items():
        assert after.get(key) == value, f"{key}: typed {value!r}, back as {after.get(key)!r}"
    extra = {key: value for key, value in after.items() if key not in before and value not in ("", False)}
    assert not extra, f"fields that weren't typed came back filled: {extra}"
    # act: Save
    save_plan(phone)
    # check: the plan holds it all, saved once (this is its first version)
    text = phone.find_element(By.TAG_NAME, "main").text
    assert "Version 1," in text, "the plan was saved before the person pressed Save again"
    lines = [line for field in ("step-warningSigns", "step-copingStrategies", "step-reasonsForLiving")
             for line in typed[field].split("\n")]
    lines += [", ".join(part for part in person(contact) if part) for contact in people + professionals]
    lines += [example_text, f"What could get in the way: {typed['obstacles']}",
              f"Where I keep it: {typed['whereKept']}", "How likely I am to use it: 6 out of 10"]
    for line in lines:
        assert line in text, f"the saved plan lacks {line!r}"
    for digits in (CONTACT_DIGITS, "07700900456", "02079460999"):
        assert phone.find_elements(By.CSS_SELECTOR, f"main a[href='tel:{digits}']"), f"no call link for {digits}"


# --- (e) The professionals step offers the therapist's number ----------------------------------

def test_the_professionals_step_offers_the_therapists_number(phone, admin):
    # setup: a new therapist and their new client
    therapist = new_account("therapist")
    client = new_account("client")
    prepare(phone, admin, (therapist, ""), (client, therapist.email))
    # act: the therapist says how clients can reach them
    login_as(phone, therapist)
    open_page(phone, "/account")
    type_into(phone, "field-phone", THERAPIST_NUMBER)
    type_into(phone, "field-hours", THERAPIST_HOURS)
    phone.find_element(By.XPATH, "//button[normalize-space()='Save contact details']").click()
    wait(phone, 20).until(lambda d: "done=practice-contact" in d.current_url)
    logout(phone)
    # act: the client opens their (empty) plan
    login_as(phone, client)
    open_page(phone, "/safety-plan/edit")
    # check: the therapist first, then the crisis line, ready to edit, and the page says why;
    # each person is a row of its own: name, number, and when to call (the hours)
    step = phone.find_element(By.XPATH, "//fieldset[contains(@class,'plan-step')][.//input[@id='name-professionals-0']]")
    assert "We've filled in your therapist and the crisis lines" in step.text
    rows = step.find_elements(By.CSS_SELECTOR, "fieldset.person-row")
    offered = []
    for index, row in enumerate(rows):
        fields = [(field.get_attribute("id"), field.get_attribute("value")) for field in row.find_elements(By.TAG_NAME, "input")]
        assert [field_id for field_id, _ in fields] == [f"{kind}-professionals-{index}" for kind in ("name", "phone", "note")], fields
        offered.append(tuple(value for _, value in fields))
    assert phone.find_element(By.CSS_SELECTOR, "label[for='note-professionals-0']").text == "When to call (optional)"
    therapist_row = (f"{therapist.name} (my therapist)", THERAPIST_NUMBER, THERAPIST_HOURS)
    crisis_row = (CRISIS_LINE["name"], CRISIS_LINE["phone"], CRISIS_LINE["hours"])
    assert offered[0] == therapist_row, offered
    assert crisis_row in offered, offered
    # check: the limits are said beside the fields
    assert phone.find_element(By.ID, "limit-warningSigns").text == "Up to 20 lines, each up to 500 characters."
    assert phone.find_element(By.ID, "step-warningSigns").get_attribute("aria-describedby") == "limit-warningSigns"
    assert "Up to 20 people" in phone.find_element(By.ID, "limit-professionals").text
    # check: axe, and how it looks
    axe_check(phone, name="hard-moments-axe-phone-edit-form")
    element_screenshot(phone, step, "hard-moments-phone-edit-professionals")
    people_step = phone.find_element(By.XPATH, "//fieldset[contains(@class,'plan-step')][.//input[@id='name-peopleToAsk-0']]")
    element_screenshot(phone, people_step, "hard-moments-phone-edit-people")
    full_page_screenshot(phone, "hard-moments-phone-edit-form-full")
    # act: save the plan as offered
    save_plan(phone)
    # check: the numbers are tap-to-call buttons that say who, the hours beside them
    calls = phone.find_element(By.XPATH, "//main//section[h2[normalize-space()='Call someone from my plan']]")
    check_calls(calls, {THERAPIST_DIGITS: therapist_row, CRISIS_DIGITS: crisis_row})
    step_five = phone.find_element(By.XPATH, "//section[contains(@class,'plan-step')][h2[contains(., 'Professionals and crisis lines')]]")
    for row in (therapist_row, crisis_row):
        assert ", ".join(row) in step_five.text, f"the plan lacks {', '.join(row)!r}"


def test_phone_number_fields_are_as_easy_to_tap_as_the_name_fields(phone, client):
    # setup
    login_as(phone, client)
    open_page(phone, "/safety-plan/edit")
    # act
    size = "var s = getComputedStyle(arguments[0]); return [arguments[0].offsetHeight, parseFloat(s.fontSize)];"
    name = phone.execute_script(size, phone.find_element(By.ID, "name-peopleToAsk-0"))
    number = phone.execute_script(size, phone.find_element(By.ID, "phone-peopleToAsk-0"))
    # check: the same height and text size, text large enough that a phone doesn't zoom in
    assert number == name and number[1] >= 16, f"name field (height, font px) {name}, phone field {number}"


# --- The warning before the session times out --------------------------------------------------

# Stands in for the clock: the page's long timers (the idle warning's) are kept, not run, until
# the test runs them, as if the time had passed.
HOLD_LONG_TIMERS = """
(function () {
  var realSet = window.setTimeout, realClear = window.clearTimeout;
  window.__heldTimers = [];
  window.setTimeout = function (callback, delay) {
    if (delay >= 30000) { window.__heldTimers.push(callback); return -window.__heldTimers.length; }
    return realSet.apply(window, arguments);
  };
  window.clearTimeout = function (id) {
    if (typeof id === 'number' && id < 0) { window.__heldTimers[-id - 1] = null; return; }
    return realClear.apply(window, arguments);
  };
  window.__letTimePass = function () {
    var due = window.__heldTimers.filter(function (callback) { return callback; });
    window.__heldTimers = [];
    due.forEach(function (callback) { callback(); });
    return due.length;
  };
})();
"""


def test_a_warning_with_stay_signed_in_comes_before_the_timeout_while_text_is_unsaved(phone, client):
    # setup
    login_as(phone, client)
    phone.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOLD_LONG_TIMERS})
    open_page(phone, "/safety-plan/edit")
    warning = phone.find_element(By.ID, "idle-warning")
    # act: the time passes with nothing typed
    assert phone.execute_script("return window.__letTimePass();") >= 1, "the page set no idle timer"
    # check: nothing to lose, no warning
    assert not warning.is_displayed()
    # act: type, then the time passes again (the page sets a fresh timer as it goes)
    open_page(phone, "/safety-plan/edit")
    warning = phone.find_element(By.ID, "idle-warning")
    phone.find_element(By.ID, "obstacles").send_keys("Not wanting to bother anyone")
    assert phone.execute_script("return window.__letTimePass();") >= 1
    # check: the warning, with Stay signed in ready to press
    wait(phone).until(lambda d: warning.is_displayed())
    assert "signed out in about 2 minutes" in warning.text and "isn't saved yet" in warning.text
    stay = warning.find_element(By.XPATH, ".//button[normalize-space()='Stay signed in']")
    assert phone.switch_to.active_element == stay
    screenshot(phone, "hard-moments-phone-idle-warning")
    # act
    responses(phone)
    stay.click()
    # check: the session is kept alive, the warning goes, and the text is still there
    wait(phone).until(lambda d: not warning.is_displayed())
    kept = [status for address, status, _, _ in responses(phone) if address == url("/session/keep-alive")]
    assert kept == [204], f"Stay signed in: the keep-alive answered {kept}"
    assert phone.find_element(By.ID, "obstacles").get_attribute("value") == "Not wanting to bother anyone"
