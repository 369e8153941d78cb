#!/usr/bin/env python3
"""Two app processes against one PostgreSQL database must behave as one app.

Starts `toolkit serve` twice (ports A and B, separate data folders, the same deployment key),
then checks that:
  - a session started on A is accepted on B, and signing out on B ends it on A;
  - the login throttle counts failures from both processes: 3 wrong passwords on A and 2 on B
    for one account, then the right password answers 429 on either;
  - concurrent sign-ins on both processes keep the audit trail's hash chain intact
    (`toolkit audit verify`).
  - a therapist's own library item saved through A is served by B at once, and no longer once
    it has been deleted through A;
  - a client's Today, kept in memory by B, shows a journal entry the moment A has saved it.

With --start-first, both processes start at the same moment on an empty database, before
anything has migrated it (the accounts are created afterwards): the first start of a
several-process deployment. Without it, the CLI creates the accounts (and so migrates) first.

Builds nothing: it runs the binary at TOOLKIT_BIN (default .build/debug/toolkit).
Needs DATABASE_URL (a PostgreSQL URL; an empty database is best). Prints PASS/FAIL lines and
exits non-zero when any check fails. Both processes are stopped on exit.
"""

import base64
import concurrent.futures
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import requests

TOOLKIT = os.path.abspath(os.environ.get("TOOLKIT_BIN", ".build/debug/toolkit"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
PASSWORD = "two processes, one practice"
WRONG_PASSWORD = "not the right password at all"

# A handout as a library file, the format the bundled items and the editor's download use.
OWN_ITEM = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e", "own-handout.md"), encoding="utf-8").read()

failures = []
SCRATCH = tempfile.mkdtemp(prefix="toolkit-multiprocess-")


def scratch_folder(name):
    """A folder for one process's data, inside the run's scratch folder (removed at the end)."""
    return tempfile.mkdtemp(prefix=name + "-", dir=SCRATCH)


def check(ok, label, detail=""):
    print(("PASS " if ok else "FAIL ") + label + ("" if ok or not detail else f"  ({detail})"), flush=True)
    if not ok:
        failures.append(label)
    return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppProcess:
    """One `toolkit serve` with its own data folder and log file."""

    def __init__(self, name, env):
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data_dir = scratch_folder(f"process-{name}")
        self.log_path = os.path.join(self.data_dir, "server.log")
        self.env = dict(env, DATA_DIR=self.data_dir)
        self.process = None

    def start(self):
        log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [TOOLKIT, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_until_healthy(self, timeout=90):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                return None
            try:
                response = requests.get(self.base + "/healthz", timeout=2)
                if response.status_code == 200:
                    return response.json()
            except requests.RequestException:
                pass
            time.sleep(0.3)
        return None

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def log_tail(self, lines=30):
        try:
            with open(self.log_path) as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""


def csrf_field(html):
    match = re.search(r'<input[^>]*name="_csrf"[^>]*value="([^"]+)"', html)
    return match.group(1) if match else None


def login_form(app, email, password):
    """Loads /login (for the form token and its cookie) and posts it as a browser would."""
    session = requests.Session()
    page = session.get(app.base + "/login", timeout=10)
    token = csrf_field(page.text)
    response = session.post(
        app.base + "/login",
        data={"_csrf": token or "", "email": email, "password": password},
        headers={"Origin": app.base},
        allow_redirects=False, timeout=30)
    return session, response


def session_cookie(response):
    return response.cookies.get("toolkit_session")


def cli(env, *args, stdin=None):
    return subprocess.run([TOOLKIT, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120)


def start_both(apps):
    """Starts both processes at the same moment against the one database."""
    for app in apps:
        app.start()
    all_up = True
    for app in apps:
        health = app.wait_until_healthy()
        all_up &= check(health is not None and health.get("database") == "postgresql",
                        f"process {app.name.upper()} is up on port {app.port} using PostgreSQL",
                        str(health) if health else "no healthy answer; its log follows at the end")
    return all_up


def run_checks(apps, env, start_first):
    a, b = apps
    run_id = uuid.uuid4().hex[:8]
    email = f"mp-therapist-{run_id}@example.org"
    second_email = f"mp-second-{run_id}@example.org"
    client_email = f"mp-client-{run_id}@example.org"

    if start_first and not start_both(apps):
        return
    # Two accounts, created through the CLI (which also migrates the database).
    cli_env = dict(env, DATA_DIR=scratch_folder("cli"))
    for address, name in ((email, "Mira Process"), (second_email, "Sam Second")):
        created = cli(cli_env, "users", "create", "--role", "therapist", "--email", address,
                      "--name", name, "--password-stdin", stdin=PASSWORD + "\n")
        if not check(created.returncode == 0, f"CLI creates therapist {address}",
                     (created.stdout + created.stderr).strip()[-2000:]):
            return
    if not start_first and not start_both(apps):
        return

    # A session started on A works on B.
    _, response = login_form(a, email, PASSWORD)
    cookie = session_cookie(response)
    check(response.status_code == 303 and response.headers.get("Location") == "/" and cookie,
          "sign-in on A answers 303 to / with a session cookie",
          f"status {response.status_code}, location {response.headers.get('Location')}")
    browser_b = requests.Session()
    browser_b.cookies.set("toolkit_session", cookie or "", domain="127.0.0.1", path="/")
    account_b = browser_b.get(b.base + "/account", allow_redirects=False, timeout=10)
    check(account_b.status_code == 200 and email in account_b.text,
          "the session from A opens /account on B and shows the email", f"status {account_b.status_code}")

    # Signing out on B ends the session on A too.
    out = browser_b.post(b.base + "/logout", data={"_csrf": csrf_field(account_b.text) or ""},
                         headers={"Origin": b.base}, allow_redirects=False, timeout=10)
    check(out.status_code == 303, "sign-out on B answers 303", f"status {out.status_code}")
    after = requests.get(a.base + "/account", cookies={"toolkit_session": cookie or ""},
                         allow_redirects=False, timeout=10)
    check(after.status_code == 401, "after sign-out on B, the same session gets 401 on A", f"status {after.status_code}")

    # A page B keeps in memory (Today) shows at once what the client has just written through A.
    created = cli(cli_env, "users", "create", "--role", "client", "--email", client_email, "--name", "Cleo Process",
                  "--therapist", email, "--password-stdin", stdin=PASSWORD + "\n")
    check(created.returncode == 0, f"CLI creates client {client_email}", (created.stdout + created.stderr).strip()[-2000:])
    _, signed_in = login_form(b, client_email, PASSWORD)
    client_b = requests.Session()
    client_b.cookies.set("toolkit_session", session_cookie(signed_in) or "", domain="127.0.0.1", path="/")
    before = [client_b.get(b.base + "/today", allow_redirects=False, timeout=10) for _ in range(2)]
    client_token = requests.post(a.base + "/api/v1/auth/token", json={"email": client_email, "password": PASSWORD}, timeout=60)
    written = requests.post(a.base + "/api/v1/me/journal", json={"body": "Written through process A"},
                            headers={"Authorization": "Bearer " + (client_token.json().get("token", "") if client_token.status_code == 201 else "")},
                            timeout=30)
    today_b = client_b.get(b.base + "/today", allow_redirects=False, timeout=10)
    check(all(page.status_code == 200 and "Nothing written yet" in page.text for page in before) and written.status_code == 201
          and today_b.status_code == 200 and "1 this week" in today_b.text,
          "B's Today, kept in memory, shows a journal entry the moment A has saved it",
          f"before {[page.status_code for page in before]}, write {written.status_code}, after {today_b.status_code}")

    # The throttle spans both processes: 3 failures on A + 2 on B, then 429 on both.
    statuses = [login_form(a, email, WRONG_PASSWORD)[1].status_code for _ in range(3)]
    statuses += [login_form(b, email, WRONG_PASSWORD)[1].status_code for _ in range(2)]
    check(statuses == [401] * 5, "5 wrong passwords (3 on A, 2 on B) each answer 401", str(statuses))
    on_a = login_form(a, email, PASSWORD)[1]
    on_b = login_form(b, email, PASSWORD)[1]
    check(on_a.status_code == 429, "the right password on A now answers 429", f"status {on_a.status_code}")
    check(on_b.status_code == 429, "the right password on B now answers 429", f"status {on_b.status_code}")
    check(session_cookie(on_a) is None and session_cookie(on_b) is None, "no session cookie is issued while throttled")

    # Concurrent sign-ins on both processes write audit records; the chain must stay intact.
    # Each attempt counts against the limit while it is being checked (so parallel guesses can't
    # slip past it), so one account from one address gets at most 4 at a time here, under its
    # limit of 5. A process checks one password per core at a time and asks the rest to come
    # back in a moment (429 with a short Retry-After), which a client does, as here.
    def token_request(app):
        for _ in range(10):
            response = requests.post(app.base + "/api/v1/auth/token",
                                     json={"email": second_email, "password": PASSWORD}, timeout=60)
            wait = response.headers.get("Retry-After", "")
            if response.status_code != 429 or not wait.isdigit() or int(wait) > 5:
                return response.status_code
            time.sleep(int(wait))
        return response.status_code

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        codes = list(pool.map(token_request, [a, b] * 5))
    check(codes == [201] * 10, "10 API sign-ins across A and B, 4 at a time, all answer 201", str(codes))
    verified = cli(dict(env, DATA_DIR=scratch_folder("verify")), "audit", "verify")
    check(verified.returncode == 0 and "intact" in verified.stdout,
          "toolkit audit verify: the chain written by both processes is intact",
          (verified.stdout + verified.stderr).strip()[-2000:])

    # A therapist's own item saved through A is in B's library at once, and gone from it soon after
    # it is deleted through A (each process reloads written items every two seconds).
    token = requests.post(a.base + "/api/v1/auth/token", json={"email": second_email, "password": PASSWORD}, timeout=60)
    bearer = {"Authorization": "Bearer " + (token.json().get("token", "") if token.status_code == 201 else "")}
    created = requests.post(a.base + "/api/v1/library/mine", data=OWN_ITEM.encode(),
                            headers=dict(bearer, **{"Content-Type": "text/markdown"}), timeout=30)
    item = created.json() if created.status_code == 201 else {}
    check(created.status_code == 201 and item.get("status") == "live", "a therapist's own item saved on A passes the library's checks",
          f"status {created.status_code}: {created.text[:300]}")
    on_b = requests.get(f"{b.base}/api/v1/library/{item.get('id', 'none')}", headers=bearer, timeout=30)
    check(on_b.status_code == 200 and "A pause between two clients" in on_b.text, "B serves the item the moment A has saved it",
          f"status {on_b.status_code}")
    deleted = requests.delete(f"{a.base}/api/v1/library/mine/{item.get('id', 'none')}", headers=bearer, timeout=30)
    time.sleep(2.5)
    gone = requests.get(f"{b.base}/api/v1/library/{item.get('id', 'none')}", headers=bearer, timeout=30)
    check(deleted.status_code == 204 and gone.status_code == 404, "after deleting it on A, B no longer serves it",
          f"delete {deleted.status_code}, then B answered {gone.status_code}")

    for app in apps:
        check(app.process.poll() is None, f"process {app.name.upper()} is still running at the end")


def main():
    if not DATABASE_URL.startswith("postgres"):
        print("FAIL DATABASE_URL must name a PostgreSQL database (postgres://...)")
        return 2
    if not os.access(TOOLKIT, os.X_OK):
        print(f"FAIL {TOOLKIT} is missing; run `swift build` first")
        return 2

    key = base64.b64encode(os.urandom(32)).decode()
    env = dict(os.environ, DATABASE_URL=DATABASE_URL, TOOLKIT_MASTER_KEY=key, LOG_REQUESTS="true")
    apps = [AppProcess("a", env), AppProcess("b", env)]
    try:
        run_checks(apps, env, start_first="--start-first" in sys.argv[1:])
    except Exception as error:  # a crash of the check itself is a failure too, with its reason
        check(False, "the check ran to the end", repr(error))
    finally:
        for app in apps:
            app.stop()
        if failures:
            for app in apps:
                print(f"--- last lines of process {app.name.upper()}'s log ---")
                print(app.log_tail())
        shutil.rmtree(SCRATCH, ignore_errors=True)

    print()
    if failures:
        print(f"multi-process check: FAIL ({len(failures)} failed: {'; '.join(failures)})")
        return 1
    print("multi-process check: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
