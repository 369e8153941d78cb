"""More helpers for the library, crisis and safety-plan tests: keyboard-only walking, a browser
without JavaScript, PDFs printed by Chromium, cutting the network (service workers included),
page weight, the safety plan form, where things sit on a page, and screenshots of a whole page.
They build on helpers.py and conftest.py without changing either."""

import base64
import io
import json
import re
import shutil
import unicodedata

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import SIZES, chromium_binary
from helpers import ARTIFACTS, BASE_URL, network_requests, open_page, resource_urls, slug, url, wait

#: Paper sizes in inches, as Page.printToPDF takes them.
A4 = {"paperWidth": 8.27, "paperHeight": 11.69}
LETTER = {"paperWidth": 8.5, "paperHeight": 11}

LOCAL_SCHEMES = ("data:", "blob:", "about:")


# --- The keyboard ------------------------------------------------------------------------------

def active(driver):
    return driver.switch_to.active_element


def tab_to(driver, element, most=80):
    """Presses Tab, from wherever focus is now, until `element` has focus, as a person using
    only the keyboard would. Fails if it takes more than `most` presses."""
    for _ in range(most):
        if active(driver) == element:
            return element
        active(driver).send_keys(Keys.TAB)
    assert active(driver) == element, (
        f"{most} presses of Tab never reached {element.tag_name} '{element.text}'; focus is on "
        f"{describe(active(driver))}")
    return element


def press(driver, element, key=Keys.ENTER):
    """Tabs to a control and presses a key on it (Enter by default; Space for buttons works too)."""
    tab_to(driver, element)
    active(driver).send_keys(key)


def describe(element):
    return (f"<{element.tag_name} id='{element.get_attribute('id') or ''}' "
            f"class='{element.get_attribute('class') or ''}'>{(element.text or '')[:40]}")


# --- The guided player -------------------------------------------------------------------------

def player(driver, name):
    """The guided-practice widget whose data-practice attribute is `name`."""
    return driver.find_element(By.CSS_SELECTOR, f'[data-practice="{name}"]')


def role(root, name):
    return root.find_element(By.CSS_SELECTOR, f'[data-role="{name}"]')


def action(root, name):
    return root.find_element(By.CSS_SELECTOR, f'[data-action="{name}"]')


def start_practice(driver, name, label, key=Keys.ENTER):
    """Tabs to the Start button (its visible text is `label`), presses it, and returns the widget."""
    root = player(driver, name)
    start = action(root, "start")
    wait(driver).until(lambda d: start.is_displayed())
    assert start.text == label
    press(driver, start, key)
    wait(driver).until(lambda d: role(root, "title").text != "")
    return root


def walk_to_the_end(driver, root, keys=(Keys.ENTER, Keys.SPACE)):
    """Presses "Next step" (Tab to it, then Enter or Space in turn) until the last step's "Finish",
    checking that each press shows a new step. Returns the step titles seen, in order."""
    titles = [role(root, "title").text]
    total = int(re.search(r"of (\d+)", role(root, "progress").text).group(1))
    next_button = action(root, "next")
    for number in range(2, total + 1):
        assert next_button.text == "Next step", f"step {number - 1} of {total} offers '{next_button.text}'"
        press(driver, next_button, keys[number % len(keys)])
        wait(driver).until(lambda d: role(root, "progress").text == f"Step {number} of {total}")
        title = role(root, "title").text
        assert title and title != titles[-1], f"step {number} shows the same title as the one before: {title!r}"
        titles.append(title)
    assert next_button.text == "Finish", f"the last step's button says '{next_button.text}', not 'Finish'"
    press(driver, next_button, keys[0])
    done = role(root, "done")
    wait(driver).until(lambda d: done.is_displayed())
    assert "You finished" in done.text
    assert not root.find_element(By.CSS_SELECTOR, "[data-player]").is_displayed()
    return titles


# --- A browser without JavaScript --------------------------------------------------------------

def make_driver_without_js(size="desktop"):
    """Headless Chromium like conftest's, with JavaScript turned off for every page."""
    width, height = SIZES[size]
    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}",
                     "--disable-extensions", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-default-apps",
                     "--blink-settings=scriptEnabled=false"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
    driver.size_name = size
    driver.set_page_load_timeout(30)
    return driver



# --- PDF ---------------------------------------------------------------------------------------

