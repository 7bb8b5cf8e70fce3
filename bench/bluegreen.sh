#!/usr/bin/env bash
# A longer blue/green switch under load (RELIABILITY.md "Blue/green switch"): BlueGreenIT with more orders, more
# client threads, longer phases and several promote-and-rollback rounds. Tables blue (first half of the topic) and
# green (all of it) are rebuilt, caught up and verified; serve follows the alias while THREADS threads query it
# without pause; green is promoted and rolled back ROUNDS times, each table serving DWELL seconds. It fails unless
# every request succeeds and every answer equals the item of the table its X-Reproject-Table header names; it prints
# the requests, the failures and how long each switch took.
#   bench/bluegreen.sh [ORDERS] [THREADS] [DWELL_SECONDS] [ROUNDS]
#   e.g. bench/bluegreen.sh 20000 16 30 4        (about 6 minutes of load on a 2-core machine)
# Also from the environment: BLUEGREEN_ORDERS, BLUEGREEN_THREADS, BLUEGREEN_DWELL, BLUEGREEN_ROUNDS, and
# BLUEGREEN_ALIAS_INTERVAL_MS (serve's --alias-interval; default 2000, serve's own default). Needs dynalite
# (`npm ci --prefix sandbox`) and the modules installed (`mvn -DskipTests install`); MAVEN_OPTS=-Dmaven.repo.local=…
# names another Maven repository than ~/.m2. The log is in ${TMPDIR:-/tmp}/reproject-bluegreen.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
orders="${1:-${BLUEGREEN_ORDERS:-20000}}"
threads="${2:-${BLUEGREEN_THREADS:-16}}"
dwell="${3:-${BLUEGREEN_DWELL:-30}}"
rounds="${4:-${BLUEGREEN_ROUNDS:-4}}"
interval_ms="${BLUEGREEN_ALIAS_INTERVAL_MS:-2000}"
log="${TMPDIR:-/tmp}/reproject-bluegreen.log"
echo "blue/green: $orders orders, $threads threads, $dwell s a table, $rounds rounds, alias read every $interval_ms ms;" \
  "uptime: $(uptime)" >&2
status=0
mvn -B -o -f "$root/pom.xml" verify -pl cli -Dit.test=BlueGreenIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbluegreen.orders="$orders" -Dbluegreen.threads="$threads" -Dbluegreen.dwell="$dwell" \
  -Dbluegreen.rounds="$rounds" -Dbluegreen.aliasIntervalMs="$interval_ms" > "$log" 2>&1 || status=$?
grep -E "BlueGreenIT:|Tests run:.*BlueGreenIT|BUILD|ERROR\] /" "$log" || true
echo "uptime at end: $(uptime); log: $log" >&2
exit "$status"
