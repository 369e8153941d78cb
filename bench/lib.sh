# Shared set-up for the benchmark scripts in bench/: source it, don't run it.
#
#   source "$(dirname "$0")/lib.sh"
#   bench_init "$@"          # parses --postgres, makes a scratch folder, cleans up on exit
#
# Everything runs on 127.0.0.1 and everything started here (the app, nginx, a throwaway
# PostgreSQL, background probes) is stopped when the script exits, however it exits.
#
# Environment:
#   TOOLKIT_BIN=path     use this toolkit binary instead of building .build/release/toolkit
#   SKIP_BUILD=1         don't run `swift build` (the release binary must already exist)
#   APP_THREADS=n        passed to `toolkit serve --threads`
#   DATABASE_URL=...     run the app on this PostgreSQL database (it must be empty: the
#                        benchmark creates its own accounts); --postgres starts a throwaway one
#   KEEP_WORK=1          keep the scratch folder (app log, data folder, wrk output) at exit

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_PASSWORD='a bench passphrase 4 tests'
BENCH_PIDS=()
BENCH_PG_BIN=""
BENCH_PG_DATA=""
BENCH_APT_UPDATED=""

bench_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
bench_die() { bench_log "error: $*"; exit 1; }

bench_usage() {
  sed -n '2,/^set -/p' "$0" | sed -n 's/^# \{0,1\}//p'
}

# Parses the options every benchmark takes, makes the scratch folder and sets the exit trap.
bench_init() {
  BENCH_POSTGRES=""
  for arg in "$@"; do
    case "$arg" in
      --postgres) BENCH_POSTGRES=1 ;;
      -h|--help) bench_usage; exit 0 ;;
      *) bench_die "unknown option $arg (try --help)" ;;
    esac
  done
  cd "$BENCH_ROOT"
  BENCH_WORK=$(mktemp -d -t toolkit-bench-XXXXXX)
  # A throwaway PostgreSQL runs as the postgres user, inside this folder.
  chmod 755 "$BENCH_WORK"
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  export DATA_DIR="$BENCH_WORK/data"
  export LOG_REQUESTS=${LOG_REQUESTS:-0}
  TOOLKIT=${TOOLKIT_BIN:-$BENCH_ROOT/.build/release/toolkit}
}

