#!/usr/bin/env bash
# Measures the live updater (BENCHMARKS.md): for each size, a backlog of Order events produced to a fresh topic on
# the sandbox's KRaft broker, then the live updater catching up on it (--until-caught-up, 16 requests in flight)
# against a plain 16-thread loop of the same conditional UpdateItem calls, each into a fresh dynalite table
# (live, plain, live, plain), in one JVM.
#   bench/live.sh [WORK_DIR] [--archive DIR] [--view NAME] [EVENTS...]     e.g. bench/live.sh /tmp/reproject-live-bench 25000 100000
# --archive DIR: the backlogs are prefixes of an archive made beforehand (`reproject generate --archive DIR ...` with
# any of the generator's options, e.g. longer histories per order) instead of generated with the defaults;
# --view NAME: the view the records go through (default order-history).
# Needs dynalite (`npm ci --prefix sandbox`) and the sandbox's Kafka classpath (built with the sandbox module).
# BENCH_BUILD=benchmarks builds only the benchmarks module and takes the other modules as installed in ~/.m2
# (default: all, like bench/snapshot.sh). BENCH_JAVA_OPTS adds JVM options, e.g. a flight recording.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
work="${1:-/tmp/reproject-live-bench}"; shift || true
source "$root/bench/classpath.sh"
bench_classpath "$work"
echo "uptime at start: $(uptime)" >&2
status=0
java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$classpath/reproject-benchmarks.jar:$classpath/lib/*" \
  dev.reproject.benchmarks.LiveBenchmark "$work" "$@" || status=$?
echo "uptime at end: $(uptime)" >&2
exit "$status"
