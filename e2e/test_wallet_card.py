"""The wallet card (issue: wallet card): printed by Chromium, the PDF page is the card itself,
171.2 x 54 mm unfolded, so 85.6 x 54 mm (a bank card) folded; one page, type no smaller than
7 pt, nothing cut off, the deployment's crisis lines on it. A plan longer than the card holds keeps
its most important steps and says the full plan has more. Each card is also saved as a PNG in
e2e/artifacts/ (with pdftoppm from poppler-utils) to look at."""

import re
import shutil
import subprocess
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers import ARTIFACTS, axe_check, horizontal_overflow, login_as, logout, open_page, wait
from support_extra import PEOPLE_STEPS, pdf_pages, pdf_reader, print_pdf, save_plan_holding

MM_PER_POINT = 25.4 / 72
CARD_MM = (171.2, 54.0)
SMALLEST_TYPE_PT = 7.0
CRISIS_LINE = ("Calm Line e2e", "0800 555 0101", "24 hours")


@pytest.fixture
def client(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given (E2E_CLIENT_EMAIL and _PASSWORD)")
    return accounts["client"]


def set_crisis_lines(driver, admin, lines):
    """The admin's Crisis lines page: saves `lines` [(name, phone, hours)], clearing the rest."""
    login_as(driver, admin)
    open_page(driver, "/admin/crisis-lines")
    for index in range(6):
        name, phone, hours = lines[index] if index < len(lines) else ("", "", "")
        for field, value in (("name", name), ("phone", phone), ("text", ""), ("hours", hours), ("website", ""), ("region", "")):
            element = driver.find_element(By.ID, f"field-{field}{index}")
            driver.execute_script("arguments[0].value = arguments[1];", element, value)
    driver.find_element(By.XPATH, "//form//button[normalize-space()='Save crisis lines']").send_keys(Keys.ENTER)
    wait(driver).until(lambda d: "saved=1" in d.current_url)
    logout(driver)


@pytest.fixture
def crisis_line(driver, accounts):
    """One crisis line configured for the deployment while the test runs."""
    if "admin" not in accounts:
        pytest.skip("no admin account given (E2E_ADMIN_EMAIL and _PASSWORD)")
    set_crisis_lines(driver, accounts["admin"], [CRISIS_LINE])
    yield CRISIS_LINE
    driver.delete_all_cookies()
    set_crisis_lines(driver, accounts["admin"], [])


def save_plan(driver, entries):
    """Saves a plan holding exactly `entries` ({step: [lines], or [(name, number[, note])] for people})."""
    save_plan_holding(driver, entries)


STEPS = ("warningSigns", "copingStrategies", "distractions", "peopleToAsk", "professionals", "saferSurroundings",
         "reasonsForLiving")


def short_plan(marker):
    return {"peopleToAsk": [("Sam", "07700 900123"), ("My neighbour Ruth", "")],
            "professionals": [("My therapist", "020 7946 0000", "Mon-Fri 9-5")],
            "copingStrategies": ["Breathe out slowly, longer than I breathe in", "Hot shower"],
            "warningSigns": ["I stop replying to messages"],
            "reasonsForLiving": [f"My niece {marker}"]}


def long_plan(marker):
    """Every step full, some entries far longer than a card line."""
    plan = {step: [f"{step} entry {n}: a longer line of words that will not fit on one line of the card" for n in range(1, 21)]
            for step in STEPS}
    for step in PEOPLE_STEPS:
        plan[step] = [(line, "") for line in plan[step]]
    plan["peopleToAsk"][5] = ("Jo, my oldest friend, who always picks up", "07700 900456")
    plan["reasonsForLiving"][0] = f"My niece {marker}"
    return plan


def print_card(driver):
    """The card page printed to PDF as Chromium would for a person, at the page size it asks for."""
    return print_pdf(driver, preferCSSPageSize=True, printBackground=True)


def save_png(data, name):
    """Renders the PDF's page to e2e/artifacts/NAME.png at 600 dpi, to be looked at."""
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(data)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "600", "-singlefile", str(pdf), str(ARTIFACTS / name)], check=True)


