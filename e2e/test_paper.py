"""Paper that works (issue 11), in the browser: a long filled-in worksheet prints every word, the
chosen rating marked and in words, and no therapist notes on the client's copy (a therapist may
add them to their own); a packet keeps the order items were ticked in, through a search and a
filter, and prints its cover with the typed name and note. Checked in the PDF Chromium prints.
PDFs and screenshots land in e2e/artifacts/."""

import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from helpers import ARTIFACTS, axe_check, horizontal_overflow, login_as, open_page, screenshot, url, wait
from support_extra import A4, full_page_screenshot, pdf_pages, print_pdf, squeeze, type_into

WORKSHEET = "/library/reworking-self-critical-thoughts"
MARKER = re.compile(r"river\d{3}")


def long_answer(count=160):
    """A long answer whose every word can be found again: a numbered word every few words."""
    filler = ["and", "then", "I", "noticed", "how", "tired", "I", "felt"]
    words = []
    for number in range(count):
        words.append(f"river{number:03d}")
        words.append(filler[number % len(filler)])
    return " ".join(words)


def save_pdf(data, name):
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.pdf").write_bytes(data)


def fill_worksheet(driver, answer):
    field = driver.find_element(By.ID, "ws-situation")
    field.click()
    field.send_keys(answer)
    assert field.get_attribute("value") == answer
    rating = driver.find_element(By.CSS_SELECTOR, "input[name='belief-before'][value='7']")
    rating.send_keys(Keys.SPACE)
    assert rating.is_selected()


def test_a_long_filled_in_worksheet_prints_every_word_and_no_therapist_notes(driver):
    # setup
    open_page(driver, WORKSHEET)
    answer = long_answer()
    # act
    fill_worksheet(driver, answer)
    data = print_pdf(driver, **A4)
    save_pdf(data, "paper-filled-worksheet")
    # check: every word of the long answer, in order (a box would have kept only its last lines)
    text = " ".join(pdf_pages(data))
    expected = MARKER.findall(answer)
    assert MARKER.findall(text) == expected, "the printed answer lost or reordered words: " + \
        ", ".join(sorted(set(expected) - set(MARKER.findall(text)))[:10])
    # the chosen rating, in words, and nothing for the therapist on the client's copy
    assert "Rating: 7 of 10" in text
    assert "Circle one." in text, "the rating not yet given is left to circle by hand"
    for absent in ("Notes for therapists", "Evidence base", "Related", "Print filled in", "Clear the form"):
        assert absent not in text, f"the client's filled-in copy prints {absent!r}"


def test_a_therapist_can_add_the_notes_to_their_own_copy(driver, accounts):
    if "therapist" not in accounts:
        pytest.skip("no therapist account given")
    # setup
    login_as(driver, accounts["therapist"])
    open_page(driver, WORKSHEET)
    fill_worksheet(driver, "A short answer (marker wren-7781)")
    # act, check: the client's copy first, then the therapist's own
    plain = " ".join(pdf_pages(print_pdf(driver, **A4)))
    assert "wren-7781" in plain and "Notes for therapists" not in plain
    box = driver.find_element(By.ID, "print-notes")
    box.send_keys(Keys.SPACE)
    assert box.is_selected()
    own = " ".join(pdf_pages(print_pdf(driver, **A4)))
    assert "wren-7781" in own and "Notes for therapists" in own
    axe_check(driver, name="paper-axe-desktop-worksheet-therapist")


