"""The library in the browser (issue: library): guided practices by keyboard, the breathing pacer,
the plain step list without JavaScript, worksheets and packets printed to PDF, search in plain
words, accessibility at desktop and phone width, and nothing loaded from outside the app."""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers import axe_check, open_page, screenshot, url, wait
from support_extra import (A4, LETTER, action, make_driver_without_js, pdf_links, pdf_pages, press,
                           print_pdf, printed_text, requests_elsewhere, role, start_practice, tab_to,
                           walk_to_the_end)

PRACTICE = "/library/one-minute-self-compassion-break/practice"
BREATHING = "/library/soothing-rhythm-breathing/practice"
WORKSHEET = "/library/reworking-self-critical-thoughts"


def test_guided_practice_runs_to_the_end_by_keyboard(driver):
    # setup
    open_page(driver, PRACTICE)
    # act
    root = start_practice(driver, "practice", "Start the practice", Keys.ENTER)
    titles = walk_to_the_end(driver, root)
    # check
    assert titles == ["Pause", "Name it", "Not just you", "A kind word"]
    assert driver.switch_to.active_element == role(root, "done"), "focus should move to the 'You finished' note"
    screenshot(driver, "practice-finished")


def seconds(timer_text):
    minutes, secs = timer_text.split(":")
    return int(minutes) * 60 + int(secs)


def test_practice_timer_counts_down_and_pauses(driver):
    # setup
    open_page(driver, PRACTICE)
    root = start_practice(driver, "practice", "Start the practice", Keys.SPACE)
    timer = role(root, "timer")
    first = timer.text
    assert 8 <= seconds(first) <= 10, f"the first step lasts about 10 s, its timer shows {first!r}"
    # act: let it run
    time.sleep(2.2)
    running = timer.text
    # check
    assert seconds(running) < seconds(first), f"the timer did not count down: {first!r} then {running!r}"
    # act: pause with the keyboard
    pause = action(root, "pause")
    press(driver, pause, Keys.ENTER)
    # check
    assert pause.text == "Resume"
    paused_at = timer.text
    time.sleep(1.5)
    assert timer.text == paused_at, f"the timer kept running while paused: {paused_at!r} then {timer.text!r}"
    # act: resume
    press(driver, pause, Keys.SPACE)
    # check
    assert pause.text == "Pause"
    wait(driver, 5).until(lambda d: timer.text != paused_at)


def test_breathing_step_shows_the_pacer(driver):
    # setup
    open_page(driver, BREATHING)
    steps = driver.find_elements(By.CSS_SELECTOR, "#practice-steps > li")
    breathing = next(i for i, li in enumerate(steps) if li.get_attribute("data-inhale"))
    root = start_practice(driver, "practice", "Start the practice")
    pacer = role(root, "pacer")
    assert not pacer.is_displayed(), "the pacer should stay hidden on a step without breathing"
    # act
    for number in range(2, breathing + 2):
        press(driver, action(root, "next"))
        wait(driver).until(lambda d: role(root, "progress").text.startswith(f"Step {number} of"))
    # check
    assert pacer.is_displayed(), f"step {breathing + 1} has data-inhale but the pacer is hidden"
    assert pacer.text in ("Breathe in", "Breathe out")
    first = pacer.text
    wait(driver, 8).until(lambda d: pacer.text != first)  # in for 4, out for 6: it changes within 6 s
    screenshot(driver, "practice-breathing-pacer")


def test_without_javascript_the_steps_are_a_plain_list():
    driver = make_driver_without_js()
    try:
        # act
        open_page(driver, PRACTICE)
        # check
        steps = driver.find_element(By.ID, "practice-steps")
        assert steps.is_displayed()
        assert [h.text for h in steps.find_elements(By.CSS_SELECTOR, ".step-title")] == [
            "Pause", "Name it", "Not just you", "A kind word"]
        assert not any(b.is_displayed() for b in driver.find_elements(By.CSS_SELECTOR, "[data-action=start]"))
        assert not driver.find_element(By.CSS_SELECTOR, "[data-player]").is_displayed()
        screenshot(driver, "practice-without-javascript")
    finally:
        driver.quit()


