#!/usr/bin/env bash
# Where an audited read's time goes: the app's own CPU time per answer, for answers that do more
# and more of an audited read's work, against nginx serving the same bytes, on this machine.
#
#   nginx      the safety plan's bytes from a file (the audited-read benchmark's yardstick)
#   crisis     GET /crisis: a page kept in memory, answered ahead of the router and middleware
#   me         GET /api/v1/me: the router, every middleware, a kept token, nothing audited
#   plan       GET /api/v1/me/safety-plan: the same, plus the kept plan and one audit record,
#              durable before the answer (group commit: concurrent requests share a commit)
#   plan at 16, 64 and 128 connections: how the cost of each answer falls as more requests
#              share each commit
#
# Run:  bash bench/audited-read-cost.sh              the release app on SQLite
#       bash bench/audited-read-cost.sh --postgres   on a throwaway PostgreSQL server (fsync on)
#
# Environment (defaults in brackets):
#   ROUNDS [3]        rounds of every run; each line prints the median of its rounds
#   DURATION [5s]     each wrk run, with THREADS [2] threads; the main runs use CONNECTIONS [32]
#   SWEEP [16 64 128] the other connection counts for the safety plan
#   plus TOOLKIT_BIN, SKIP_BUILD, APP_THREADS, KEEP_WORK (see bench/lib.sh)
#
# The CPU time is the app process's own (user and system, from /proc/PID/stat, all its threads),
# divided by the answers in the run; on PostgreSQL the server's processes are not counted. With
# `perf` installed, SQLite runs also print the app's fsync calls per answer (the inverse is the
# average number of answers sharing a commit). Nothing here is a pass or fail: the target lives in
# bench/audited-read.sh; this shows what an answer costs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init "$@"

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
SWEEP=${SWEEP:-16 64 128}
TIMEOUT=10s

bench_safety_plan_setup

COUNT_FSYNC=""
if [ -z "$BENCH_POSTGRES" ] && [ -z "${DATABASE_URL:-}" ] && command -v perf >/dev/null \
   && perf stat -e syscalls:sys_enter_fsync -p "$APP_PID" -- sleep 0.1 >/dev/null 2>&1; then
  COUNT_FSYNC=1
fi

# app_cpu_ticks: the app's user and system time so far, in clock ticks.
app_cpu_ticks() { awk '{ print $14, $15 }' "/proc/$APP_PID/stat"; }

# cost_run URL CONNECTIONS: one wrk run; sets RPS, NOTE, USER_US and SYS_US (the app's CPU time
# per 2xx answer, in microseconds) and FSYNC_PER_ANSWER (empty unless counted).
cost_run() {
  local url=$1 connections=$2 before after answers fsync_file perf_pid=""
  local tick_us=$((1000000 / $(getconf CLK_TCK)))
  fsync_file="$BENCH_WORK/fsync-$BENCH_RUN_NUMBER.txt"
  before=$(app_cpu_ticks)
  if [ -n "$COUNT_FSYNC" ]; then
    perf stat -x, -e syscalls:sys_enter_fsync -p "$APP_PID" -o "$fsync_file" &
    perf_pid=$!
  fi
  bench_measure app "$url" "$connections"
  [ -z "$perf_pid" ] || { kill -INT "$perf_pid" 2>/dev/null || true; wait "$perf_pid" 2>/dev/null || true; }
  after=$(app_cpu_ticks)
  answers=$(awk -v r="$RPS" -v d="$(bench_seconds "$DURATION")" 'BEGIN { printf "%d", r * d }')
  USER_US=$(awk -v a="${before% *}" -v b="${after% *}" -v n="$answers" -v t="$tick_us" 'BEGIN { printf "%.1f", n ? (b - a) * t / n : 0 }')
  SYS_US=$(awk -v a="${before#* }" -v b="${after#* }" -v n="$answers" -v t="$tick_us" 'BEGIN { printf "%.1f", n ? (b - a) * t / n : 0 }')
  FSYNC_PER_ANSWER=""
  if [ -n "$perf_pid" ] && [ -s "$fsync_file" ]; then
    FSYNC_PER_ANSWER=$(awk -F, -v n="$answers" '/sys_enter_fsync/ { printf "%.3f", n ? $1 / n : 0 }' "$fsync_file")
  fi
}

# Each line: its median over the rounds (by answers a second), with that run's CPU figures.
declare -A RESULT
record() {
  local key=$1
  RESULT[$key]+="$RPS $USER_US $SYS_US ${FSYNC_PER_ANSWER:--}|"
}
median_line() {
  printf '%s' "${RESULT[$1]}" | tr '|' '\n' | sed '/^$/d' | sort -g | awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'
}

echo "where an audited read's time goes: $BENCH_DB_LABEL; $ROUNDS rounds of wrk -t$THREADS -d$DURATION; CPU is the app's own per 2xx answer"
for round in $(seq 1 "$ROUNDS"); do
  bench_measure nginx "$NGINX_URL/safety-plan.json" "$CONNECTIONS"; USER_US=0; SYS_US=0; FSYNC_PER_ANSWER=""; record nginx
  cost_run "$APP_URL/crisis" "$CONNECTIONS"; record crisis
  cost_run "$APP_URL/api/v1/me" "$CONNECTIONS"; record me
  cost_run "$APP_URL/api/v1/me/safety-plan" "$CONNECTIONS"; record "plan c$CONNECTIONS"
  for connections in $SWEEP; do
    cost_run "$APP_URL/api/v1/me/safety-plan" "$connections"; record "plan c$connections"
  done
  bench_log "round $round of $ROUNDS done"
done

printf '%-36s %12s %10s %10s %10s %12s\n' "answer" "answers/s" "user us" "sys us" "total us" "fsync/answer"
KEYS=(nginx crisis me "plan c$CONNECTIONS")
for connections in $SWEEP; do KEYS+=("plan c$connections"); done
for key in "${KEYS[@]}"; do
  read -r rps user sys fsync <<<"$(median_line "$key")"
  case "$key" in
    nginx) label="nginx (the file), c$CONNECTIONS" ;;
    crisis) label="GET /crisis, c$CONNECTIONS" ;;
    me) label="GET /api/v1/me, c$CONNECTIONS" ;;
    *) label="GET /api/v1/me/safety-plan, ${key#plan }" ;;
  esac
  if [ "$key" = nginx ]; then
    printf '%-36s %12s %10s %10s %10s %12s\n' "$label" "$rps" "-" "-" "-" "-"
  else
    printf '%-36s %12s %10s %10s %10s %12s\n' "$label" "$rps" "$user" "$sys" \
      "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')" "$fsync"
  fi
done
[ "$APP_NOT_OK" -eq 0 ] || echo "the app gave $APP_NOT_OK answers other than 2xx"
bench_app_log_summary
