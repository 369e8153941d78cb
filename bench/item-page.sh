#!/usr/bin/env bash
# Item page throughput: the app serving a library item page against nginx serving the same bytes
# as a static file, measured with wrk on this machine in the same run.
#
# Run: bash bench/item-page.sh   (builds the release binary first; needs wrk and nginx)
#      ROUNDS=5 DURATION=5s CONNECTIONS=32 ITEM=self-compassion-break; see bench/lib.sh for more
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_init "$@"
ITEM=${ITEM:-self-compassion-break}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-5}

bench_need wrk nginx curl python3
bench_build
bench_database
bench_start_app

mkdir -p "$BENCH_WORK/www"
curl -sf "$APP_URL/library/$ITEM" -o "$BENCH_WORK/www/item.html"
bench_start_nginx "$BENCH_WORK/www" text/html

echo "page: /library/$ITEM ($(wc -c <"$BENCH_WORK/www/item.html") bytes); $ROUNDS alternating rounds of wrk -t2 -c$CONNECTIONS -d$DURATION"
measure() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'; }
app_runs=(); nginx_runs=()
for round in $(seq 1 "$ROUNDS"); do
  # Alternate the two so that a slow moment on this shared machine hits both alike.
  app_runs+=("$(measure "$APP_URL/library/$ITEM")")
  nginx_runs+=("$(measure "$NGINX_URL/item.html")")
  echo "round $round: app ${app_runs[-1]} req/s, nginx ${nginx_runs[-1]} req/s"
done
app_rps=$(bench_median "${app_runs[@]}")
nginx_rps=$(bench_median "${nginx_runs[@]}")
echo "median app:   $app_rps requests/s"
echo "median nginx: $nginx_rps requests/s (worker_processes auto)"
awk -v a="$app_rps" -v n="$nginx_rps" 'BEGIN { printf "ratio app/nginx: %.2f (target: 0.50 or more)\n", a / n; exit (a / n >= 0.5 ? 0 : 1) }'
