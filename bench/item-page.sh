#!/usr/bin/env bash
# Item page throughput: the app serving a library item page against nginx serving the same bytes
# as a static file, measured with wrk on this machine in the same run.
#
# Run: bash bench/item-page.sh   (builds the release binary first; needs wrk and nginx)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || apt-get install -y wrk
command -v nginx >/dev/null || apt-get install -y nginx
swift build -c release --product toolkit >/dev/null 2>&1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
APP_PORT=$(free_port)
NGINX_PORT=$(free_port)
ITEM=${ITEM:-self-compassion-break}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
WORK=$(mktemp -d)
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

DATA_DIR="$WORK/data" LOG_REQUESTS=0 .build/release/toolkit serve --port "$APP_PORT" ${APP_THREADS:+--threads "$APP_THREADS"} >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$APP_PORT/healthz" >/dev/null && break; sleep 0.2; done

mkdir -p "$WORK/www"
curl -sf "http://127.0.0.1:$APP_PORT/library/$ITEM" -o "$WORK/www/item.html"
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { default_type text/html; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" &
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$NGINX_PORT/item.html" >/dev/null && break; sleep 0.2; done

ROUNDS=${ROUNDS:-5}
echo "page: /library/$ITEM ($(wc -c <"$WORK/www/item.html") bytes); $ROUNDS alternating rounds of wrk -t2 -c$CONNECTIONS -d$DURATION"
measure() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'; }
app_runs=(); nginx_runs=()
for round in $(seq 1 "$ROUNDS"); do
  # Alternate the two so that a slow moment on this shared machine hits both alike.
  app_runs+=("$(measure "http://127.0.0.1:$APP_PORT/library/$ITEM")")
  nginx_runs+=("$(measure "http://127.0.0.1:$NGINX_PORT/item.html")")
  echo "round $round: app ${app_runs[-1]} req/s, nginx ${nginx_runs[-1]} req/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
app_rps=$(median "${app_runs[@]}")
nginx_rps=$(median "${nginx_runs[@]}")
echo "median app:   $app_rps requests/s"
echo "median nginx: $nginx_rps requests/s (worker_processes auto)"
awk -v a="$app_rps" -v n="$nginx_rps" 'BEGIN { printf "ratio app/nginx: %.2f (target: 0.50 or more)\n", a / n; exit (a / n >= 0.5 ? 0 : 1) }'
