#!/usr/bin/env bash
# Paged, indexed lists: the median latency of a signed-in client's Today page and journal list
# (GET /today and GET /journal with a browser session cookie) with 1,000 journal entries stored
# across 10 clients, then with 1,000,000 across 10,000 clients, on the same database.
#
# Run:  bash bench/scale.sh              the release app on SQLite
#       bash bench/scale.sh --postgres   on a throwaway PostgreSQL server (started here on a free
#                                        loopback port, fsync on, stopped at exit)
#       DATABASE_URL=postgres://... bash bench/scale.sh   on an existing, empty database
#       SCALE_TOTAL=20000 SCALE_CLIENTS=200 DURATION=2s ROUNDS=1 bash bench/scale.sh   a quick check
#
# Environment (defaults in brackets):
#   SMALL_TOTAL [1000], SMALL_CLIENTS [10]        entries and clients in the first measurement
#   SCALE_TOTAL [1000000], SCALE_CLIENTS [10000]  the same in the second
#   MEASURED_ENTRIES [100]  entries the measured client writes through the app (part of the totals)
#   ROUNDS [3]              wrk runs per page at each size, alternating Today and the journal
#   DURATION [5s]           each run: wrk -t1 -c1, one request at a time, p50 from bench/report.lua
#   plus TOOLKIT_BIN, SKIP_BUILD, APP_THREADS, KEEP_WORK (see bench/lib.sh)
#
# The measured client is c1@example.org, created with the command line and writing its entries
# over the API. The other clients and their entries are inserted directly while the app is
# stopped (their content is never opened, so it is filler of a sealed entry's length), then the
# database is analysed (on PostgreSQL vacuumed and analysed) and the app started again, and the
# client signs in afresh through the form. Every answer must be a 200. Target: at each page,
# the median of the runs' p50 latency with SCALE_TOTAL entries within 1.5 times that with
# SMALL_TOTAL; the script exits non-zero otherwise.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init "$@"

SMALL_TOTAL=${SMALL_TOTAL:-1000}
SMALL_CLIENTS=${SMALL_CLIENTS:-10}
SCALE_TOTAL=${SCALE_TOTAL:-1000000}
SCALE_CLIENTS=${SCALE_CLIENTS:-10000}
MEASURED_ENTRIES=${MEASURED_ENTRIES:-100}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
TARGET=1.5
PAGES="today journal"

[ "$SMALL_TOTAL" -ge "$MEASURED_ENTRIES" ] && [ "$SCALE_TOTAL" -ge "$SMALL_TOTAL" ] && [ "$SCALE_CLIENTS" -ge "$SMALL_CLIENTS" ] \
  || bench_die "sizes must grow: MEASURED_ENTRIES <= SMALL_TOTAL <= SCALE_TOTAL, SMALL_CLIENTS <= SCALE_CLIENTS"

bench_need wrk curl python3
bench_build
bench_database
if [ -n "${DATABASE_URL:-}" ] && ! command -v psql >/dev/null && [ ! -x "$BENCH_PG_BIN/psql" ]; then
  bench_apt_install postgresql-client
fi
bench_create_clients 1
bench_start_app
bench_log "writing $MEASURED_ENTRIES journal entries for c1@example.org over the API"
bench_write_journal "$(bench_api_token c1@example.org)" "$MEASURED_ENTRIES"
bench_stop_app

# The filler stored as other clients' content: the length of a sealed entry of a few sentences.
FILLER_LENGTH=400

# seed TOTAL CLIENTS: adds clients (bulkN@example.org, ids derived from N) and journal entries
# for them until the database holds TOTAL entries across CLIENTS clients (the measured client
# included). New entries go round the new clients in turn, oldest first, spread over the past
# year, as rows arrive in a real deployment. Then ANALYZE (PostgreSQL: VACUUM ANALYZE), as a
# deployment has statistics.
# The app is stopped meanwhile.
seed() {
  local total=$1 clients=$2
  if [ -n "${DATABASE_URL:-}" ]; then
    seed_postgres "$total" "$clients"
  else
    seed_sqlite "$total" "$clients"
  fi
}