def print_pdf(driver, **options):
    """The current page printed to PDF by Chromium (print styles apply), as bytes."""
    settings = {"printBackground": False, "preferCSSPageSize": False}
    settings.update(options)
    result = driver.execute_cdp_cmd("Page.printToPDF", settings)
    return base64.b64decode(result["data"])


def pdf_reader(data):
    try:
        from pypdf import PdfReader
    except ImportError:
        raise AssertionError("reading the printed PDF needs pypdf: pip install pypdf") from None
    return PdfReader(io.BytesIO(data))


def pdf_pages(data):
    """The text of each page of a PDF, whitespace squeezed to single spaces."""
    reader = pdf_reader(data)
    return [squeeze(page.extract_text() or "") for page in reader.pages]


def pdf_links(data):
    """Every link target (URI) in a PDF."""
    reader = pdf_reader(data)
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action_ = annotation.get_object().get("/A")
            if action_ and "/URI" in action_:
                found.append(str(action_["/URI"]))
    return found


def squeeze(text):
    """Whitespace squeezed to single spaces, ligatures (the "fi" in a PDF) unfolded."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def printed_text(driver, selector="body"):
    """What the page shows under print styles (innerText skips anything they hide)."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        return squeeze(driver.execute_script("return arguments[0].innerText;", driver.find_element(By.CSS_SELECTOR, selector)))
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


# --- The network -------------------------------------------------------------------------------

OFFLINE = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}


def go_offline(driver):
    """Cuts the network for the page and for every service worker the browser runs.

    Network.emulateNetworkConditions on the page alone leaves a service worker's own fetch()
    online (seen with Chromium 156: the worker went on answering from the network), which would
    make an "offline" test pass without the cache. So each service worker target is attached and
    given the same emulation."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", OFFLINE)
    workers = [t for t in driver.execute_cdp_cmd("Target.getTargets", {})["targetInfos"] if t["type"] == "service_worker"]
    for worker in workers:
        session = driver.execute_cdp_cmd("Target.attachToTarget", {"targetId": worker["targetId"], "flatten": False})["sessionId"]
        for number, (method, params) in enumerate((("Network.enable", {}), ("Network.emulateNetworkConditions", OFFLINE)), 1):
            driver.execute_cdp_cmd("Target.sendMessageToTarget", {
                "sessionId": session, "message": json.dumps({"id": number, "method": method, "params": params})})
    return len(workers)


def responses(driver):
    """(url, status, served by a service worker, where the worker got it) for each response since
    the last read of the performance log."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.responseReceived":
            response = message["params"]["response"]
            found.append((response["url"], response["status"], response.get("fromServiceWorker", False),
                          response.get("serviceWorkerResponseSource")))
    return found


def is_ours(address):
    return address.startswith(BASE_URL + "/") or address == BASE_URL or address.startswith(LOCAL_SCHEMES)


def requests_elsewhere(driver):
    """Every address the current page loaded, or the browser asked for since the last read of the
    performance log, that is not the app's own."""
    return sorted({u for u in resource_urls(driver) + network_requests(driver) if not is_ours(u)})


def transfer_sizes(driver):
    """(url, transferSize in bytes) for the document and each resource, from performance entries."""
    return driver.execute_script(
        "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
        ".map(function (e) { return [e.name, e.transferSize]; });")


# --- Forms and headings ------------------------------------------------------------------------

def type_into(driver, field_id, text):
    """Focuses a field, empties what an earlier save (or a pre-fill) left in it, and types."""
    field = driver.find_element(By.ID, field_id)
    field.click()
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(text)
    assert field.get_attribute("value") == text
    return field


def person(contact):
    """(name, number, note) from a person given as (name, number) or (name, number, note)."""
    name, number, *rest = contact
    return name, number, (rest[0] if rest else "")


def fill_people(driver, step, contacts):
    """Fills a safety-plan step about people (peopleToAsk, professionals): each (name, number) or
    (name, number, note) in `contacts` goes into the next row from the top, typed, and every other
    row of the step is emptied, rows the page pre-filled included (their notes too: a "when to
    call" left on its own would be saved as an entry)."""
    rows = len(driver.find_elements(By.CSS_SELECTOR, f"input[id^='name-{step}-']"))
    assert rows >= len(contacts), f"the {step} step has {rows} rows, fewer than the {len(contacts)} people to enter"
    for index in range(rows):
        name, number, note = person(contacts[index]) if index < len(contacts) else ("", "", "")
        type_into(driver, f"name-{step}-{index}", name)
        type_into(driver, f"phone-{step}-{index}", number)
        type_into(driver, f"note-{step}-{index}", note)


