"""The JSON API answers as docs/openapi.yaml says: status codes and body shapes, checked against the
document's own schemas on the running app (no browser needed)."""

import json
import os
import uuid
from pathlib import Path

import jsonschema
import pytest
import requests
import yaml

from helpers import BASE_URL, Account

SPEC = yaml.safe_load((Path(__file__).parent.parent / "docs" / "openapi.yaml").read_text())


def schema_for(path, method, status):
    """The JSON schema the document gives for one response, with its references resolvable."""
    response = SPEC["paths"][path][method]["responses"][str(status)]
    if "$ref" in response:
        response = SPEC["components"]["responses"][response["$ref"].split("/")[-1]]
    schema = response["content"]["application/json"]["schema"]
    definitions = json.loads(json.dumps(SPEC["components"]["schemas"]).replace("#/components/schemas/", "#/$defs/"))
    return dict(json.loads(json.dumps(schema).replace("#/components/schemas/", "#/$defs/")), **{"$defs": definitions})


def conforms(response, path, method="get", status=None):
    """Asserts the status is the expected one and documented, and the body matches its schema."""
    status = status or response.status_code
    assert response.status_code == status, f"{method.upper()} {path}: {response.status_code} {response.text[:300]}"
    documented = SPEC["paths"][path][method]["responses"]
    assert str(status) in documented, f"{method.upper()} {path} answered {status}, which the document doesn't list"
    if response.content and "json" in response.headers.get("Content-Type", ""):
        jsonschema.Draft202012Validator(schema_for(path, method, status)).validate(response.json())
    return response.json() if response.content else None


def token_for(account):
    response = requests.post(BASE_URL + "/api/v1/auth/token", json={"email": account.email, "password": account.password})
    return conforms(response, "/api/v1/auth/token", "post", 201)["token"]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def client_token(accounts):
    if "client" not in accounts:
        pytest.skip("no client account given")
    return token_for(accounts["client"])


def test_health_and_the_description_itself():
    conforms(requests.get(BASE_URL + "/healthz"), "/healthz", status=200)
    served = requests.get(BASE_URL + "/api/v1/openapi.yaml")
    assert served.status_code == 200 and yaml.safe_load(served.text) == SPEC, "the app serves a different document"


def test_token_errors():
    path = "/api/v1/auth/token"
    conforms(requests.post(BASE_URL + path, data="not json"), path, "post", 400)
    conforms(requests.post(BASE_URL + path, json={"email": "nobody@example.org", "password": "wrong again"}), path, "post", 401)


def test_token_me_and_revoke(accounts):
    for account in accounts.values():
        token = token_for(account)
        me = conforms(requests.get(BASE_URL + "/api/v1/me", headers=bearer(token)), "/api/v1/me", status=200)
        assert (me["email"], me["role"], me["name"]) == (account.email, account.role, account.name)
        conforms(requests.post(BASE_URL + "/api/v1/auth/revoke", headers=bearer(token)), "/api/v1/auth/revoke", "post", 204)
        conforms(requests.get(BASE_URL + "/api/v1/me", headers=bearer(token)), "/api/v1/me", status=401)
    conforms(requests.get(BASE_URL + "/api/v1/me"), "/api/v1/me", status=401)


def test_every_library_item_matches_the_schema(accounts):
    listing = conforms(requests.get(BASE_URL + "/api/v1/library"), "/api/v1/library", status=200)
    assert listing["items"], "the library is empty"
    for item in listing["items"]:
        detail = conforms(requests.get(BASE_URL + f"/api/v1/library/{item['id']}"), "/api/v1/library/{id}", status=200)
        assert detail["id"] == item["id"]
    conforms(requests.get(BASE_URL + "/api/v1/library/no-such-item"), "/api/v1/library/{id}", status=404)
    filtered = conforms(requests.get(BASE_URL + "/api/v1/library", params={"kind": "worksheet", "limit": 3}),
                        "/api/v1/library", status=200)
    assert 0 < len(filtered["items"]) <= 3 and all(i["kind"] == "worksheet" for i in filtered["items"])