seed_sqlite() {
  python3 - "$DATA_DIR/toolkit.sqlite" "$1" "$2" "$FILLER_LENGTH" <<'PY'
import hashlib, sqlite3, sys, time, uuid

path, total, clients, filler_length = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA busy_timeout = 10000")
db.execute("PRAGMA cache_size = -262144")  # 256 MiB for the index pages while seeding
(therapist,) = db.execute("SELECT id FROM users WHERE email = 't@example.org'").fetchone()
(have_clients,) = db.execute("SELECT COUNT(*) FROM users WHERE role = 'client'").fetchone()
(have_rows,) = db.execute("SELECT COUNT(*) FROM journal_entries").fetchone()
(first,) = db.execute("SELECT COUNT(*) FROM users WHERE email LIKE 'bulk%@example.org'").fetchone()
new_clients, new_rows = clients - have_clients, total - have_rows
if new_rows > 0 and new_clients <= 0:
    sys.exit("seed: no new clients to hold the new entries")

def user_id(n):
    return str(uuid.UUID(hashlib.md5(f"bulk{n}".encode()).hexdigest()))

now_s = int(time.time())
db.execute("BEGIN")
db.executemany(
    "INSERT INTO users (id, created_at, updated_at, therapist_id, email, name, role, password_hash, disabled, totp_enabled) "
    "VALUES (?, ?, ?, ?, ?, ?, 'client', 'never signs in', 0, 0)",
    ((user_id(n), now_s, now_s, therapist, f"bulk{n}@example.org", f"Bench client {n}") for n in range(first + 1, first + new_clients + 1)))
db.execute("COMMIT")

content = "v1:" + ("A" * (filler_length - 3))
end_ms = now_s * 1000 - 86_400_000
start_ms = end_ms - 365 * 86_400_000
step = max(1, (end_ms - start_ms) // max(1, new_rows))
ids = [user_id(n) for n in range(first + 1, first + new_clients + 1)]
batch = 50_000
for offset in range(0, new_rows, batch):
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO journal_entries (id, created_at, updated_at, user_id, shared, content) VALUES (?, ?, ?, ?, 0, ?)",
        ((str(uuid.uuid4()), start_ms + i * step, start_ms + i * step, ids[i % new_clients], content)
         for i in range(offset, min(offset + batch, new_rows))))
    db.execute("COMMIT")
db.execute("ANALYZE")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
(rows,) = db.execute("SELECT COUNT(*) FROM journal_entries").fetchone()
(with_entries,) = db.execute("SELECT COUNT(DISTINCT user_id) FROM journal_entries").fetchone()
print(f"{rows} {with_entries}")
PY
}

