#!/usr/bin/env bash
# The reliability scenarios of server faults and kill points (RELIABILITY.md), against the sandbox's
# real servers (dynalite, S3Proxy, a KRaft broker) with every command in its own JVM; prints one line of figures per
# scenario (runs, kills, records, lost, applied twice, peak heap of the commands' JVMs, seconds).
#   bench/reliability.sh SCENARIO [WORK_DIR] [SIZE] [SEED]
#     SCENARIO  server-faults | kill-points | races | all
#     SIZE      full (default: the figures in RELIABILITY.md) | ci (what ReliabilitySubsetIT runs)
#     SEED      the kill points' seed (default: new, printed); the same seed draws the same points
#   e.g. bench/reliability.sh all /tmp/reliability full 42
# Exit 0 when every scenario ended in exactly the expected state. Needs dynalite (`npm ci --prefix sandbox`).
# BENCH_BUILD=benchmarks builds only the benchmarks module (see bench/classpath.sh); MAVEN_OPTS may name another
# local repository (-Dmaven.repo.local=...).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
scenario="${1:?usage: bench/reliability.sh server-faults|kill-points|races|all [WORK_DIR] [full|ci] [SEED]}"; shift
work="${1:-/tmp/reproject-reliability}"; shift || true
size="${1:-full}"; shift || true
case "$scenario" in server-faults|kill-points|races|all) ;; *) echo "unknown scenario: $scenario" >&2; exit 2 ;; esac
source "$root/bench/classpath.sh"
bench_classpath "$work"
rm -rf "$work/run" && mkdir -p "$work/run"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java -Xmx1g -cp "$classpath/reproject-benchmarks.jar:$classpath/lib/*" \
  dev.reproject.benchmarks.reliability.Reliability "$scenario" "$work/run" "$size" "$@"
