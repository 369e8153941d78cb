#!/usr/bin/env bash
# Audited read throughput: a client reading their own safety plan over the API
# (GET /api/v1/me/safety-plan with a bearer token: a session-less token lookup, a decryption and
# an audit record per request) against nginx serving the same response bytes from a file,
# measured with wrk on this machine in the same run.
#
# Run:  bash bench/audited-read.sh              the release app on SQLite
#       bash bench/audited-read.sh --postgres   on a throwaway PostgreSQL server (started here on
#                                               a free loopback port, fsync on, stopped at exit)
#       DATABASE_URL=postgres://... bash bench/audited-read.sh   on an existing, empty database
#
# Environment (defaults in brackets):
#   ROUNDS [5]            alternating rounds (app, then nginx) at CONNECTIONS
#   DURATION [5s]         each wrk run
#   CONNECTIONS [32]      wrk -c for the rounds, with THREADS [2] threads
#   LOW_CONNECTIONS [1 4] one app and one nginx run at each of these first, printed, not targeted
#   TIMEOUT [10s]         a request slower than this counts as a timeout
#   plus TOOLKIT_BIN, SKIP_BUILD, APP_THREADS, KEEP_WORK (see bench/lib.sh)
#
# Requests per second count 2xx answers only. Target: the app's median at least 0.15 x nginx's
# median; the script exits non-zero under it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init "$@"

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
LOW_CONNECTIONS=${LOW_CONNECTIONS:-1 4}
TIMEOUT=${TIMEOUT:-10s}
TARGET=0.15

bench_need wrk nginx curl python3
bench_build
bench_database
bench_create_clients 1
bench_start_app
bench_client_tokens 1
TOKEN=$(awk 'NR == 1 { print $2 }' "$BENCH_TOKENS_FILE")

mkdir -p "$BENCH_WORK/www"
curl -sSf "$APP_URL/api/v1/me/safety-plan" -H "Authorization: Bearer $TOKEN" -o "$BENCH_WORK/www/safety-plan.json"
bench_start_nginx "$BENCH_WORK/www" application/json
APP_TARGET="$APP_URL/api/v1/me/safety-plan"
NGINX_TARGET="$NGINX_URL/safety-plan.json"

# measure NAME URL CONNECTIONS: one wrk run; prints its 2xx answers per second and keeps a note
# of anything else it saw in NOTE.
run_number=0
measure() {
  local name=$1 url=$2 connections=$3 out threads
  run_number=$((run_number + 1))
  out="$BENCH_WORK/wrk-$run_number-$name-c$connections.out"
  threads=$(( THREADS < connections ? THREADS : connections ))
  wrk -t"$threads" -c"$connections" -d"$DURATION" --timeout "$TIMEOUT" -s bench/report.lua \
    -H "Authorization: Bearer $TOKEN" "$url" >"$out" 2>&1 || { cat "$out" >&2; bench_die "wrk failed"; }
  grep -q '^wrk-result ' "$out" || { cat "$out" >&2; bench_die "wrk printed no results"; }

  f() { local v; v=$(bench_result_field "$out" "$1"); echo "${v:-0}"; }
  RPS=$(f ok_rps)
  NOTE="p50 $(f p50_ms) ms, p99 $(f p99_ms) ms"
  local bad=$(( $(f s3xx) + $(f s4xx) + $(f s429) + $(f s5xx) + $(f sother) ))
  local errors=$(( $(f connect_errors) + $(f read_errors) + $(f write_errors) ))
  [ "$bad" -eq 0 ] || NOTE="$NOTE; $bad not 2xx ($(f s4xx) 4xx, $(f s429) 429, $(f s5xx) 5xx)"
  [ "$(f timeouts)" -eq 0 ] || NOTE="$NOTE; $(f timeouts) timeouts"
  [ "$errors" -eq 0 ] || NOTE="$NOTE; $errors socket errors"
}

echo "audited read: GET /api/v1/me/safety-plan ($(wc -c <"$BENCH_WORK/www/safety-plan.json") bytes) against nginx serving the same bytes; $BENCH_DB_LABEL"
# Low concurrency first, so that a stall at higher concurrency can't spoil these numbers.
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
awk -v a="$app_rps" -v n="$nginx_rps" -v t="$TARGET" \
  'BEGIN { r = (n > 0) ? a / n : 0; printf "ratio app/nginx: %.3f (target: %.2f or more)\n", r, t; exit (r >= t ? 0 : 1) }'