def tick(driver, item_id):
    box = driver.find_element(By.CSS_SELECTOR, f"input[name=items][type=checkbox][value='{item_id}']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    box.send_keys(Keys.SPACE)
    assert box.is_selected()


def packet_button(driver):
    return driver.find_element(By.CSS_SELECTOR, "[data-packet-button]")


def test_a_packet_keeps_its_order_and_cover_note(driver):
    # setup: one item ticked on the whole list, one after a search, one after a filter
    chosen = ["self-care-plan", "self-compassion-break-for-sleep", "grounding-5-4-3-2-1"]
    open_page(driver, "/library")
    tick(driver, chosen[0])
    assert packet_button(driver).text == "Print packet (1)"
    box = driver.find_element(By.ID, "q")
    box.send_keys("can't sleep", Keys.ENTER)
    wait(driver).until(lambda d: "q=" in d.current_url)
    assert packet_button(driver).text == "Print packet (1)", "the tick was lost in the search"
    tick(driver, chosen[1])
    open_page(driver, "/library?kind=grounding")
    assert packet_button(driver).text == "Print packet (2)", "the ticks were lost going to a filter"
    tick(driver, chosen[2])
    button = packet_button(driver)
    assert button.text == "Print packet (3)"
    assert button.is_displayed()
    titles = [driver.execute_script(
        "return fetch(arguments[0]).then(r => r.text()).then(t => new DOMParser().parseFromString(t, 'text/html')"
        ".querySelector('h1').textContent.trim());", url(f"/library/{item}")) for item in chosen]
    # act
    button.click()
    wait(driver).until(lambda d: "/library/packet" in d.current_url)
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    listed = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".packet-order .packet-order-title")]
    assert listed == titles, f"the packet page lists {listed}, ticked in the order {titles}"
    type_into(driver, "field-name", "Sam Rivers")
    note = "Go gently this week <b>not bold</b> (marker otter-3310)"
    type_into(driver, "field-note", note)
    data = print_pdf(driver, **A4)
    save_pdf(data, "paper-packet")
    # check: the cover, then each item from a new page, in the chosen order
    pages = pdf_pages(data)
    cover = pages[0]
    assert "Sam Rivers" in cover
    assert squeeze(note) in cover, "the note is printed as typed, markup and all"
    assert "If things feel like too much" in cover
    spots = [cover.find(title, cover.find("Contents")) for title in titles]
    assert -1 not in spots and spots == sorted(spots), f"the contents are not in the chosen order: {spots}"
    starts = [next((n for n, page in enumerate(pages) if page.startswith(title)), None) for title in titles]
    assert None not in starts and 0 < starts[0] < starts[1] < starts[2], f"the items are out of order: {starts}"
    joined = " ".join(pages)
    for absent in ("Notes for therapists", "Print the packet", "Move up", "Show the cover"):
        assert absent not in joined


def test_without_javascript_the_order_can_be_changed_and_the_cover_kept():
    from support_extra import make_driver_without_js
    driver = make_driver_without_js()
    try:
        # setup
        open_page(driver, "/library/packet?items=self-care-plan&items=grounding-5-4-3-2-1")
        first = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".packet-order .packet-order-title")]
        type_into(driver, "field-note", "Marker lynx-4040")
        # act
        driver.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Move down')]").click()
        wait(driver).until(lambda d: d.find_element(By.ID, "field-note").get_attribute("value") == "Marker lynx-4040")
        # check
        now = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".packet-order .packet-order-title")]
        assert now == list(reversed(first))
        cover = driver.find_element(By.CSS_SELECTOR, ".packet-cover").text
        assert "Marker lynx-4040" in cover
    finally:
        driver.quit()


@pytest.mark.parametrize("path", ["/library/packet?items=self-care-plan&items=grounding-5-4-3-2-1&items=compassionate-letter",
                                  "/library?items=self-care-plan&items=grounding-5-4-3-2-1",
                                  "/library/four-week-introduction-program"])
def test_packet_pages_are_accessible_and_fit_a_phone(browser, path):
    # setup
    open_page(browser, path)
    name = re.sub(r"[^a-z0-9]+", "-", path.split("?")[0].lower()).strip("-")
    # act, check
    axe_check(browser, name=f"paper-axe-{browser.size_name}-{name}")
    assert not horizontal_overflow(browser), f"{path} scrolls sideways at {browser.size_name} width"
    full_page_screenshot(browser, f"paper-{browser.size_name}-{name}")
    screenshot(browser, f"paper-view-{browser.size_name}-{name}")
    lower = browser.find_elements(By.CSS_SELECTOR, ".packet-order, [data-packet-button], .week")
    if lower:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", lower[0])
        screenshot(browser, f"paper-view-lower-{browser.size_name}-{name}")