PEOPLE_STEPS = ("peopleToAsk", "professionals")


def save_plan_holding(driver, entries):
    """Saves a plan holding exactly `entries`, no examples ticked, by setting the fields' values
    with script (no typing: for tests about what a plan shows, not how it is written). A step
    about people takes its people as (name, number[, note]); any other step, lines of text.

    The form offers only two empty rows for people beyond those saved ("Save, and two more
    appear"), so a step with more people is saved as often as it takes, as a person would."""
    people = {step: [person(contact) for contact in entries.get(step, [])] for step in PEOPLE_STEPS}
    first = True
    while True:
        open_page(driver, "/safety-plan/edit")
        if first:
            driver.execute_script(
                "document.querySelectorAll('input[type=checkbox][name^=example-]').forEach(function (b) { b.checked = false; });"
                "document.querySelectorAll('#plan-form textarea').forEach(function (t) { t.value = ''; });")
            for step, lines in entries.items():
                if step not in PEOPLE_STEPS:
                    driver.execute_script("arguments[0].value = arguments[1];",
                                          driver.find_element(By.ID, f"step-{step}"), "\n".join(lines))
        placed_all = True
        for step, contacts in people.items():
            rows = driver.find_elements(By.CSS_SELECTOR, f"input[id^='name-{step}-']")
            placed_all = placed_all and len(rows) >= len(contacts)
            values = [list(contacts[i]) if i < len(contacts) else ["", "", ""] for i in range(len(rows))]
            driver.execute_script("""
                var step = arguments[0];
                arguments[1].forEach(function (row, index) {
                  ['name', 'phone', 'note'].forEach(function (kind, part) {
                    document.getElementById(kind + '-' + step + '-' + index).value = row[part];
                  });
                });""", step, values)
        driver.find_element(By.XPATH, "//form[@id='plan-form']/button[normalize-space()='Save my plan']").click()
        wait(driver, 20).until(lambda d: d.current_url.startswith(url("/safety-plan?done=saved")))
        if placed_all:
            return
        first = False


def page_heading(driver):
    """The page's h1 as text, read in one go by the page itself (never a stale element)."""
    return driver.execute_script("var h = document.querySelector('h1'); return h ? h.textContent.trim() : null;")


def wait_for_heading(driver, text, seconds=20):
    """Waits until the page that has loaded is the one whose h1 is `text`."""
    wait(driver, seconds).until(lambda d: page_heading(d) == text and
                                d.execute_script("return document.readyState") == "complete")


# --- Where things are --------------------------------------------------------------------------

def comes_before(driver, first, second):
    """Whether `first` is earlier than `second` in the document (what a screen reader or the Tab
    key reaches first)."""
    return driver.execute_script(
        "return !!(arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING);",
        first, second)


def top(driver, element):
    """How far down the page an element starts, in CSS pixels."""
    return driver.execute_script("return arguments[0].getBoundingClientRect().top + window.scrollY;", element)


def first_control_in_main(driver):
    """The first link, button or field in <main>: where Tab lands first after the skip link."""
    return driver.execute_script(
        "return document.querySelector('main').querySelector("
        "'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex=\"-1\"])');")


# --- Screenshots -------------------------------------------------------------------------------

def full_page_screenshot(driver, name):
    """A PNG of the whole page, top to bottom, at the window's width (e2e/artifacts/NAME.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    width = driver.execute_script("return document.documentElement.clientWidth;")
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight);")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    path = ARTIFACTS / f"{slug(name)}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def element_screenshot(driver, element, name, margin=8):
    """A PNG of one part of the page at the window's full width, however tall it is."""
    ARTIFACTS.mkdir(exist_ok=True)
    width = driver.execute_script("return document.documentElement.clientWidth;")
    y, height = driver.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return [r.top + window.scrollY, r.height];", element)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": max(0, y - margin), "width": width, "height": height + 2 * margin, "scale": 1}})
    path = ARTIFACTS / f"{slug(name)}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path
