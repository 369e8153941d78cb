"""What people type stays text in a real browser (checklist 13). The case here: a client whose
name is a meta refresh to another site. Their therapist sees the name in the title and heading of
the shared-plan page; the page must show it as text and stay where it is."""

import time
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from helpers import BASE_URL, Account, heading, login_as, logout, open_page, url, wait

ELSEWHERE = "https://evil.example/"


@pytest.fixture
def admin_and_therapist(accounts):
    if "admin" not in accounts or "therapist" not in accounts:
        pytest.skip("needs the admin and therapist accounts (E2E_ADMIN_* and E2E_THERAPIST_*)")
    return accounts["admin"], accounts["therapist"]


def type_into(driver, field_id, text):
    field = driver.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)
    assert field.get_attribute("value") == text
    return field


def create_client(driver, admin, therapist, client):
    """The admin makes the client's account on the Accounts page."""
    login_as(driver, admin)
    open_page(driver, "/admin/users")
    Select(driver.find_element(By.ID, "field-role")).select_by_value("client")
    type_into(driver, "field-name", client.name)
    type_into(driver, "field-email", client.email)
    type_into(driver, "field-password", client.password)
    type_into(driver, "field-therapistEmail", therapist.email)
    driver.find_element(By.XPATH, "//form//button[normalize-space()='Create account']").send_keys(Keys.ENTER)
    wait(driver).until(lambda d: "created=1" in d.current_url)
    logout(driver)


def share_a_plan(driver, client, marker):
    login_as(driver, client)
    open_page(driver, "/safety-plan/edit")
    type_into(driver, "step-warningSigns", marker)
    driver.find_element(By.XPATH, "//form//button[normalize-space()='Save my plan']").send_keys(Keys.ENTER)
    wait(driver).until(lambda d: d.current_url.startswith(url("/safety-plan?done=saved")))
    driver.find_element(By.XPATH, "//button[normalize-space()='Share with my therapist']").send_keys(Keys.ENTER)
    wait(driver).until(lambda d: "done=shared" in d.current_url)
    logout(driver)


def test_a_name_made_of_markup_stays_text_on_the_shared_plan_page(driver, admin_and_therapist):
    # setup: a client named with a meta refresh, who shares a plan with the therapist
    admin, therapist = admin_and_therapist
    tag = uuid.uuid4().hex[:8]
    name = f'Eve {tag}"><meta http-equiv="refresh" content="0;url={ELSEWHERE}">'
    client = Account("client", f"eve-{tag}@e2e.example.org", f"eve's passphrase {tag}", name)
    marker = f"marker-{tag}"
    create_client(driver, admin, therapist, client)
    share_a_plan(driver, client, marker)
    # act: the therapist opens the plan from the client list
    login_as(driver, therapist)
    open_page(driver, "/clients")
    card = driver.find_element(By.XPATH, f"//li[contains(@class,'card')][.//*[contains(normalize-space(), '{tag}')]]")
    card.find_element(By.LINK_TEXT, "Safety plan (shared with you)").send_keys(Keys.ENTER)
    wait(driver).until(lambda d: d.current_url.endswith("/safety-plan") and marker in d.page_source)
    shared_address = driver.current_url
    time.sleep(2)  # a refresh after 0 seconds would have left by now
    # check: still here, no meta element beyond the page's own, the name shown as typed
    assert driver.current_url == shared_address and shared_address.startswith(BASE_URL)
    assert not driver.find_elements(By.CSS_SELECTOR, "meta[http-equiv]")
    assert not driver.find_elements(By.CSS_SELECTOR, "meta[property='og:title'], meta[name='twitter:title']")
    assert driver.title == f"{name}'s safety plan · Self-Compassion Toolkit"
    assert heading(driver) == f"{name}'s safety plan"
    assert marker in driver.find_element(By.TAG_NAME, "main").text
