#!/usr/bin/env bash
# Measures the rebuild job (BENCHMARKS.md): for each size, a sample archive and its full snapshot, then the
# rebuild's load into a fresh dynalite table against a plain BatchWriteItem loader of the same items with the same
# number of Spark tasks at 4, 8 and 16 writers (4 rounds, the loads' order reversed every other round; other loads
# and rounds: BENCH_JAVA_OPTS="-Dbench.loads=rebuild×8,plain×4 -Dbench.rounds=2"), DynamoDB calls counted, one JVM.
#   bench/rebuild.sh [WORK_DIR] [MASTER] [ORDERS...]     e.g. bench/rebuild.sh /tmp/rebuild-bench local[2] 20000 80000
# Needs dynalite (`npm ci --prefix sandbox`). BENCH_BUILD=benchmarks builds only the benchmarks module and takes
# the other modules as installed in ~/.m2 (default: all, like bench/snapshot.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
work="${1:-/tmp/reproject-rebuild-bench}"; shift || true
master="${1:-local[2]}"; shift || true
source "$root/bench/classpath.sh"
bench_classpath "$work"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx4g ${BENCH_JAVA_OPTS:-} -cp "$classpath/reproject-benchmarks.jar:$classpath/lib/*" \
  dev.reproject.benchmarks.RebuildBenchmark "$work" "$master" "$@"
