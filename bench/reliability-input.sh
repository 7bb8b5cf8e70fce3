#!/usr/bin/env bash
# The bad-input corpus and the live soak of the reliability suite (RELIABILITY.md), on the sandbox's
# real local servers (S3Proxy and dynalite behind the fault proxy, the KRaft broker), the commands in their own
# JVMs with small heaps and GC logs:
#   bench/reliability-input.sh corpus [WORK_DIR]                    the corpus with the 2 GiB gzip bomb
#   bench/reliability-input.sh soak [MINUTES] [WORK_DIR]            live for MINUTES (default 10) at RATE events/s
#   bench/reliability-input.sh all [MINUTES] [WORK_DIR]             both
# Environment: RATE (default 200 events/s), THROTTLE (fraction of UpdateItem calls throttled, default 0.1),
# BOMB_BYTES (default 2147483648), HEAP (the commands' -Xmx: default 768m for the corpus, 512m for live).
# Needs dynalite (`npm ci --prefix sandbox`) and the sandbox's Kafka classpath. BENCH_BUILD as in bench/live.sh.
# Prints every check and figure; exits 1 if a check failed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
what="${1:-all}"; shift || true
case "$what" in
  corpus) minutes=0; work="${1:-/tmp/reproject-reliability-input}" ;;
  soak|all) minutes="${1:-10}"; work="${2:-/tmp/reproject-reliability-input}" ;;
  *) echo "usage: $0 corpus|soak|all [MINUTES] [WORK_DIR]" >&2; exit 2 ;;
esac
source "$root/bench/classpath.sh"
bench_classpath "$work"
cp=( -cp "$classpath/reproject-benchmarks.jar:$classpath/lib/*" )
echo "uptime at start: $(uptime)" >&2
status=0
if [[ "$what" == corpus || "$what" == all ]]; then
  rm -rf "$work/corpus"
  java -Xmx1g ${BENCH_JAVA_OPTS:-} "${cp[@]}" dev.reproject.benchmarks.reliability.input.InputCorpus \
    "$work/corpus" "${BOMB_BYTES:-2147483648}" "${HEAP:-768m}" || status=$?
fi
if [[ "$what" == soak || "$what" == all ]]; then
  rm -rf "$work/soak"
  java -Xmx2g ${BENCH_JAVA_OPTS:-} "${cp[@]}" dev.reproject.benchmarks.reliability.soak.Soak \
    "$work/soak" "$((minutes * 60))" "${RATE:-200}" "${THROTTLE:-0.1}" "${HEAP:-512m}" || status=$?
fi
echo "uptime at end: $(uptime)" >&2
exit "$status"
