#!/usr/bin/env bash
# The snapshot job at scale (BENCHMARKS.md): a full snapshot of 10 million events on local[2] in a 4 GB driver heap
# (-Xmx4g), after a 50,000-event warm-up, timed with its Spark actions (stderr) and the old generation's peak use.
#   bench/snapshot-10m.sh [WORK_DIR] [MASTER] [EVENTS]     e.g. bench/snapshot-10m.sh /tmp/bench-10m local[2] 10000000
# Needs ~8 GB of disk under WORK_DIR (the archive ~6 GB, the snapshot ~1.4 GB). BENCH_BUILD=benchmarks builds only
# the benchmarks module (see bench/classpath.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
work="${1:-/tmp/reproject-bench-10m}"; shift || true
master="${1:-local[2]}"; shift || true
events="${1:-10000000}"
source "$root/bench/classpath.sh"
bench_classpath "$work"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2086 # the options are words on purpose
exec java -Xmx4g $spark_module_options -cp "$classpath/reproject-benchmarks.jar:$classpath/lib/*" \
  dev.reproject.benchmarks.SnapshotBenchmark "$work" "$master" --full-only "$events"
