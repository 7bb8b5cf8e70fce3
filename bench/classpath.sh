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

# What spark-submit's launcher adds to a driver JVM on Java 17 (Spark's JavaModuleOptions.defaultModuleOptions()):
# without java.nio opened, a run whose cached blocks must be dropped to disk (a big archive in a small heap) fails in
# Kryo ("Unable to make field final byte[] java.nio.ByteBuffer.hb accessible").
spark_module_options="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false \
  -Dio.netty.tryReflectionSetAccessible=true"
