#!/usr/bin/env bash
# A therapist's roster (/clients) and one client's progress page (/clients/<id>/progress) for a
# therapist with CLIENTS clients who each have DAYS days of activity (rituals, a practice every
# other evening with ratings, shared; a daily assignment completed whenever its practice was
# done), against nginx serving the same bytes, measured with wrk on this machine in the same run.
#
# Run:  bash bench/roster.sh              the release app on SQLite
#       bash bench/roster.sh --postgres   on a throwaway PostgreSQL server (fsync on)
#       DATABASE_URL=postgres://... bash bench/roster.sh   on an existing, empty database
#
# Environment (defaults in brackets):
#   CLIENTS [200]         clients of the one therapist
#   DAYS [365]            days of history each (toolkit demo history --assign --share)
#   ROUNDS [5]            alternating rounds (app, then nginx) at CONNECTIONS, for each page
#   DURATION [5s]         each wrk run
#   CONNECTIONS [32]      wrk -c for the rounds, with THREADS [2] threads
#   LOW_CONNECTIONS [1]   one app and one nginx run at each of these first, printed, not targeted
#   TIMEOUT [10s]         a request slower than this counts as a timeout
#   SETUP_JOBS [nproc]    accounts and histories written this many at a time
#   plus TOOLKIT_BIN, SKIP_BUILD, APP_THREADS, KEEP_WORK (see bench/lib.sh)
#
# Target, for each page: the app's median at least 0.15 x nginx's, and the app's p99 under 5 x
# its p50 in every round at CONNECTIONS. The script exits non-zero when either page misses.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init "$@"

CLIENTS=${CLIENTS:-200}
DAYS=${DAYS:-365}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
LOW_CONNECTIONS=${LOW_CONNECTIONS:-1}
TIMEOUT=${TIMEOUT:-10s}
TARGET=0.15

bench_need wrk nginx curl python3
bench_build
bench_database
bench_create_clients "$CLIENTS"

bench_log "writing $DAYS days of history for each of $CLIENTS clients (${SETUP_JOBS:-$(nproc)} at a time)"
seed_started=$(date +%s)
pids=()
for i in $(seq 1 "$CLIENTS"); do
  "$TOOLKIT" demo history --client "c$i@example.org" --days "$DAYS" --assign --share >>"$BENCH_WORK/history.log" 2>&1 &
  pids+=($!)
  if [ "${#pids[@]}" -ge "${SETUP_JOBS:-$(nproc)}" ] || [ "$i" -eq "$CLIENTS" ]; then
    for pid in "${pids[@]}"; do wait "$pid" || { tail -n 20 "$BENCH_WORK/history.log" >&2; bench_die "demo history failed"; }; done
    pids=()
  fi
done
bench_log "history written in $(( $(date +%s) - seed_started )) s: $(tail -n 1 "$BENCH_WORK/history.log")"
if [ -n "${DATABASE_URL:-}" ]; then
  # A freshly loaded database has no planner statistics yet; a real one gathers them by itself.
  bench_psql -c "ANALYZE"
fi
bench_start_app
COOKIE=$(bench_browser_cookie t@example.org)
BENCH_HEADER="Cookie: $COOKIE"

mkdir -p "$BENCH_WORK/www"
status=$(curl -sS -o "$BENCH_WORK/www/clients.html" -w '%{http_code}' -H "Cookie: $COOKIE" "$APP_URL/clients")
[ "$status" = 200 ] || bench_die "GET /clients with the therapist's session answered $status"
grep -q "Client $CLIENTS<" "$BENCH_WORK/www/clients.html" || bench_die "the roster doesn't list Client $CLIENTS: not the therapist's page?"
client_id=$(python3 - "$BENCH_WORK/www/clients.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
match = re.search(r'href="/clients/([0-9a-f-]{36})"[^>]*>Client 1<', html)
sys.exit("no link to Client 1 on the roster") if not match else print(match.group(1))
PY
)
status=$(curl -sS -o "$BENCH_WORK/www/progress.html" -w '%{http_code}' -H "Cookie: $COOKIE" "$APP_URL/clients/$client_id/progress")
[ "$status" = 200 ] || bench_die "GET /clients/$client_id/progress answered $status"
grep -q "minutes of practice" "$BENCH_WORK/www/progress.html" || bench_die "the progress page shows no practice"
bench_start_nginx "$BENCH_WORK/www" text/html

# bench_page NAME APP_PATH FILE: the page against nginx; prints the ratio and the spread.
FAILED=0
bench_page() {
  local name=$1 path=$2 file=$3 worst
  echo
  echo "$name: GET $path as the therapist ($(wc -c <"$BENCH_WORK/www/$file") bytes) against nginx serving the same bytes; $BENCH_DB_LABEL"
  local first=$((BENCH_RUN_NUMBER + 1))
  bench_against_nginx "$APP_URL$path" "$NGINX_URL/$file"
  # The widest p99 / p50 over this page's app rounds at CONNECTIONS.
  worst=0
  for out in "$BENCH_WORK"/wrk-*-app-c"$CONNECTIONS".out; do
    local number=${out#"$BENCH_WORK"/wrk-}; number=${number%%-*}
    [ "$number" -ge "$first" ] || continue
    worst=$(awk -v w="$worst" -v p50="$(bench_result_field "$out" p50_ms)" -v p99="$(bench_result_field "$out" p99_ms)" \
      'BEGIN { r = (p50 > 0) ? p99 / p50 : 0; print (r > w ? r : w) }')
  done
  awk -v a="$APP_RPS" -v n="$NGINX_RPS" -v t="$TARGET" -v s="$worst" \
    'BEGIN { r = (n > 0) ? a / n : 0; printf "ratio app/nginx: %.3f (target: %.2f or more); widest app p99/p50: %.1f (target: under 5)\n", r, t, s;
             exit (r >= t && s < 5 ? 0 : 1) }' || FAILED=1
}

bench_page "Roster of $CLIENTS clients" /clients clients.html
bench_page "Progress of one client with $DAYS days" "/clients/$client_id/progress" progress.html
bench_app_log_summary
if [ "$APP_NOT_OK" -gt 0 ]; then
  echo "app answers other than 2xx: $APP_NOT_OK (every answer should be the page)"
  FAILED=1
fi
exit "$FAILED"