def test_filled_worksheet_prints_what_was_typed_without_the_site_navigation(driver):
    # setup
    open_page(driver, WORKSHEET)
    typed = {
        "ws-situation": "Presentation at work, Tuesday (marker zebra-4417)",
        "ws-thought": "I always ruin things (marker quokka-2208)",
        "ws-kinder-version": "I stumbled once and the rest went fine (marker heron-9031)",
    }
    # act
    for field_id, text in typed.items():
        field = driver.find_element(By.ID, field_id)
        field.click()
        driver.switch_to.active_element.send_keys(text)
    rating = driver.find_element(By.CSS_SELECTOR, "input[name='belief-before'][value='7']")
    rating.send_keys(Keys.SPACE)  # a radio is chosen with Space
    assert rating.is_selected()
    for field_id, text in typed.items():
        assert driver.find_element(By.ID, field_id).get_attribute("value") == text
    data = print_pdf(driver, **A4)
    # check
    text = " ".join(pdf_pages(data))
    for marker in typed.values():
        assert marker in text, f"the PDF lacks what was typed: {marker!r}"
    assert "Reworking a self-critical thought" in text
    for navigation in ("Skip to content", "Sign in", "Print filled in", "Clear the form", "Crisis lines and grounding"):
        assert navigation not in text, f"the printed worksheet shows the site's {navigation!r}"
    # "Need help now" is also a phrase in the item's own text; the PDF may hold only those.
    in_content = printed_text(driver, "main").count("Need help now")
    assert text.count("Need help now") == in_content, "the header's 'Need help now' link was printed"
    links = pdf_links(data)
    assert url("/crisis") not in links and url("/login") not in links, f"navigation links in the PDF: {links}"


def choose_three_for_a_packet(driver):
    """Ticks the first three "Add to packet" boxes with Space and returns their titles."""
    open_page(driver, "/library")
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name=items]")[:3]
    titles = []
    for box in boxes:
        tab_to(driver, box)
        driver.switch_to.active_element.send_keys(Keys.SPACE)
        assert box.is_selected()
        titles.append(box.find_element(By.XPATH, "ancestor::li[contains(@class,'card')]//h3").text)
    submit = driver.find_element(By.CSS_SELECTOR, "button[data-packet-button]")
    assert submit.text == "Print packet (3)"
    tab_to(driver, submit, most=300)  # past the rest of the list: a link and a box for each item
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait(driver).until(lambda d: "/library/packet" in d.current_url)
    wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return titles


@pytest.mark.parametrize("paper", [A4, LETTER], ids=["A4", "Letter"])
def test_packet_prints_a_cover_and_each_item_on_its_own_pages(driver, paper):
    # setup
    titles = choose_three_for_a_packet(driver)
    assert len(titles) == 3
    # act
    pages = pdf_pages(print_pdf(driver, **paper))
    # check
    assert len(pages) >= 4, f"a cover and three items need at least 4 pages, the PDF has {len(pages)}"
    cover = pages[0]
    assert "Contents" in cover
    for title in titles:
        assert title in cover, f"the cover's contents lack {title!r}"
    starts = [next((n for n, page in enumerate(pages) if page.startswith(title)), None) for title in titles]
    assert None not in starts, f"not every item starts a new page: {dict(zip(titles, starts))}; pages begin " + \
        "; ".join(repr(p[:50]) for p in pages)
    assert 0 < starts[0] < starts[1] < starts[2], f"the items are not in the chosen order after the cover: {starts}"
    joined = " ".join(pages)
    for navigation in ("Skip to content", "Sign in", "Print the packet", "Add to packet"):
        assert navigation not in joined


def test_search_in_plain_words_finds_the_sleep_practice(driver):
    # setup
    open_page(driver, "/library")
    box = driver.find_element(By.ID, "q")
    # act
    tab_to(driver, box)
    driver.switch_to.active_element.send_keys("i can't sleep")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    wait(driver).until(lambda d: "q=" in d.current_url)
    # check
    results = driver.find_elements(By.CSS_SELECTOR, ".card-list > li.card h3 a")[:3]
    assert results, "the search found nothing"
    firsts = [(a.text, a.get_attribute("href")) for a in results]
    assert any(href == url("/library/self-compassion-break-for-sleep") for _, href in firsts), firsts
    assert any("self-compassion break for sleepless nights" in text.lower() for text, _ in firsts), firsts
    assert driver.find_element(By.ID, "q").get_attribute("value") == "i can't sleep"


AXE_PAGES = ["/library", "/library/self-compassion-break", "/library/self-compassion-break/practice",
             WORKSHEET, "/library/self-care-plan/print"]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_library_pages_have_no_serious_accessibility_violations(browser, path):
    # setup
    open_page(browser, path)
    if path.endswith("/practice"):
        start_practice(browser, "practice", "Start the practice")
    # act, check
    axe_check(browser, name=f"axe-{browser.size_name}-{path}")


def test_library_pages_load_nothing_from_outside_the_app(driver):
    elsewhere = []
    pages = ["/library", "/library?q=i+can%27t+sleep", "/library/self-compassion-break", PRACTICE, BREATHING,
             WORKSHEET, "/library/self-care-plan/print",
             "/library/packet?items=daily-rituals-menu&items=self-care-plan&items=compassionate-letter"]
    for path in pages:
        open_page(driver, path)
        if path.endswith("/practice"):
            root = start_practice(driver, "practice", "Start the practice")
            press(driver, action(root, "next"))
        elsewhere += [f"{path}: {address}" for address in requests_elsewhere(driver)]
    assert not elsewhere, "requests outside the app:\n" + "\n".join(elsewhere)