def test_safety_plan_round_trip_and_sharing(accounts, client_token):
    path = "/api/v1/me/safety-plan"
    conforms(requests.put(BASE_URL + path, headers=bearer(client_token), data="[1]"), path, "put", 400)
    conforms(requests.put(BASE_URL + path, headers=bearer(client_token), json={"reflection": {"likelihood": 11}}),
             path, "put", 422)
    saved = conforms(requests.put(BASE_URL + path, headers=bearer(client_token),
                                  json={"warningSigns": ["I stop replying"], "reflection": {"likelihood": 7}}),
                     path, "put", 200)
    read = conforms(requests.get(BASE_URL + path, headers=bearer(client_token)), path, status=200)
    assert read == saved and read["plan"]["warningSigns"] == ["I stop replying"]
    versions = conforms(requests.get(BASE_URL + path + "/versions", headers=bearer(client_token)), path + "/versions",
                        status=200)
    assert read["version"] in [v["version"] for v in versions["versions"]]
    conforms(requests.put(BASE_URL + path, json={}), path, "put", 401)  # no token: the API reads no cookies

    sharing = path + "/sharing"
    conforms(requests.put(BASE_URL + sharing, headers=bearer(client_token), json={}), sharing, "put", 400)
    conforms(requests.put(BASE_URL + sharing, headers=bearer(client_token), json={"shared": True}), sharing, "put", 200)
    if "therapist" in accounts:
        client_id = requests.get(BASE_URL + "/api/v1/me", headers=bearer(client_token)).json()["id"]
        therapist_token = token_for(accounts["therapist"])
        shared_path = "/api/v1/clients/{id}/safety-plan"
        shared = conforms(requests.get(BASE_URL + f"/api/v1/clients/{client_id}/safety-plan",
                                       headers=bearer(therapist_token)), shared_path, status=200)
        assert shared["plan"] == read["plan"]
        conforms(requests.put(BASE_URL + sharing, headers=bearer(client_token), json={"shared": False}), sharing, "put", 200)
        conforms(requests.get(BASE_URL + f"/api/v1/clients/{client_id}/safety-plan", headers=bearer(therapist_token)),
                 shared_path, status=404)
        conforms(requests.get(BASE_URL + path, headers=bearer(therapist_token)), path, status=403)


# Each kind of the client's own entries: a body for creating one, a changed body, and one the
# rules refuse. The same round trip holds for every kind, checked against the document.
ENTRY_KINDS = {
    "journal": ({"body": "From the contract test", "feeling": "calm"}, {"body": "Changed"}, {"body": "   "}),
    "thought-records": ({"thought": "I always fail", "beliefBefore": 80, "feelingBefore": 7},
                        {"thought": "I always fail", "friend": "You tried, and you're learning."},
                        {"thought": "x", "feelingBefore": 11}),
    "critic-lines": ({"critic": "You're useless"}, {"critic": "You're useless", "answer": "I'm having a hard day."},
                     {"critic": ""}),
    "goals": ({"title": "Sleep a little earlier", "value": "Rest", "steps": [{"text": "Phone out of the bedroom"}]},
              {"title": "Sleep a little earlier", "value": "Rest", "goodEnough": "Three nights a week.",
               "steps": [{"text": "Phone out of the bedroom", "progress": "partly"}]},
              {"title": "Sleep", "value": "Rest", "steps": []}),
    "practice-log": ({"itemID": "affectionate-breathing", "minutes": 10, "distressBefore": 6, "distressAfter": 4},
                     {"itemID": "affectionate-breathing", "minutes": 12, "note": "Calmer after."},
                     {"itemID": "affectionate-breathing", "minutes": 0}),
    "self-care-check-ins": ({"answers": {"values": {"rest": "6", "what-helped": "A bath"}}},
                            {"answers": {"values": {"rest": "7"}}},
                            {"answers": {"values": {"rest": "11"}}}),
}


@pytest.mark.parametrize("segment", sorted(ENTRY_KINDS))
def test_each_kind_of_entry_round_trips_as_documented(accounts, client_token, segment):
    create, change, refused = ENTRY_KINDS[segment]
    base = f"/api/v1/me/{segment}"
    one, sharing = base + "/{id}", base + "/{id}/sharing"
    created = conforms(requests.post(BASE_URL + base, headers=bearer(client_token), json=create), base, "post", 201)
    entry_id = created["id"]
    conforms(requests.get(BASE_URL + f"{base}/{entry_id}", headers=bearer(client_token)), one, status=200)
    conforms(requests.put(BASE_URL + f"{base}/{entry_id}", headers=bearer(client_token), json=change), one, "put", 200)
    conforms(requests.put(BASE_URL + f"{base}/{entry_id}/sharing", headers=bearer(client_token), json={"shared": True}),
             sharing, "put", 200)
    page = conforms(requests.get(BASE_URL + base, headers=bearer(client_token)), base, status=200)
    assert entry_id in [entry["id"] for entry in page["entries"]]
    conforms(requests.post(BASE_URL + base, headers=bearer(client_token), json=dict(create, unknown="x")), base, "post", 400)
    conforms(requests.post(BASE_URL + base, headers=bearer(client_token), json=refused), base, "post", 422)
    conforms(requests.get(BASE_URL + base), base, status=401)
    if "therapist" in accounts:
        conforms(requests.get(BASE_URL + base, headers=bearer(token_for(accounts["therapist"]))), base, status=403)
    conforms(requests.delete(BASE_URL + f"{base}/{entry_id}", headers=bearer(client_token)), one, "delete", 204)
    conforms(requests.get(BASE_URL + f"{base}/{entry_id}", headers=bearer(client_token)), one, status=404)


