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

# measure NAME URL CONNECTIONS: one wrk run; prints its 2xx answers per second and keeps a note
# of anything else it saw in NOTE; app answers other than 2xx are added up in APP_NOT_OK.
run_number=0
APP_NOT_OK=0
measure() {
  local name=$1 url=$2 connections=$3 out threads
  run_number=$((run_number + 1))
  out="$BENCH_WORK/wrk-$run_number-$name-c$connections.out"
  threads=$(( THREADS < connections ? THREADS : connections ))
  # The same request to both, cookie included: nginx ignores it.
  wrk -t"$threads" -c"$connections" -d"$DURATION" --timeout "$TIMEOUT" -s bench/report.lua \
    -H "Cookie: $COOKIE" "$url" >"$out" 2>&1 || { cat "$out" >&2; bench_die "wrk failed"; }
  grep -q '^wrk-result ' "$out" || { cat "$out" >&2; bench_die "wrk printed no results"; }

  f() { local v; v=$(bench_result_field "$out" "$1"); echo "${v:-0}"; }
  RPS=$(f ok_rps)
  NOTE="p50 $(f p50_ms) ms, p99 $(f p99_ms) ms"
  local bad=$(( $(f s3xx) + $(f s4xx) + $(f s429) + $(f s5xx) + $(f sother) ))
  local errors=$(( $(f connect_errors) + $(f read_errors) + $(f write_errors) ))
  [ "$bad" -eq 0 ] || NOTE="$NOTE; $bad not 2xx ($(f s3xx) 3xx, $(f s4xx) 4xx, $(f s429) 429, $(f s5xx) 5xx)"
  [ "$(f timeouts)" -eq 0 ] || NOTE="$NOTE; $(f timeouts) timeouts"
  [ "$errors" -eq 0 ] || NOTE="$NOTE; $errors socket errors"
  [ "$name" != app ] || APP_NOT_OK=$((APP_NOT_OK + bad))
}

echo "Today: GET /today signed in ($(wc -c <"$BENCH_WORK/www/today.html") bytes) against nginx serving the same bytes; $BENCH_DB_LABEL"
for connections in $LOW_CONNECTIONS; do
  measure app "$APP_TARGET" "$connections"
  echo "wrk -c$connections -d$DURATION: app $RPS req/s ($NOTE)"
  measure nginx "$NGINX_TARGET" "$connections"
  echo "wrk -c$connections -d$DURATION: nginx $RPS req/s ($NOTE)"
done

echo "$ROUNDS alternating rounds of wrk -t$THREADS -c$CONNECTIONS -d$DURATION:"
app_runs=(); nginx_runs=()
for round in $(seq 1 "$ROUNDS"); do
  # Alternate the two so that a slow moment on this shared machine hits both alike.
  measure app "$APP_TARGET" "$CONNECTIONS"
  app_runs+=("$RPS"); app_note=$NOTE
  measure nginx "$NGINX_TARGET" "$CONNECTIONS"
  nginx_runs+=("$RPS")
  echo "round $round: app ${app_runs[-1]} req/s ($app_note), nginx ${nginx_runs[-1]} req/s ($NOTE)"
done
app_rps=$(bench_median "${app_runs[@]}")
nginx_rps=$(bench_median "${nginx_runs[@]}")
echo "median app:   $app_rps requests/s (2xx)"
echo "median nginx: $nginx_rps requests/s (worker_processes auto)"
bench_app_log_summary
if [ "$APP_NOT_OK" -gt 0 ]; then
  echo "app answers other than 2xx: $APP_NOT_OK (every answer should be the page)"
fi
awk -v a="$app_rps" -v n="$nginx_rps" -v t="$TARGET" -v bad="$APP_NOT_OK" \
  'BEGIN { r = (n > 0) ? a / n : 0; printf "ratio app/nginx: %.3f (target: %.2f or more)\n", r, t; exit (r >= t && bad == 0 ? 0 : 1) }'
