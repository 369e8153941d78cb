#!/usr/bin/env bash
# Signed-in clients under load: many clients at once reading and saving their safety plans
# (audited reads and writes), looking themselves up, and mistyping passwords, while a probe
# measures /healthz and /crisis (with and without a session) as a person would see them.
#
# Run:  bash bench/load-mix.sh               the release app on SQLite
#       bash bench/load-mix.sh --postgres    the release app on a throwaway PostgreSQL server
#                                            (started here on a free loopback port, fsync on,
#                                            stopped at exit)
#       DATABASE_URL=postgres://... bash bench/load-mix.sh   on an existing, empty database
#
# Environment (defaults in brackets):
#   CONNECTIONS [64]  wrk connections; each is one client with its own API token
#   DURATION [30s]    how long wrk and the probe run
#   THREADS [CONNECTIONS]  wrk threads; with fewer threads than connections, connections share
#                     clients and the table by kind of request is left out
#   CLIENTS [CONNECTIONS]  client accounts to create (each costs a bcrypt hash to create and to
#                     sign in); fewer than CONNECTIONS means clients are shared
#   MIX [read=70,save=10,me=10,signin=10]  weights of the kinds of request (bench/load-mix.lua)
#   TIMEOUT [10s]     a request slower than this counts as a timeout
#   PROBE_INTERVAL [0.05]  seconds between probe requests, per probed page
#   plus TOOLKIT_BIN, SKIP_BUILD, APP_THREADS, SETUP_JOBS, KEEP_WORK (see bench/lib.sh)
#
# Targets (the script exits non-zero when one fails): no 5xx answers, no timeouts or socket
# errors, no 4xx other than 429 to reads, saves and /api/v1/me, mix p99 under 5 x its p50,
# and /healthz, /crisis and signed-in /crisis each with p99 under 100 ms and no failures (the
# probe also measures /crisis/me, the signed-in part fetched afterwards, and prints it).
# 401 and 429 answers to the wrong-password sign-ins are expected, not errors.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init "$@"

CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-30s}
THREADS=${THREADS:-$CONNECTIONS}
CLIENTS=${CLIENTS:-$CONNECTIONS}
MIX=${MIX:-read=70,save=10,me=10,signin=10}
TIMEOUT=${TIMEOUT:-10s}
PROBE_INTERVAL=${PROBE_INTERVAL:-0.05}
[ "$THREADS" -le "$CONNECTIONS" ] || THREADS=$CONNECTIONS

bench_need wrk curl python3
bench_build
bench_database
bench_create_clients "$CLIENTS"
bench_create_user client probe@example.org "Probe" t@example.org
bench_start_app
bench_client_tokens "$CLIENTS"

printf '%s\n' "$BENCH_PASSWORD" >"$BENCH_WORK/password"
duration_seconds=$(bench_seconds "$DURATION")
python3 bench/probe.py --url "$APP_URL" --duration "$duration_seconds" --interval "$PROBE_INTERVAL" \
  --timeout "$(bench_seconds "$TIMEOUT")" --email probe@example.org --password-file "$BENCH_WORK/password" \
  --ready-file "$BENCH_WORK/probe.ready" >"$BENCH_WORK/probe.out" 2>&1 &
probe_pid=$!
bench_track "$probe_pid"
until [ -f "$BENCH_WORK/probe.ready" ]; do
  kill -0 "$probe_pid" 2>/dev/null || { cat "$BENCH_WORK/probe.out" >&2; bench_die "the probe stopped before measuring"; }
  sleep 0.1
done

echo "load mix: $MIX, $CLIENTS clients, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --timeout $TIMEOUT; $BENCH_DB_LABEL"
TOKENS_FILE="$BENCH_TOKENS_FILE" PLAN_FILE="$BENCH_PLAN_FILE" THREADS="$THREADS" MIX="$MIX" \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout "$TIMEOUT" -s bench/load-mix.lua "$APP_URL" \
  >"$BENCH_WORK/wrk.out" 2>&1 || { cat "$BENCH_WORK/wrk.out"; bench_die "wrk failed"; }
wait "$probe_pid" || { cat "$BENCH_WORK/probe.out" >&2; bench_die "the probe failed"; }
cat "$BENCH_WORK/wrk.out"
echo
echo "probe, one request every ${PROBE_INTERVAL}s per page during the mix:"
grep '^probe ' "$BENCH_WORK/probe.out" | sed 's/^probe /  /'
bench_app_log_summary

grep -q '^wrk-result ' "$BENCH_WORK/wrk.out" || bench_die "wrk printed no results"
[ "$(grep -c '^probe ' "$BENCH_WORK/probe.out")" -eq 4 ] || bench_die "the probe printed no results"
# A count wrk-result leaves out (no such answers) is 0.
w() { local v; v=$(bench_result_field "$BENCH_WORK/wrk.out" "$1"); echo "${v:-0}"; }
p() { awk -v n="$1" -v f="$2" '$1 == "probe" && $2 == "name=" n { for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' "$BENCH_WORK/probe.out"; }
# 4xx answers that aren't refused sign-ins, told apart by their body (bench/report.lua).
unexpected_4xx=$(w unexpected_4xx)

echo
echo "targets:"
bench_check "no 5xx answers (got $(w s5xx); other statuses: $(w sother))" "$(w s5xx) + $(w sother) == 0"
bench_check "no timeouts (got $(w timeouts), over $TIMEOUT)" "$(w timeouts) == 0"
bench_check "no socket errors (connect $(w connect_errors), read $(w read_errors), write $(w write_errors))" \
  "$(w connect_errors) + $(w read_errors) + $(w write_errors) == 0"
bench_check "some successful answers (got $(w s2xx) 2xx)" "$(w s2xx) > 0"
bench_check "no 4xx other than refused sign-ins (got $unexpected_4xx)" "$unexpected_4xx == 0"
bench_check "mix p99 under 5 x p50 (p50 $(w p50_ms) ms, p99 $(w p99_ms) ms)" "$(w p99_ms) < 5 * $(w p50_ms)"
for page in healthz crisis crisis-signed-in crisis-me; do
  # /crisis/me is the signed-in person's own links, fetched after the page is shown and
  # waiting its turn for the database like any signed-in request: measured, not held to 100 ms.
  if [ "$page" = crisis-me ]; then
    echo "  ----  crisis-me (not a target) p50 $(p "$page" p50_ms) ms, p99 $(p "$page" p99_ms) ms, max $(p "$page" max_ms) ms"
  else
    bench_check "$page p99 under 100 ms (p50 $(p "$page" p50_ms) ms, p99 $(p "$page" p99_ms) ms, max $(p "$page" max_ms) ms)" \
      "$(p "$page" p99_ms) < 100"
  fi
  bench_check "$page answered every probe ($(p "$page" requests) requests, $(p "$page" errors) failed, $(p "$page" non_2xx) not 2xx)" \
    "$(p "$page" errors) + $(p "$page" non_2xx) == 0 && $(p "$page" requests) > 0"
done
if [ "$BENCH_FAILURES" -gt 0 ]; then
  echo "load mix: $BENCH_FAILURES target(s) missed"
  exit 1
fi
echo "load mix: all targets met"