def test_saved_worksheets_round_trip_as_documented(accounts, client_token):
    base, one = "/api/v1/me/worksheets", "/api/v1/me/worksheets/{id}"
    body = {"itemID": "finding-your-own-phrases", "status": "draft",
            "answers": {"need-to-hear": "From the contract test", "my-phrases": ["May I be kind"], "how-they-feel": 7}}
    created = conforms(requests.post(BASE_URL + base, headers=bearer(client_token), json=body), base, "post", 201)
    sheet = f"{base}/{created['id']}"
    conforms(requests.put(BASE_URL + sheet, headers=bearer(client_token), json=dict(body, status="completed")), one, "put", 200)
    conforms(requests.get(BASE_URL + sheet + "?version=1", headers=bearer(client_token)), one, status=200)
    versions = conforms(requests.get(BASE_URL + sheet + "/versions", headers=bearer(client_token)), one + "/versions", status=200)
    assert sorted(v["version"] for v in versions["worksheets"]) == [1, 2]
    conforms(requests.put(BASE_URL + sheet + "/sharing", headers=bearer(client_token), json={"shared": True}),
             one + "/sharing", "put", 200)
    conforms(requests.get(BASE_URL + base, headers=bearer(client_token)), base, status=200)
    conforms(requests.post(BASE_URL + base, headers=bearer(client_token), json=dict(body, answers={"how-they-feel": 12})),
             base, "post", 422)
    conforms(requests.post(BASE_URL + base, headers=bearer(client_token), json=dict(body, extra=1)), base, "post", 400)
    conforms(requests.delete(BASE_URL + sheet, headers=bearer(client_token)), one, "delete", 204)
    conforms(requests.get(BASE_URL + sheet, headers=bearer(client_token)), one, status=404)


def test_self_care_plan_and_rituals_round_trip_as_documented(accounts, client_token):
    plan = "/api/v1/me/self-care-plan"
    conforms(requests.put(BASE_URL + plan, headers=bearer(client_token),
                          json={"answers": {"values": {"body": "A walk", "in-the-way": "Late shifts"}}}), plan, "put", 200)
    conforms(requests.get(BASE_URL + plan, headers=bearer(client_token)), plan, status=200)
    conforms(requests.put(BASE_URL + plan + "/sharing", headers=bearer(client_token), json={"shared": False}),
             plan + "/sharing", "put", 200)
    conforms(requests.put(BASE_URL + plan, headers=bearer(client_token), json={"answers": {"values": {"nope": "x"}}}),
             plan, "put", 422)
    rituals = "/api/v1/me/rituals"
    added = conforms(requests.post(BASE_URL + rituals, headers=bearer(client_token),
                                   json={"text": f"Contract ritual {uuid.uuid4().hex[:6]}"}), rituals, "post", 201)
    ritual = [r for r in added["rituals"] if r["text"].startswith("Contract ritual")][-1]
    marked = conforms(requests.put(BASE_URL + f"{rituals}/{ritual['id']}/days/{added['today']}", headers=bearer(client_token),
                                   json={"done": True}), rituals + "/{id}/days/{day}", "put", 200)
    assert added["today"] in [r for r in marked["rituals"] if r["id"] == ritual["id"]][0]["days"]
    conforms(requests.put(BASE_URL + f"{rituals}/{ritual['id']}/days/2000-01-01", headers=bearer(client_token),
                          json={"done": True}), rituals + "/{id}/days/{day}", "put", 422)
    # untick, so the shared client's week looks as it did to the other tests
    conforms(requests.put(BASE_URL + f"{rituals}/{ritual['id']}/days/{added['today']}", headers=bearer(client_token),
                          json={"done": False}), rituals + "/{id}/days/{day}", "put", 200)
    conforms(requests.put(BASE_URL + f"{rituals}/{ritual['id']}", headers=bearer(client_token), json={"retired": True}),
             rituals + "/{id}", "put", 200)
    conforms(requests.get(BASE_URL + rituals, headers=bearer(client_token)), rituals, status=200)


