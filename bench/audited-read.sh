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

bench_safety_plan_setup
APP_TARGET="$APP_URL/api/v1/me/safety-plan"
NGINX_TARGET="$NGINX_URL/safety-plan.json"

echo "audited read: GET /api/v1/me/safety-plan ($(wc -c <"$BENCH_PLAN_ANSWER") bytes) against nginx serving the same bytes; $BENCH_DB_LABEL"
bench_against_nginx "$APP_TARGET" "$NGINX_TARGET"
bench_app_log_summary
awk -v a="$APP_RPS" -v n="$NGINX_RPS" -v t="$TARGET" \
  'BEGIN { r = (n > 0) ? a / n : 0; printf "ratio app/nginx: %.3f (target: %.2f or more)\n", r, t; exit (r >= t ? 0 : 1) }'
