#!/usr/bin/env bash
# Measures verify (BENCHMARKS.md): a correct table of ORDERS items (generated archive, full snapshot, rebuild into
# dynalite), then in the same run `verify` of it against a plain parallel Scan of the same table with the same
# segments (ROUNDS rounds: verify, scan / scan, verify / ...), time and read units (ConsumedCapacity TOTAL) of each.
#   bench/verify.sh [WORK_DIR] [MASTER] [ORDERS] [ROUNDS]     e.g. bench/verify.sh /tmp/verify-bench local[2] 100000 2
# Needs dynalite (`npm ci --prefix sandbox`). BENCH_BUILD=benchmarks builds only the benchmarks module and takes
# the other modules as installed in ~/.m2 (default: all, like bench/rebuild.sh). Not run in CI.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
work="${1:-/tmp/reproject-verify-bench}"; shift || true
master="${1:-local[2]}"; shift || true
source "$root/bench/classpath.sh"
bench_classpath "$work"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx4g -cp "$classpath/reproject-benchmarks.jar:$classpath/lib/*" \
  dev.reproject.benchmarks.VerifyBenchmark "$work" "$master" "$@"
