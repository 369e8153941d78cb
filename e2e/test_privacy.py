"""Nothing a page does reaches beyond the app: no fonts, scripts, images or beacons from elsewhere."""


from helpers import BASE_URL, console_messages, login_as, network_requests, open_page, resource_urls

VISITOR_PAGES = ["/", "/login", "/library"]
SIGNED_IN_PAGES = {"client": ["/", "/account"], "therapist": ["/", "/clients", "/account"],
                   "admin": ["/", "/admin/users"]}
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def tour(driver, accounts):
    """Visits every page above, signing in as each role in turn; yields each address visited."""
    for path in VISITOR_PAGES:
        open_page(driver, path)
        yield path
    for role, paths in SIGNED_IN_PAGES.items():
        if role not in accounts:
            continue
        driver.delete_all_cookies()
        login_as(driver, accounts[role])
        for path in paths:
            open_page(driver, path)
            yield f"{role}:{path}"


def is_ours(address):
    return address.startswith(BASE_URL + "/") or address == BASE_URL or address.startswith(LOCAL_SCHEMES)


def test_no_request_leaves_the_app(driver, accounts):
    elsewhere = []
    for page in tour(driver, accounts):
        elsewhere += [f"{page} loaded {u}" for u in resource_urls(driver) if not is_ours(u)]
        elsewhere += [f"{page} requested {u}" for u in network_requests(driver) if not is_ours(u)]
    assert not elsewhere, "requests outside the app:\n" + "\n".join(elsewhere)


def test_no_content_security_policy_violations(driver, accounts):
    refused = []
    for page in tour(driver, accounts):
        refused += [f"{page}: {text}" for level, text in console_messages(driver) if "Content Security Policy" in text]
    assert not refused, "the browser refused something the page asked for:\n" + "\n".join(refused)
