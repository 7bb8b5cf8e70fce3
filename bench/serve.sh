#!/usr/bin/env bash
# Measures serve under load (BENCHMARKS.md): ORDERS orders of CONSUMERS consumers written into a fresh dynalite
# table, then raw GSI queries (the ones findOrderHistory pages need, straight from the DynamoDB client) against
# findOrderHistory pages over HTTP through serve's Jetty server, CLIENTS threads each, SECONDS a phase, ROUNDS
# times, alternating which goes first (short phases, many rounds: the machine's other load varies); then serve with 50 clients trickling a request and 50 reading slowly, then 128 clients at once
# (above --threads 16 + --queue 64) for 503s. One JVM; serve's access log goes to WORK_DIR/access.log.
#   bench/serve.sh [WORK_DIR] [ORDERS] [CONSUMERS] [CLIENTS] [SECONDS] [ROUNDS]
#   e.g. bench/serve.sh /tmp/reproject-serve-bench 20000 200 32 8 8
# Needs dynalite (`npm ci --prefix sandbox`). BENCH_BUILD=benchmarks builds only the benchmarks module and takes the
# other modules as installed in the Maven repository (MAVEN_OPTS=-Dmaven.repo.local=… names another one than
# ~/.m2). BENCH_JAVA_OPTS adds JVM options.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
work="${1:-/tmp/reproject-serve-bench}"; shift || true
source "$root/bench/classpath.sh"
bench_classpath "$work-classpath"
echo "uptime at start: $(uptime)" >&2
status=0
java -Xmx2g -Dreproject.accessLog="$work-access.log" ${BENCH_JAVA_OPTS:-} \
  -cp "$classpath/reproject-benchmarks.jar:$classpath/lib/*" \
  dev.reproject.benchmarks.ServeBenchmark "$work" "$@" || status=$?
echo "uptime at end: $(uptime)" >&2
echo "access log: $(wc -l < "$work-access.log") lines in $work-access.log" >&2
exit "$status"
