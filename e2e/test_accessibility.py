"""axe-core on the main pages, at desktop and phone width, signed out and signed in.

To cover a new page, add a line to PAGES: its path and the role that signs in first (None for
a visitor who is not signed in)."""

import pytest

from helpers import axe_check, horizontal_overflow, login_as, open_page, url

PAGES = [
    ("/", None),
    ("/login", None),
    ("/library", None),
    ("/", "client"),
    ("/", "therapist"),
    ("/clients", "therapist"),
    ("/account", "therapist"),
    ("/account", "client"),
    ("/", "admin"),
    ("/admin/users", "admin"),
]


def page_id(page):
    path, role = page
    return f"{role or 'visitor'}:{path}"


def visit(driver, accounts, path, role):
    if role:
        if role not in accounts:
            pytest.skip(f"no {role} account given")
        login_as(driver, accounts[role])
    open_page(driver, path)
    if role:
        assert not driver.current_url.startswith(url("/login")), f"{path} sent a signed-in {role} to sign in"


@pytest.mark.parametrize("path,role", PAGES, ids=[page_id(p) for p in PAGES])
def test_no_serious_accessibility_violations(browser, accounts, path, role):
    visit(browser, accounts, path, role)
    axe_check(browser, name=f"axe-{browser.size_name}-{page_id((path, role))}")


@pytest.mark.parametrize("path,role", PAGES, ids=[page_id(p) for p in PAGES])
def test_fits_a_phone_screen_without_sideways_scrolling(phone, accounts, path, role):
    visit(phone, accounts, path, role)
    assert horizontal_overflow(phone) == 0, f"{path} is {horizontal_overflow(phone)}px wider than a 360px screen"