def print_layout(driver):
    """Under print styles: each panel's overflow, each phone number's room, the smallest type."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        return driver.execute_script("""
            var panels = Array.prototype.slice.call(document.querySelectorAll('.wallet-card'));
            var overflow = panels.map(function (p) { return p.scrollHeight - p.clientHeight; });
            var cut = [];
            panels.forEach(function (panel) {
              var box = panel.getBoundingClientRect();
              var right = box.right - parseFloat(getComputedStyle(panel).paddingRight) + 0.5;
              var bottom = box.bottom - parseFloat(getComputedStyle(panel).paddingBottom) + 0.5;
              panel.querySelectorAll('.wallet-number, h2, h3, p').forEach(function (e) {
                var r = e.getBoundingClientRect();
                if (r.right > right || r.bottom > bottom || e.scrollWidth > e.clientWidth + 1) cut.push(e.textContent);
              });
            });
            var smallest = Math.min.apply(null, Array.prototype.map.call(
              document.querySelectorAll('.wallet-card, .wallet-card *'),
              function (e) { return parseFloat(getComputedStyle(e).fontSize); }));
            return {overflow: overflow, cut: cut, smallest_px: smallest};
        """)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize("plan", [short_plan, long_plan], ids=["short-plan", "long-plan"])
def test_the_printed_card_is_one_bank_card_sized_page(driver, client, crisis_line, plan):
    # setup
    login_as(driver, client)
    marker = f"marker-{uuid.uuid4().hex[:10]}"
    save_plan(driver, plan(marker))
    open_page(driver, "/safety-plan/card")
    # act
    data = print_card(driver)
    save_png(data, f"wallet-card-{plan.__name__}")
    # check: one page, the size of the card unfolded (two bank cards side by side)
    reader = pdf_reader(data)
    assert len(reader.pages) == 1, f"the card printed on {len(reader.pages)} pages"
    box = reader.pages[0].mediabox
    width, height = float(box.width) * MM_PER_POINT, float(box.height) * MM_PER_POINT
    assert abs(width - CARD_MM[0]) <= 1 and abs(height - CARD_MM[1]) <= 1, f"the page is {width:.1f} x {height:.1f} mm"
    assert abs(width / 2 - 85.6) <= 1, f"folded, the card is {width / 2:.1f} mm wide"
    # check: what it says
    text = pdf_pages(data)[0]
    name, phone, hours = crisis_line
    assert f"{name} ({hours})" in text and phone in text, f"the crisis line is missing: {text!r}"
    assert "local emergency number" in text
    assert f"My niece {marker}" in text
    assert "Sam 07700 900123" in text or "Jo, my oldest friend" in text, text
    assert ("My full plan has more." in text) == (plan is long_plan)
    # check: readable and nothing cut off (long entries end in an ellipsis; numbers stay whole)
    layout = print_layout(driver)
    assert layout["smallest_px"] * 0.75 >= SMALLEST_TYPE_PT - 0.01, f"type as small as {layout['smallest_px'] * 0.75:.2f} pt"
    assert all(over <= 0 for over in layout["overflow"]), f"a panel overflows: {layout['overflow']}"
    assert not layout["cut"], f"cut off: {layout['cut']}"
    if plan is long_plan:
        assert "07700 900456" in text, "a phone number was cut"
        assert "Not all of your plan fits on a card" in driver.find_element(By.TAG_NAME, "main").text


def test_the_card_page_fits_a_phone_and_is_accessible(phone, client):
    login_as(phone, client)
    save_plan(phone, short_plan("phone"))
    open_page(phone, "/safety-plan/card")
    assert horizontal_overflow(phone) == 0, f"the card page is {horizontal_overflow(phone)}px wider than the phone"
    axe_check(phone, name="axe-phone-safety-plan-card")


def test_a_persons_when_to_call_reads_cleanly_on_the_card(driver, client):
    # setup: one professional, with when to call
    login_as(driver, client)
    save_plan(driver, {"professionals": [("My therapist", "020 7946 0000", "Mon-Fri 9-5")],
                       "reasonsForLiving": ["My niece"]})
    open_page(driver, "/safety-plan/card")
    # act
    line = driver.find_element(By.XPATH, "//li[contains(@class,'wallet-line')][.//*[contains(@class,'wallet-number')]"
                                         "[normalize-space()='020 7946 0000']]")
    text = driver.execute_script("return arguments[0].querySelector('.wallet-text').textContent;", line)
    # check: the name and when to call, with nothing empty between them
    assert "My therapist" in text and "Mon-Fri 9-5" in text, text
    assert not re.search(r",\s*,", text), f"the card line reads {text!r}"
