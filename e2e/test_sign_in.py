"""Signing in and out, as a person does it in the browser."""

import pytest
from selenium.webdriver.common.by import By

from helpers import error_summary, heading, login, login_as, logout, open_page, screenshot, url

ROLES = ["client", "therapist", "admin"]


@pytest.mark.parametrize("account", ROLES, indirect=True)
def test_keyboard_sign_in_lands_on_the_home_page(browser, account):
    # act
    login_as(browser, account)
    # check
    assert browser.current_url == url("/")
    if account.role == "client":
        # A client's home is Today: the day as heading, the greeting just below it.
        assert heading(browser).startswith("Today, ")
        assert f"Hello, {account.name}." in browser.find_element(By.TAG_NAME, "main").text
    else:
        assert heading(browser) == f"Hello, {account.name}"
    screenshot(browser, f"home-{account.role}-{browser.size_name}")


@pytest.mark.parametrize("account", ["client"], indirect=True)
def test_sign_out_ends_the_session(driver, account):
    # setup
    login_as(driver, account)
    # act
    logout(driver)
    # check
    assert driver.current_url == url("/login?signed-out=1")
    assert "You have signed out" in driver.find_element(By.TAG_NAME, "main").text
    open_page(driver, "/account")
    assert heading(driver) == "Please sign in"
    assert account.email not in driver.page_source


def test_wrong_password_explains_and_keeps_the_email(driver):
    # act
    login(driver, "nobody-here@example.org", "not the password")
    # check
    assert driver.current_url.startswith(url("/login"))
    assert "don't match an account" in error_summary(driver)
    assert driver.find_element(By.ID, "field-email").get_attribute("value") == "nobody-here@example.org"
    assert driver.find_element(By.ID, "field-password").get_attribute("value") == ""
    screenshot(driver, "login-wrong-password")
