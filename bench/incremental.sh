#!/usr/bin/env bash
# Measures incremental snapshots against full ones (BENCHMARKS.md "Incremental snapshots"): for each size, a full
# snapshot, then a layered run after DELTA more events, one after 5% more, and one forced to compact after DELTA more,
# with the rows and bytes each wrote, in one JVM.
#   bench/incremental.sh [WORK_DIR] [MASTER] [DELTA] [EVENTS...]   e.g. bench/incremental.sh /tmp/inc local[2] 50000 1000000 4000000
# Another Maven repository: MAVEN_OPTS=-Dmaven.repo.local=/path/to/m2
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
work="${1:-/tmp/reproject-bench-incremental}"; shift || true
master="${1:-local[2]}"; shift || true
delta="${1:-50000}"; shift || true
. "$root/bench/classpath.sh"
mkdir -p "$work"
bench_classpath "$work"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx6g -cp "$classpath/reproject-benchmarks.jar:$classpath/lib/*" \
  dev.reproject.benchmarks.IncrementalBenchmark "$work" "$master" "$delta" "$@"