# A handout as a library file (shared with scripts/multiprocess-check.py).
OWN_HANDOUT = (Path(__file__).parent / "own-handout.md").read_text()


def test_own_items_round_trip_as_documented(accounts, client_token):
    if "therapist" not in accounts:
        pytest.skip("no therapist account given")
    token = token_for(accounts["therapist"])
    base, one = "/api/v1/library/mine", "/api/v1/library/mine/{id}"
    markdown = dict(bearer(token), **{"Content-Type": "text/markdown"})
    created = conforms(requests.post(BASE_URL + base, headers=markdown, data=OWN_HANDOUT.encode()), base, "post", 201)
    assert created["status"] == "live", created
    item = f"{base}/{created['id']}"
    read = requests.get(BASE_URL + item, headers=bearer(token))
    assert read.status_code == 200 and read.headers["Content-Type"].startswith("text/markdown")
    assert "A pause between two clients" in read.text
    listed = conforms(requests.get(BASE_URL + base, headers=bearer(token)), base, status=200)
    assert created["id"] in [entry["id"] for entry in listed["items"]]
    conforms(requests.put(BASE_URL + item, headers=markdown, data=OWN_HANDOUT.replace("A pause", "One pause").encode()), one, "put", 200)
    conforms(requests.post(BASE_URL + item + "/publish", headers=bearer(token), json={"published": True}),
             one + "/publish", "post", 200)
    conforms(requests.post(BASE_URL + item + "/publish", headers=bearer(token), json={"published": True, "extra": 1}),
             one + "/publish", "post", 400)
    conforms(requests.post(BASE_URL + base, headers=markdown, data=b"not a library file"), base, "post", 422)
    conforms(requests.get(BASE_URL + base, headers=bearer(client_token)), base, status=403)
    conforms(requests.delete(BASE_URL + item, headers=bearer(token)), one, "delete", 204)
    conforms(requests.get(BASE_URL + item, headers=bearer(token)), one, status=404)


def test_reminders_round_trip_as_documented(client_token):
    path = "/api/v1/me/reminders"
    conforms(requests.get(BASE_URL + path, headers=bearer(client_token)), path, status=200)
    made = conforms(requests.put(BASE_URL + path, headers=bearer(client_token), json={"time": "07:30", "weekdays": [1, 3], "newAddress": True}),
                    path, "put", 200)
    assert made["enabled"] and made["address"].startswith(BASE_URL + "/calendar/")
    conforms(requests.put(BASE_URL + path, headers=bearer(client_token), json={"time": "7 pm", "weekdays": [1]}), path, "put", 422)
    conforms(requests.put(BASE_URL + path, headers=bearer(client_token), json={"time": "07:30", "weekdays": [1], "x": 1}), path, "put", 400)
    conforms(requests.delete(BASE_URL + path, headers=bearer(client_token)), path, "delete", 204)
    assert requests.get(made["address"]).status_code == 404


def test_emergency_access_as_documented(accounts):
    # On the other therapist's client, so the notice it leaves doesn't change the main client's pages.
    other = os.environ.get("E2E_OTHER_CLIENT_EMAIL"), os.environ.get("E2E_OTHER_CLIENT_PASSWORD")
    if "admin" not in accounts or not all(other):
        pytest.skip("no administrator account, or no client of another therapist, given")
    admin = token_for(accounts["admin"])
    client_token = token_for(Account("client", other[0], other[1], "Otto Other"))
    me = requests.get(BASE_URL + "/api/v1/me", headers=bearer(client_token)).json()
    base = f"/api/v1/admin/clients/{me['id']}/emergency-access"
    documented, plan = "/api/v1/admin/clients/{id}/emergency-access", "/api/v1/admin/clients/{id}/emergency-access/safety-plan"
    conforms(requests.get(BASE_URL + base + "/safety-plan", headers=bearer(admin)), plan, status=403)
    conforms(requests.post(BASE_URL + base, headers=bearer(admin), json={"reason": "short", "minutes": 15}), documented, "post", 422)
    opened = conforms(requests.post(BASE_URL + base, headers=bearer(admin),
                                    json={"reason": "Checking on the contract test's client.", "minutes": 15}), documented, "post", 201)
    assert opened["reason"] == "Checking on the contract test's client."
    conforms(requests.get(BASE_URL + base, headers=bearer(admin)), documented, status=200)
    conforms(requests.get(BASE_URL + base, headers=bearer(client_token)), documented, status=403)
    conforms(requests.delete(BASE_URL + base, headers=bearer(admin)), documented, "delete", 204)
    conforms(requests.get(BASE_URL + base, headers=bearer(admin)), documented, status=404)