bench_cleanup() {
  local status=$?
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${BENCH_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  bench_stop_postgres
  if [ -n "${KEEP_WORK:-}" ]; then
    bench_log "kept the scratch folder: $BENCH_WORK"
  else
    rm -rf "$BENCH_WORK"
  fi
  exit "$status"
}

# Remembers a background process so that it is stopped at exit.
bench_track() { BENCH_PIDS+=("$1"); }

bench_apt_install() {
  [ -n "$BENCH_APT_UPDATED" ] || { apt-get update -qq; BENCH_APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# bench_need wrk nginx ...: installs the Debian packages of the same name when missing.
bench_need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || bench_apt_install "$tool"
  done
}

bench_build() {
  if [ -n "${TOOLKIT_BIN:-}" ] || [ -n "${SKIP_BUILD:-}" ]; then
    [ -x "$TOOLKIT" ] || bench_die "$TOOLKIT is not an executable (unset SKIP_BUILD to build it)"
    return
  fi
  bench_log "building the release binary (swift build -c release --product toolkit)"
  if ! swift build -c release --product toolkit >"$BENCH_WORK/build.log" 2>&1; then
    tail -n 40 "$BENCH_WORK/build.log" >&2
    bench_die "the release build failed"
  fi
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until URL answers 2xx, for at most SECONDS_TO_WAIT; fails early when PID has exited.
bench_wait_for() {
  local url=$1 pid=$2 seconds=$3 log=$4
  local deadline=$((SECONDS + seconds))
  until curl -sf -o /dev/null "$url"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$log" >&2
      bench_die "the process for $url exited"
    fi
    [ "$SECONDS" -lt "$deadline" ] || { tail -n 40 "$log" >&2; bench_die "$url did not answer within ${seconds}s"; }
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL: a throwaway cluster like .ci/run's, but with fsync on, as a real server runs.

bench_find_pg_bin() {
  local initdb_path
  initdb_path=$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$initdb_path" ] && dirname "$(readlink -f "$initdb_path")"
}

# With --postgres, starts the cluster and exports DATABASE_URL; with DATABASE_URL already set,
# uses that database; otherwise the app stays on SQLite.
bench_database() {
  if [ -z "$BENCH_POSTGRES" ]; then
    if [ -n "${DATABASE_URL:-}" ]; then
      BENCH_DB_LABEL="PostgreSQL (DATABASE_URL from the environment)"
      export DATABASE_URL
    else
      BENCH_DB_LABEL="SQLite"
    fi
    return
  fi
  [ -z "${DATABASE_URL:-}" ] || bench_log "--postgres: ignoring DATABASE_URL from the environment"
  BENCH_PG_BIN=$(bench_find_pg_bin || true)
  if [ -z "$BENCH_PG_BIN" ] || [ ! -x "$BENCH_PG_BIN/pg_ctl" ]; then
    bench_log "installing PostgreSQL"
    bench_apt_install postgresql
    BENCH_PG_BIN=$(bench_find_pg_bin)
  fi
  local psql_bin port pg_dir
  psql_bin=$(command -v psql || echo "$BENCH_PG_BIN/psql")
  port=$(bench_free_port)
  pg_dir="$BENCH_WORK/pg"
  BENCH_PG_DATA="$pg_dir/data"
  mkdir -p "$pg_dir"
  chown postgres "$pg_dir"
  runuser -u postgres -- "$BENCH_PG_BIN/initdb" -D "$BENCH_PG_DATA" -U postgres --auth=trust -E UTF8 >"$BENCH_WORK/initdb.log"
  runuser -u postgres -- "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_PG_DATA" -l "$pg_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir" start >/dev/null \
    || { cat "$pg_dir/server.log" >&2; bench_die "PostgreSQL did not start"; }
  # Two separate calls: CREATE DATABASE can't run inside the transaction one -c opens.
  "$psql_bin" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q -c "CREATE ROLE toolkit LOGIN PASSWORD 'toolkit'"
  "$psql_bin" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE toolkit_bench OWNER toolkit"
  export DATABASE_URL="postgres://toolkit:toolkit@127.0.0.1:$port/toolkit_bench?sslmode=disable"
  BENCH_DB_LABEL="PostgreSQL $("$BENCH_PG_BIN/postgres" --version | awk '{print $3}') (throwaway, fsync on, 127.0.0.1:$port)"
}

bench_stop_postgres() {
  if [ -n "$BENCH_PG_BIN" ] && [ -f "$BENCH_PG_DATA/postmaster.pid" ]; then
    runuser -u postgres -- "$BENCH_PG_BIN/pg_ctl" -D "$BENCH_PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  BENCH_PG_BIN=""
}

# ---------------------------------------------------------------------------------------------
# The app and its accounts

# Starts `toolkit serve` on a free port (request logging off) and sets APP_PORT and APP_URL.
bench_start_app() {
  APP_PORT=$(bench_free_port)
  APP_URL="http://127.0.0.1:$APP_PORT"
  "$TOOLKIT" serve --port "$APP_PORT" ${APP_THREADS:+--threads "$APP_THREADS"} >"$BENCH_WORK/app.log" 2>&1 &
  APP_PID=$!
  bench_track "$APP_PID"
  bench_wait_for "$APP_URL/healthz" "$APP_PID" 120 "$BENCH_WORK/app.log"
  bench_log "app on $APP_URL ($BENCH_DB_LABEL)"
}

# bench_create_user ROLE EMAIL NAME [THERAPIST_EMAIL], with the same DATA_DIR and DATABASE_URL
# as the app, and the benchmark password.
bench_create_user() {
  local role=$1 email=$2 name=$3 therapist=${4:-}
  printf '%s\n' "$BENCH_PASSWORD" | "$TOOLKIT" users create --role "$role" --email "$email" --name "$name" \
    ${therapist:+--therapist "$therapist"} --password-stdin >>"$BENCH_WORK/users.log" 2>&1 \
    || { tail -n 20 "$BENCH_WORK/users.log" >&2; bench_die "could not create $email"; }
}

# bench_create_clients N: the therapist t@example.org, then clients c1..cN@example.org.
# Each account costs a bcrypt hash (about 0.3 s), so clients are created SETUP_JOBS at a time
# (default: one per core). The first command also creates the data folder and the schema.
bench_create_clients() {
  local count=$1 jobs=${SETUP_JOBS:-$(nproc)} i pids=()
  bench_log "creating a therapist and $count clients ($jobs at a time)"
  bench_create_user therapist t@example.org "Therapist"
  for i in $(seq 1 "$count"); do
    bench_create_user client "c$i@example.org" "Client $i" t@example.org &
    pids+=($!)
    if [ "${#pids[@]}" -ge "$jobs" ] || [ "$i" -eq "$count" ]; then
      for pid in "${pids[@]}"; do wait "$pid" || exit 1; done
      pids=()
    fi
  done
}

# bench_api_token EMAIL: prints a bearer token from POST /api/v1/auth/token.
bench_api_token() {
  local body
  body=$(curl -sS --fail-with-body -X POST "$APP_URL/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$BENCH_PASSWORD\"}") || bench_die "no API token for $1: $body"
  python3 -c 'import json, sys; print(json.loads(sys.argv[1])["token"])' "$body"
}

# The safety plan every client saves (and the mix keeps saving): a plausible, mid-sized plan.
bench_write_plan() {
  BENCH_PLAN_FILE="$BENCH_WORK/plan.json"
  cat >"$BENCH_PLAN_FILE" <<'JSON'
{"warningSigns":["I stop replying to messages","I lie awake going over what I got wrong","I skip meals"],
 "copingStrategies":["A slow walk around the block","The self-compassion break, out loud","A hot shower and clean clothes"],
 "distractions":["The corner cafe, where it is busy but kind","A podcast I already know by heart"],
 "peopleToAsk":["Sam 07700 900123","My sister, after six in the evening"],
 "professionals":["My therapist, Monday to Thursday","Out of hours: the crisis line on the Crisis page"],
 "saferSurroundings":["Give the spare medication to the pharmacy","Stay at my sister's when it gets bad"],
 "reasonsForLiving":["My niece","The garden in spring","Finishing the course I started"],
 "reflection":{"likelihood":7,"obstacles":"Feeling like a burden when I ask for help.","whereKept":"On my phone and on the fridge."}}
JSON
}

# bench_save_plan TOKEN: saves BENCH_PLAN_FILE as the client's plan.
bench_save_plan() {
  local out
  out=$(curl -sS --fail-with-body -X PUT "$APP_URL/api/v1/me/safety-plan" -H "Authorization: Bearer $1" \
    -H 'Content-Type: application/json' --data-binary "@$BENCH_PLAN_FILE") || bench_die "saving a plan failed: $out"
}

# bench_client_tokens N: a token for each of c1..cN, as "email token" lines in
# BENCH_TOKENS_FILE, and a first safety plan for each. One at a time: the set-up shouldn't be
# what stalls.
bench_client_tokens() {
  local count=$1 i token
  BENCH_TOKENS_FILE="$BENCH_WORK/tokens.txt"
  : >"$BENCH_TOKENS_FILE"
  [ -n "${BENCH_PLAN_FILE:-}" ] || bench_write_plan
  bench_log "signing in $count clients over the API and saving a first safety plan for each"
  for i in $(seq 1 "$count"); do
    token=$(bench_api_token "c$i@example.org")
    bench_save_plan "$token"
    printf 'c%s@example.org %s\n' "$i" "$token" >>"$BENCH_TOKENS_FILE"
  done
}

# ---------------------------------------------------------------------------------------------
# nginx and wrk

# bench_start_nginx ROOT DEFAULT_TYPE: serves the files in ROOT on a free port (NGINX_PORT,
# NGINX_URL), worker_processes auto, access_log off, in the foreground as our child.
bench_start_nginx() {
  local root=$1 type=$2 probe_file
  NGINX_PORT=$(bench_free_port)
  NGINX_URL="http://127.0.0.1:$NGINX_PORT"
  cat >"$BENCH_WORK/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $BENCH_WORK/nginx.pid;
error_log $BENCH_WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $root;
    location / { default_type $type; }
  }
}
CONF
  nginx -c "$BENCH_WORK/nginx.conf" &
  NGINX_PID=$!
  bench_track "$NGINX_PID"
  probe_file=$(cd "$root" && ls | head -n 1)
  bench_wait_for "$NGINX_URL/$probe_file" "$NGINX_PID" 10 "$BENCH_WORK/nginx-error.log"
}

# Median of the numbers given as arguments.
bench_median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_result_field FILE NAME: a value from the `wrk-result name=value ...` line that
# bench/report.lua prints at the end of a wrk run (empty when wrk printed none).
bench_result_field() {
  awk -v name="$2" '/^wrk-result / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) print kv[2] } }' "$1"
}

# bench_seconds 30s|2m|1h|45: a wrk duration in seconds.
bench_seconds() {
  case "$1" in
    *h) echo $(( ${1%h} * 3600 )) ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}

# bench_check DESCRIPTION AWK_CONDITION: prints PASS or FAIL; failures are counted in
# BENCH_FAILURES, for the script's exit status.
BENCH_FAILURES=0
bench_check() {
  if awk "BEGIN { exit !($2) }"; then
    printf '  PASS  %s\n' "$1"
  else
    printf '  FAIL  %s\n' "$1"
    BENCH_FAILURES=$((BENCH_FAILURES + 1))
  fi
}

# What the app logged besides requests (request logging is off): errors from a stall show here.
bench_app_log_summary() {
  local lines
  lines=$(grep -ciE 'error|warning|critical' "$BENCH_WORK/app.log" || true)
  if [ "$lines" -gt 0 ]; then
    echo "app log: $lines lines with errors or warnings; the first few:"
    grep -iE 'error|warning|critical' "$BENCH_WORK/app.log" | cut -c1-240 | head -n 5 | sed 's/^/  /'
  else
    echo "app log: no errors or warnings"
  fi
}

# ---------------------------------------------------------------------------------------------
# Browser sessions, journal entries, restarts and SQL, for the page benchmarks (today, scale)

# bench_browser_cookie EMAIL: signs in through the form at /login as a browser does (the form
# token from GET /login, its cookie, the app's own Origin; bench/probe.py's sign_in, which also
# checks that the session is seen) and prints the Cookie header value to send with page requests.
bench_browser_cookie() {
  local password_file="$BENCH_WORK/password.txt"
  printf '%s\n' "$BENCH_PASSWORD" >"$password_file"
  python3 - "$APP_URL" "$1" "$password_file" <<'PY' || bench_die "signing $1 in through /login failed"
import sys, urllib.parse
sys.path.insert(0, "bench")
import probe
url = urllib.parse.urlsplit(sys.argv[1])
with open(sys.argv[3], encoding="utf-8") as f:
    password = f.read().rstrip("\n")
print(probe.sign_in(url.hostname, url.port, sys.argv[2], password, 30.0))
PY
}

# bench_write_journal TOKEN COUNT: writes COUNT journal entries over the API
# (POST /api/v1/me/journal), each with a prompt, a feeling and a few sentences.
bench_write_journal() {
  local token=$1 count=$2
  python3 - "$APP_URL" "$token" "$count" <<'PY' || bench_die "writing journal entries failed"
import http.client, json, sys, urllib.parse
url = urllib.parse.urlsplit(sys.argv[1])
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
feelings = ["calm", "tired", "sad", "anxious", "hopeful", "grateful", "overwhelmed", "relieved"]
for i in range(int(sys.argv[3])):
    body = {
        "body": f"Entry {i + 1}. The meeting went less badly than I feared. I noticed the old voice saying "
                "I had ruined it, and I answered it the way I would answer a friend: you prepared, you "
                "listened, one awkward moment is not the whole of you.",
        "prompt": "What would you say to a friend who felt this way?",
        "feeling": feelings[i % len(feelings)],
    }
    conn.request("POST", "/api/v1/me/journal", body=json.dumps(body),
                 headers={"Authorization": f"Bearer {sys.argv[2]}", "Content-Type": "application/json"})
    answer = conn.getresponse()
    text = answer.read()
    if answer.status != 201:
        sys.exit(f"POST /api/v1/me/journal answered {answer.status}: {text[:200]!r}")
PY
}

# Stops the app started by bench_start_app (bench_start_app starts it again, on a new port).
bench_stop_app() {
  local pid kept=()
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  for pid in "${BENCH_PIDS[@]}"; do [ "$pid" = "$APP_PID" ] || kept+=("$pid"); done
  BENCH_PIDS=("${kept[@]}")
}

# bench_psql ARGS...: psql on the app's PostgreSQL database (DATABASE_URL), stopping at the first error.
bench_psql() {
  local psql_bin
  psql_bin=$(command -v psql || echo "$BENCH_PG_BIN/psql")
  "$psql_bin" "$DATABASE_URL" -v ON_ERROR_STOP=1 -q "$@"
}

# ---------------------------------------------------------------------------------------------
# One client reading their own safety plan over the API (audited-read.sh, audited-read-cost.sh)

# bench_safety_plan_setup: the release app with one client, their token (TOKEN, and BENCH_HEADER
# to send it) and a saved plan, and nginx serving the app's answer for it as
# $NGINX_URL/safety-plan.json (the file is BENCH_PLAN_ANSWER).
bench_safety_plan_setup() {
  bench_need wrk nginx curl python3
  bench_build
  bench_database
  bench_create_clients 1
  bench_start_app
  bench_client_tokens 1
  TOKEN=$(awk 'NR == 1 { print $2 }' "$BENCH_TOKENS_FILE")
  # The same header goes to app and nginx alike: nginx ignores it.
  BENCH_HEADER="Authorization: Bearer $TOKEN"
  mkdir -p "$BENCH_WORK/www"
  BENCH_PLAN_ANSWER="$BENCH_WORK/www/safety-plan.json"
  curl -sSf "$APP_URL/api/v1/me/safety-plan" -H "$BENCH_HEADER" -o "$BENCH_PLAN_ANSWER"
  bench_start_nginx "$BENCH_WORK/www" application/json
}

# ---------------------------------------------------------------------------------------------
# The app against nginx, side by side (audited-read.sh, today.sh)

# bench_measure NAME URL CONNECTIONS: one wrk run with BENCH_HEADER (a whole header line, sent to
# app and nginx alike). Sets RPS (2xx answers per second) and NOTE (latency and anything that
# wasn't a 2xx); app answers other than 2xx are added up in APP_NOT_OK. Uses THREADS, DURATION
# and TIMEOUT.
BENCH_RUN_NUMBER=0
APP_NOT_OK=0
bench_measure() {
  local name=$1 url=$2 connections=$3 out threads
  BENCH_RUN_NUMBER=$((BENCH_RUN_NUMBER + 1))
  out="$BENCH_WORK/wrk-$BENCH_RUN_NUMBER-$name-c$connections.out"
  threads=$(( THREADS < connections ? THREADS : connections ))
  wrk -t"$threads" -c"$connections" -d"$DURATION" --timeout "$TIMEOUT" -s bench/report.lua \
    -H "$BENCH_HEADER" "$url" >"$out" 2>&1 || { cat "$out" >&2; bench_die "wrk failed"; }
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

# bench_against_nginx APP_URL NGINX_URL: one run at each of LOW_CONNECTIONS for each, printed,
# then ROUNDS alternating rounds at CONNECTIONS (so a slow moment on a shared machine hits both
# alike). Sets APP_RPS and NGINX_RPS, the medians.
bench_against_nginx() {
  local app_url=$1 nginx_url=$2 connections round app_note
  for connections in $LOW_CONNECTIONS; do
    bench_measure app "$app_url" "$connections"
    echo "wrk -c$connections -d$DURATION: app $RPS req/s ($NOTE)"
    bench_measure nginx "$nginx_url" "$connections"
    echo "wrk -c$connections -d$DURATION: nginx $RPS req/s ($NOTE)"
  done
  echo "$ROUNDS alternating rounds of wrk -t$THREADS -c$CONNECTIONS -d$DURATION:"
  local app_runs=() nginx_runs=()
  for round in $(seq 1 "$ROUNDS"); do
    bench_measure app "$app_url" "$CONNECTIONS"
    app_runs+=("$RPS"); app_note=$NOTE
    bench_measure nginx "$nginx_url" "$CONNECTIONS"
    nginx_runs+=("$RPS")
    echo "round $round: app ${app_runs[-1]} req/s ($app_note), nginx ${nginx_runs[-1]} req/s ($NOTE)"
  done
  APP_RPS=$(bench_median "${app_runs[@]}")
  NGINX_RPS=$(bench_median "${nginx_runs[@]}")
  echo "median app:   $APP_RPS requests/s (2xx)"
  echo "median nginx: $NGINX_RPS requests/s (worker_processes auto)"
}
