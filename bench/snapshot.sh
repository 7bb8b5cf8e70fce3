#!/usr/bin/env bash
# Measures the snapshot job (BENCHMARKS.md): plain Spark read of the files and full snapshot alternated (--rounds=N
# times each, default 1; each full run's Spark actions to stderr), then an incremental run after 5% more events, for
# each size, in one JVM.
#   bench/snapshot.sh [WORK_DIR] [MASTER] [--rounds=N] [EVENTS...]
#   e.g. bench/snapshot.sh /tmp/bench local[2] --rounds=2 250000 1000000
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
work="${1:-/tmp/reproject-bench}"; shift || true
master="${1:-local[2]}"; shift || true
(cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true install -pl benchmarks -am) >&2
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx8g -cp "$root/benchmarks/target/reproject-benchmarks.jar:$root/benchmarks/target/lib/*" \
  dev.reproject.benchmarks.SnapshotBenchmark "$work" "$master" "$@"
