# Sourced by the bench scripts: builds the benchmarks module and copies its jar and libraries to $1/classpath,
# then sets $classpath. Run from a copy: a build in the checkout meanwhile (mvn install) would rewrite the jars
# under the running JVM. BENCH_BUILD=benchmarks builds only the benchmarks module and takes the other modules as
# installed in ~/.m2 (default: all).
bench_classpath() {
  local root work="$1"
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
  # copy-dependencies keeps a SNAPSHOT jar already in target/lib: empty it, so that no stale module is run
  rm -rf "$root/benchmarks/target/lib"
  case "${BENCH_BUILD:-all}" in
    all) (cd "$root" && mvn -B -q -DskipTests -Dspotless.check.skip=true install -pl benchmarks -am) >&2 ;;
    benchmarks) (cd "$root" && mvn -B -o -q -DskipTests -Dspotless.check.skip=true package -pl benchmarks) >&2 ;;
    *) echo "BENCH_BUILD must be all or benchmarks, found: $BENCH_BUILD" >&2; exit 2 ;;
  esac
  classpath="$work/classpath"
  rm -rf "$classpath" && mkdir -p "$classpath"
  cp -r "$root/benchmarks/target/reproject-benchmarks.jar" "$root/benchmarks/target/lib" "$classpath/"
}
