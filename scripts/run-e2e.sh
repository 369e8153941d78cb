#!/usr/bin/env bash
# Runs the browser suite (e2e/) against a fresh app: an empty SQLite data folder, an admin, a
# therapist and their client created with the CLI, `toolkit serve` on a free loopback port.
# Builds nothing: it uses TOOLKIT_BIN (default .build/debug/toolkit; run `swift build` first).
# Needs chromium, chromium-driver, `pip install selenium axe-selenium-python pytest` and, for a
# current axe-core, `pip install --no-deps axe-playwright-python`.
# Arguments go to pytest, e.g.  bash scripts/run-e2e.sh -k accessibility -x
#                          or  bash scripts/run-e2e.sh e2e/test_sign_in.py
# Screenshots and axe reports land in e2e/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

toolkit=$(realpath "${TOOLKIT_BIN:-.build/debug/toolkit}")
[ -x "$toolkit" ] || { echo "FAIL: $toolkit is missing; run 'swift build' first." >&2; exit 2; }

work=$(mktemp -d -t toolkit-e2e-XXXXXX)
server_pid=""
stop_app() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_app EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# SQLite in a fresh data folder, its key file created there; nothing from the caller's deployment.
app_env=(env -u DATABASE_URL -u TOOLKIT_MASTER_KEY -u PUBLIC_URL -u REQUIRE_TOTP -u LIBRARY_REQUIRES_SIGN_IN -u TRUST_PROXY
         DATA_DIR="$work/data" LOG_REQUESTS=true)

export BASE_URL="http://127.0.0.1:$port"
export E2E_ADMIN_EMAIL=admin@e2e.example.org E2E_ADMIN_NAME="Ada Admin" E2E_ADMIN_PASSWORD="admin passphrase for the e2e suite"
export E2E_THERAPIST_EMAIL=therapist@e2e.example.org E2E_THERAPIST_NAME="Theo Therapist" E2E_THERAPIST_PASSWORD="therapist passphrase for the e2e suite"
export E2E_CLIENT_EMAIL=client@e2e.example.org E2E_CLIENT_NAME="Cleo Client" E2E_CLIENT_PASSWORD="client passphrase for the e2e suite"

create_user() { # role email name password [therapist-email]
  local extra=()
  [ $# -ge 5 ] && extra=(--therapist "$5")
  printf '%s\n' "$4" | "${app_env[@]}" "$toolkit" users create --role "$1" --email "$2" --name "$3" "${extra[@]}" --password-stdin
}
create_user admin "$E2E_ADMIN_EMAIL" "$E2E_ADMIN_NAME" "$E2E_ADMIN_PASSWORD"
create_user therapist "$E2E_THERAPIST_EMAIL" "$E2E_THERAPIST_NAME" "$E2E_THERAPIST_PASSWORD"
create_user client "$E2E_CLIENT_EMAIL" "$E2E_CLIENT_NAME" "$E2E_CLIENT_PASSWORD" "$E2E_THERAPIST_EMAIL"
# Another therapist's client, who must never see the first therapist's own items.
export E2E_OTHER_CLIENT_EMAIL=other-client@e2e.example.org E2E_OTHER_CLIENT_PASSWORD="other client passphrase for the e2e suite"
create_user therapist other-therapist@e2e.example.org "Olive Other" "other therapist passphrase for the e2e suite"
create_user client "$E2E_OTHER_CLIENT_EMAIL" "Otto Other" "$E2E_OTHER_CLIENT_PASSWORD" other-therapist@e2e.example.org
# A client coming back after a week away: three weeks of rituals and practice, the last 8 days ago.
export E2E_RETURNING_EMAIL=returning@e2e.example.org E2E_RETURNING_PASSWORD="returning passphrase for the e2e suite"
create_user client "$E2E_RETURNING_EMAIL" "Rae Returning" "$E2E_RETURNING_PASSWORD" "$E2E_THERAPIST_EMAIL"
"${app_env[@]}" "$toolkit" demo history --client "$E2E_RETURNING_EMAIL" --days 21 --gap 8

"${app_env[@]}" "$toolkit" serve --hostname 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 150); do
  curl -fsS "$BASE_URL/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "FAIL: the app exited at start:"; cat "$work/server.log"; exit 1; }
  sleep 0.2
done
curl -fsS "$BASE_URL/healthz" >/dev/null || { echo "FAIL: the app did not answer at $BASE_URL"; cat "$work/server.log"; exit 1; }
echo "App under test: $BASE_URL (pid $server_pid)"

# The whole suite unless the arguments name test files or folders themselves.
targets=(e2e)
for argument in "$@"; do
  case "$argument" in e2e|e2e/*) targets=() ;; esac
done
set +e
python3 -m pytest "${targets[@]}" "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "FAIL: pytest collected no tests from e2e/ (exit 5); the browser suite should always have tests."
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "--- last lines of the app's log ---"
  tail -n 40 "$work/server.log"
fi
exit "$status"
