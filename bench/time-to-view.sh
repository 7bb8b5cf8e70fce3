#!/usr/bin/env bash
# Time to a current view (BENCHMARKS.md): the same archive and topic, three ways to a table holding every event —
# (a) naive replay from offset 0 (a plain loop of conditional UpdateItem at its best thread count; and through
# `live`), (b) rebuild from a ready snapshot + live catch-up, (c) snapshot --full + rebuild + live catch-up — at the
# generator's density (REVISIONS 0) and at ~10 events per order (REVISIONS 5), every table checked against the
# independent oracle, in one JVM with the sandbox's dynalite and KRaft broker and Spark local[2].
#   bench/time-to-view.sh [WORK_DIR] [ORDERS] [REVISIONS...]   e.g. bench/time-to-view.sh /tmp/reproject-ttv 50000 0 5
# BENCH_BUILD=benchmarks builds only the benchmarks module (see bench/classpath.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
work="${1:-/tmp/reproject-ttv}"; shift || true
source "$root/bench/classpath.sh"
bench_classpath "$work"
echo "uptime at start: $(uptime)" >&2
status=0
java -Xmx6g ${BENCH_JAVA_OPTS:-} -cp "$classpath/reproject-benchmarks.jar:$classpath/lib/*" \
  dev.reproject.benchmarks.TimeToViewBenchmark "$work" "$@" || status=$?
echo "uptime at end: $(uptime)" >&2
exit "$status"
