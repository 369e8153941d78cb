#!/usr/bin/env python3
"""Latency of the pages that must stay fast while the app is under load, as a person sees it.

Used by bench/load-mix.sh while wrk runs its mix. One thread per target, each on its own
keep-alive connection, one request every --interval seconds:

  healthz          GET /healthz
  crisis           GET /crisis without a cookie (someone arriving from a search or a link)
  crisis-signed-in GET /crisis with a browser session cookie (a client who is signed in)
  crisis-me        GET /crisis/me with that cookie (what the page fetches for the client's own links)

The signed-in session comes from the sign-in form at /login, as a browser does it: the form
token from the `toolkit_csrf` cookie and the `_csrf` field, the app's own Origin. It signs in
before the measuring starts, and writes --ready-file once it is measuring.

Prints one line per target for the scripts:
  probe name=crisis requests=N errors=E non_2xx=M p50_ms=.. p99_ms=.. max_ms=..
A request that fails or takes longer than --timeout counts as an error, with its time.
"""
import argparse
import http.client
import re
import sys
import threading
import time
import urllib.parse


def percentile(sorted_values, p):
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def cookies_from(response):
    jar = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            jar[key.strip()] = val.strip()
    return jar


def sign_in(host, port, email, password, timeout):
    """Signs in through the form at /login; returns the Cookie header a browser would send."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn.request("GET", "/login")
    page = conn.getresponse()
    body = page.read().decode("utf-8", "replace")
    jar = cookies_from(page)
    if page.status != 200:
        raise SystemExit(f"probe: GET /login answered {page.status}")
    match = re.search(r'name="_csrf"\s+value="([^"]+)"', body) or re.search(r'value="([^"]+)"\s+name="_csrf"', body)
    if not match:
        raise SystemExit("probe: no _csrf field on /login")
    form = urllib.parse.urlencode({"email": email, "password": password, "_csrf": match.group(1)})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://{host}:{port}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
    }
    conn.request("POST", "/login", body=form, headers=headers)
    answer = conn.getresponse()
    answer.read()
    jar.update(cookies_from(answer))
    conn.close()
    if answer.status not in (302, 303) or not any("session" in k for k in jar):
        raise SystemExit(f"probe: signing in through /login answered {answer.status} without a session cookie")
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items() if v)
    # The crisis page is the same for everyone; its personal part comes from /crisis/me, which
    # must see the session (otherwise the cookie was ignored and the probe measures nothing).
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn.request("GET", "/crisis/me", headers={"Cookie": cookie, "Accept": "application/json"})
    page = conn.getresponse()
    text = page.read().decode("utf-8", "replace")
    conn.close()
    if page.status != 200 or '"signedIn":true' not in text.replace(" ", ""):
        raise SystemExit(f"probe: /crisis/me with the session cookie answered {page.status} without the signed-in person: {text[:200]}")
    return cookie


class Target(threading.Thread):
    def __init__(self, name, path, headers, args):
        super().__init__(daemon=True)
        self.name_, self.path, self.headers, self.args = name, path, headers, args
        self.latencies, self.errors, self.non_2xx = [], 0, 0
        self.first_problem = None

    def run(self):
        args = self.args
        conn = None
        next_at = time.monotonic()
        while time.monotonic() < args.stop_at:
            if conn is None:
                conn = http.client.HTTPConnection(args.host, args.port, timeout=args.timeout)
            started = time.monotonic()
            try:
                conn.request("GET", self.path, headers=self.headers)
                response = conn.getresponse()
                response.read()
                elapsed = time.monotonic() - started
                if not 200 <= response.status < 300:
                    self.non_2xx += 1
                    self.first_problem = self.first_problem or f"status {response.status}"
            except (OSError, http.client.HTTPException) as error:
                elapsed = time.monotonic() - started
                self.errors += 1
                self.first_problem = self.first_problem or f"{type(error).__name__}: {error}"
                conn.close()
                conn = None
            self.latencies.append(elapsed * 1000)
            next_at += args.interval
            pause = next_at - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            else:
                next_at = time.monotonic()
        if conn is not None:
            conn.close()

    def report(self):
        values = sorted(self.latencies)
        line = (f"probe name={self.name_} requests={len(values)} errors={self.errors} non_2xx={self.non_2xx} "
                f"p50_ms={percentile(values, 50):.3f} p99_ms={percentile(values, 99):.3f} "
                f"max_ms={(values[-1] if values else 0):.3f}")
        if self.first_problem:
            line += f" first_problem={self.first_problem.replace(' ', '_')}"
        return line


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the app, such as http://127.0.0.1:8080")
    parser.add_argument("--duration", type=float, required=True, help="seconds to measure")
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between requests per target")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a request counts as failed")
    parser.add_argument("--email", required=True, help="the account the signed-in probe uses")
    parser.add_argument("--password-file", required=True, help="a file holding its password")
    parser.add_argument("--ready-file", help="written once the probe has signed in and is measuring")
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    args.host, args.port = url.hostname, url.port or 80
    with open(args.password_file, encoding="utf-8") as f:
        password = f.read().rstrip("\n")

    browser = {"Accept": "text/html", "Accept-Encoding": "gzip"}
    cookie = sign_in(args.host, args.port, args.email, password, args.timeout)
    targets = [
        Target("healthz", "/healthz", {}, args),
        Target("crisis", "/crisis", browser, args),
        Target("crisis-signed-in", "/crisis", dict(browser, Cookie=cookie), args),
        # What the signed-in page fetches for the client's own links (a session lookup).
        Target("crisis-me", "/crisis/me", {"Accept": "application/json", "Cookie": cookie}, args),
    ]
    args.stop_at = time.monotonic() + args.duration
    for target in targets:
        target.start()
    if args.ready_file:
        with open(args.ready_file, "w", encoding="utf-8") as f:
            f.write("measuring\n")
    for target in targets:
        target.join()
    for target in targets:
        print(target.report())
    sys.stdout.flush()


if __name__ == "__main__":
    main()