seed_postgres() {
  local total=$1 clients=$2 counts have_clients have_rows first new_clients new_rows
  counts=$(bench_psql -At -c "SELECT (SELECT COUNT(*) FROM users WHERE role = 'client'), (SELECT COUNT(*) FROM journal_entries),
                                     (SELECT COUNT(*) FROM users WHERE email LIKE 'bulk%@example.org')")
  IFS='|' read -r have_clients have_rows first <<<"$counts"
  new_clients=$((clients - have_clients)); new_rows=$((total - have_rows))
  [ "$new_rows" -le 0 ] || [ "$new_clients" -gt 0 ] || bench_die "seed: no new clients to hold the new entries"
  # md5('bulkN') as a UUID: the same ids as the SQLite seeding, and no join to spread the rows.
  bench_psql -v first="$first" -v new_clients="$new_clients" -v new_rows="$new_rows" -v filler="$FILLER_LENGTH" <<'SQL'
BEGIN;
INSERT INTO users (id, created_at, updated_at, therapist_id, email, name, role, password_hash, disabled, totp_enabled)
SELECT md5('bulk' || n)::uuid::text, extract(epoch FROM now())::bigint, extract(epoch FROM now())::bigint,
       (SELECT id FROM users WHERE email = 't@example.org'), 'bulk' || n || '@example.org', 'Bench client ' || n,
       'client', 'never signs in', 0, 0
FROM generate_series(:first + 1, :first + :new_clients) AS n;
INSERT INTO journal_entries (id, created_at, updated_at, user_id, shared, content)
SELECT gen_random_uuid()::text, t.at, t.at, md5('bulk' || (:first + 1 + i % :new_clients))::uuid::text, 0,
       'v1:' || repeat('A', :filler - 3)
FROM generate_series(0, :new_rows - 1) AS i,
     LATERAL (SELECT (extract(epoch FROM now())::bigint - 86400 * 366) * 1000
                     + i * greatest(1, (365::bigint * 86400000) / greatest(1, :new_rows)) AS at) AS t;
COMMIT;
-- A deployment's tables have statistics and have been vacuumed: without this, autovacuum
-- would be vacuuming the new rows while the pages are measured.
SET client_min_messages = error;  -- no warnings for the catalogs only their owner may vacuum
VACUUM (ANALYZE);
SQL
  bench_psql -At -F ' ' -c "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM journal_entries"
}

# measure PAGE: one wrk -t1 -c1 run; sets P50 (ms) and adds any answer other than 2xx to NOT_OK.
run_number=0
NOT_OK=0
measure() {
  local page=$1 out
  run_number=$((run_number + 1))
  out="$BENCH_WORK/wrk-$run_number-$LABEL-$page.out"
  wrk -t1 -c1 -d"$DURATION" --timeout 10s -s bench/report.lua -H "Cookie: $COOKIE" "$APP_URL/$page" >"$out" 2>&1 \
    || { cat "$out" >&2; bench_die "wrk failed"; }
  grep -q '^wrk-result ' "$out" || { cat "$out" >&2; bench_die "wrk printed no results"; }
  f() { local v; v=$(bench_result_field "$out" "$1"); echo "${v:-0}"; }
  P50=$(f p50_ms)
  REQUESTS=$(f answered)
  local bad=$(( $(f s3xx) + $(f s4xx) + $(f s429) + $(f s5xx) + $(f sother) + $(f timeouts) + $(f connect_errors) + $(f read_errors) + $(f write_errors) ))
  NOTE="$REQUESTS answers, p90 $(f p90_ms) ms, p99 $(f p99_ms) ms"
  [ "$bad" -eq 0 ] || NOTE="$NOTE; $bad not 2xx or failed"
  NOT_OK=$((NOT_OK + bad))
}

# phase LABEL TOTAL CLIENTS: seeds, starts the app, signs in, checks both pages, warms up, and
# measures ROUNDS runs of each page; the medians go to MEDIAN[label,page].
declare -A MEDIAN
phase() {
  local label=$1 total=$2 clients=$3 stored page round
  LABEL=$label
  bench_log "seeding: $total journal entries across $clients clients (app stopped), then ANALYZE"
  local started=$SECONDS
  stored=$(seed "$total" "$clients")
  bench_log "seeded in $((SECONDS - started)) s: $stored (entries, clients with entries)"
  [ "${stored%% *}" = "$total" ] || bench_die "expected $total entries, found ${stored%% *}"
  if [ -z "${DATABASE_URL:-}" ]; then bench_log "data file: $(du -h "$DATA_DIR/toolkit.sqlite" | cut -f1)"; fi
  bench_start_app
  COOKIE=$(bench_browser_cookie c1@example.org)
  local body
  body=$(curl -sS -H "Cookie: $COOKIE" -w '\n%{http_code}' "$APP_URL/today")
  [ "${body##*$'\n'}" = 200 ] && grep -q "this week" <<<"$body" || bench_die "GET /today with the session isn't the client's page"
  body=$(curl -sS -H "Cookie: $COOKIE" -w '\n%{http_code}' "$APP_URL/journal")
  [ "${body##*$'\n'}" = 200 ] && grep -q "Older entries" <<<"$body" || bench_die "GET /journal with the session isn't the client's first page"
  # Warm up (caches, connections, the database's pages), not counted.
  for page in $PAGES; do
    wrk -t1 -c1 -d2s -H "Cookie: $COOKIE" "$APP_URL/$page" >/dev/null 2>&1 || true
  done
  local -A runs
  for round in $(seq 1 "$ROUNDS"); do
    for page in $PAGES; do
      measure "$page"
      runs[$page]="${runs[$page]:-} $P50"
      echo "$label ($total entries, $clients clients) round $round: GET /$page p50 $P50 ms ($NOTE)"
    done
  done
  for page in $PAGES; do
    # shellcheck disable=SC2086
    MEDIAN[$label,$page]=$(bench_median ${runs[$page]})
  done
  bench_app_log_summary
  bench_stop_app
  mv "$BENCH_WORK/app.log" "$BENCH_WORK/app-$label.log"
}

echo "Lists at scale: GET /today and GET /journal for a client with $MEASURED_ENTRIES entries; $BENCH_DB_LABEL"
echo "each run: wrk -t1 -c1 -d$DURATION (one request at a time), p50 latency; $ROUNDS runs per page and size"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
phase small "$SMALL_TOTAL" "$SMALL_CLIENTS"
phase large "$SCALE_TOTAL" "$SCALE_CLIENTS"
echo "load after: $(uptime | sed 's/.*load average/load average/')"

echo
echo "median p50 latency (ms), $SMALL_TOTAL entries -> $SCALE_TOTAL entries:"
failed=0
for page in $PAGES; do
  small=${MEDIAN[small,$page]}; large=${MEDIAN[large,$page]}
  if ! awk -v s="$small" -v l="$large" -v t="$TARGET" -v p="$page" \
      'BEGIN { r = (s > 0) ? l / s : 0; printf "  GET /%-8s %8.3f -> %8.3f ms: ratio %.2f (target: %.1f or less)\n", p, s, l, r, t; exit (r <= t ? 0 : 1) }'; then
    failed=1
  fi
done
if [ "$NOT_OK" -gt 0 ]; then
  echo "answers other than 2xx, timeouts or socket errors: $NOT_OK (every answer should be the page)"
  failed=1
fi
exit "$failed"
