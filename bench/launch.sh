# Sourced by the benchmark scripts: how the bridge is started.
#   BENCH_LAUNCH=aot (the default where a Java 25 is found): the jar extracted (java -Djarmode=tools
#     -jar ... extract) and run on Java 25 with an ahead-of-time cache (-XX:AOTCache) made by one
#     training run, as docs/OPERATIONS.md recommends;
#   BENCH_LAUNCH=cds (the default on Java 17 alone): the same, with a class data archive
#     (-XX:SharedArchiveFile) instead;
#   BENCH_LAUNCH=jar: java -jar on the fat jar.
#   BENCH_JAVA25: the java of a Java 25 (default: the first of /usr/lib/jvm/*-25-*/bin/java).
#   BENCH_FLAGS=recommended (default): the JVM flags of docs/OPERATIONS.md; BENCH_FLAGS=none: only -Xmx.
# Sets bench_launch and bench_java (the launch and its java), and, through bench_java_opts and
# bench_prepare, the arguments that start the bridge.

bench_jar=$(ls target/tccc-bridge-*.jar | head -1)
heap=${BENCH_HEAP:-256m}
java25=${BENCH_JAVA25:-$(ls /usr/lib/jvm/*-25-*/bin/java 2>/dev/null | head -1)}
if [ -n "$java25" ]; then bench_launch=${BENCH_LAUNCH:-aot}; else bench_launch=${BENCH_LAUNCH:-cds}; fi
bench_java=java
if [ "$bench_launch" = aot ]; then
  [ -n "$java25" ] || { echo "BENCH_LAUNCH=aot needs a Java 25 (BENCH_JAVA25)" >&2; exit 2; }
  bench_java=$java25
fi
# BENCH_RECOMMENDED_FLAGS: other flags in their place, to compare (the archive is made for them)
recommended_flags=${BENCH_RECOMMENDED_FLAGS:-"-XX:+UseSerialGC -Xms64m -XX:MetaspaceSize=128m"}

bench_java_opts() { # flags
  case "$1" in
    recommended) echo "-Xmx$heap $recommended_flags" ;;
    none) echo "-Xmx$heap" ;;
    *) echo "BENCH_FLAGS is recommended or none" >&2; return 2 ;;
  esac
}

# the extracted application and its archive (class data archive or ahead-of-time cache) under
# target/bench-app/<launch>-<flags>-<hash of the flags>, made again when the jar is newer; the
# training run starts the bridge until its context is refreshed
bench_prepare() { # launch, flags
  local dir java=java archive make use
  [ "$1" = jar ] && { echo "-jar $bench_jar"; return; }
  dir=target/bench-app/$1-$2-$(bench_java_opts "$2" | md5sum | cut -c1-8)
  case "$1" in
    cds) archive=$dir/app.jsa; make="-XX:ArchiveClassesAtExit=$archive"
         use="-XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:class+path=off" ;;
    aot) java=$java25; archive=$dir/app.aot; make="-XX:AOTCacheOutput=$archive -Xlog:aot=off -Xlog:cds=off"
         use="-XX:AOTCache=$archive -Xlog:aot=off -Xlog:cds=off" ;;
    *) echo "BENCH_LAUNCH is aot, cds or jar" >&2; return 2 ;;
  esac
  if [ ! -f "$archive" ] || [ "$bench_jar" -nt "$archive" ]; then
    rm -rf "$dir"
    java -Djarmode=tools -jar "$bench_jar" extract --destination "$dir" >/dev/null
    local training; training=$(mktemp -d)
    # shellcheck disable=SC2046,SC2086
    "$java" $(bench_java_opts "$2") $make -Dspring.context.exit=onRefresh \
      -jar "$dir/$(basename "$bench_jar")" --server.port=0 --bridge.delivery.enabled=false \
      --spring.datasource.url="jdbc:h2:file:$training/bridge;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
      --logging.level.root=WARN > "$training/log" 2>&1 || { cat "$training/log" >&2; rm -rf "$training"; return 1; }
    rm -rf "$training"
  fi
  echo "$use -jar $dir/$(basename "$bench_jar")"
}
