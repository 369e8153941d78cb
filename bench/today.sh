#!/usr/bin/env bash
# A signed-in client's Today page (GET /today with a browser session cookie: a session lookup,
# the client's recent activity from each kind of entry, and the page rendered per request)
# against nginx serving the same bytes from a file, measured with wrk on this machine in the
# same run.
#
# Run:  bash bench/today.sh              the release app on SQLite
#       bash bench/today.sh --postgres   on a throwaway PostgreSQL server (started here on a free
#                                        loopback port, fsync on, stopped at exit)
#       DATABASE_URL=postgres://... bash bench/today.sh   on an existing, empty database
#
# Environment (defaults in brackets):
#   ROUNDS [5]            alternating rounds (app, then nginx) at CONNECTIONS
#   DURATION [5s]         each wrk run
#   CONNECTIONS [32]      wrk -c for the rounds, with THREADS [2] threads
#   LOW_CONNECTIONS [1 4] one app and one nginx run at each of these first, printed, not targeted
#   ENTRIES [5]           journal entries the client writes before the page is measured
#   TIMEOUT [10s]         a request slower than this counts as a timeout
#   plus TOOLKIT_BIN, SKIP_BUILD, APP_THREADS, KEEP_WORK (see bench/lib.sh)
#
# Requests per second count 2xx answers only, and every app answer must be a 200 (a redirect to
# /login would mean the session cookie wasn't sent or wasn't accepted). Target: the app's median
# at least 0.15 x nginx's median; the script exits non-zero under it or on any other answer.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init "$@"

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
LOW_CONNECTIONS=${LOW_CONNECTIONS:-1 4}
ENTRIES=${ENTRIES:-5}
TIMEOUT=${TIMEOUT:-10s}
TARGET=0.15

bench_need wrk nginx curl python3
bench_build
bench_database
bench_create_clients 1
bench_start_app

bench_log "writing $ENTRIES journal entries over the API and signing the client in through /login"
bench_write_journal "$(bench_api_token c1@example.org)" "$ENTRIES"
COOKIE=$(bench_browser_cookie c1@example.org)

mkdir -p "$BENCH_WORK/www"
status=$(curl -sS -o "$BENCH_WORK/www/today.html" -w '%{http_code}' -H "Cookie: $COOKIE" "$APP_URL/today")
[ "$status" = 200 ] || bench_die "GET /today with the session cookie answered $status"
# The client's own page: "Recently" counts the entries just written.
grep -q "$ENTRIES this week" "$BENCH_WORK/www/today.html" || bench_die "the saved Today page doesn't show the $ENTRIES entries written: not the client's page?"
bench_start_nginx "$BENCH_WORK/www" text/html
APP_TARGET="$APP_URL/today"
NGINX_TARGET="$NGINX_URL/today.html"

# The same request to app and nginx, cookie included: nginx ignores it.
BENCH_HEADER="Cookie: $COOKIE"
echo "Today: GET /today signed in ($(wc -c <"$BENCH_WORK/www/today.html") bytes) against nginx serving the same bytes; $BENCH_DB_LABEL"
bench_against_nginx "$APP_TARGET" "$NGINX_TARGET"
bench_app_log_summary
if [ "$APP_NOT_OK" -gt 0 ]; then
  echo "app answers other than 2xx: $APP_NOT_OK (every answer should be the page)"
fi
awk -v a="$APP_RPS" -v n="$NGINX_RPS" -v t="$TARGET" -v bad="$APP_NOT_OK" \
  'BEGIN { r = (n > 0) ? a / n : 0; printf "ratio app/nginx: %.3f (target: %.2f or more)\n", r, t; exit (r >= t && bad == 0 ? 0 : 1) }'
