# Sourced by the benchmark scripts: how the bridge is started.
#   BENCH_LAUNCH=cds (default): the jar extracted (java -Djarmode=tools -jar ... extract) and run with
#     a class data archive made by one training run, as docs/OPERATIONS.md recommends;
#   BENCH_LAUNCH=jar: java -jar on the fat jar.
#   BENCH_FLAGS=recommended (default): the JVM flags of docs/OPERATIONS.md; BENCH_FLAGS=none: only -Xmx.
# Sets java_opts and app (the arguments that start the bridge).

bench_jar=$(ls target/tccc-bridge-*.jar | head -1)
heap=${BENCH_HEAP:-256m}
recommended_flags="-XX:+UseSerialGC"

bench_java_opts() { # flags
  case "$1" in
    recommended) echo "-Xmx$heap $recommended_flags" ;;
    none) echo "-Xmx$heap" ;;
    *) echo "BENCH_FLAGS is recommended or none" >&2; return 2 ;;
  esac
}

# the extracted application and its class data archive under target/bench-app/<flags>, made again
# when the jar is newer; the training run starts the bridge until its context is refreshed
bench_prepare() { # launch, flags
  local dir=target/bench-app/$2
  [ "$1" = jar ] && { echo "-jar $bench_jar"; return; }
  if [ ! -f "$dir/app.jsa" ] || [ "$bench_jar" -nt "$dir/app.jsa" ]; then
    rm -rf "$dir"
    java -Djarmode=tools -jar "$bench_jar" extract --destination "$dir" >/dev/null
    local training; training=$(mktemp -d)
    # shellcheck disable=SC2046
    java $(bench_java_opts "$2") -XX:ArchiveClassesAtExit="$dir/app.jsa" -Dspring.context.exit=onRefresh \
      -jar "$dir/$(basename "$bench_jar")" --server.port=0 --bridge.delivery.enabled=false \
      --spring.datasource.url="jdbc:h2:file:$training/bridge;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
      --logging.level.root=WARN > "$training/log" 2>&1 || { cat "$training/log" >&2; rm -rf "$training"; return 1; }
    rm -rf "$training"
  fi
  echo "-XX:SharedArchiveFile=$dir/app.jsa -Xlog:cds=off -Xlog:class+path=off -jar $dir/$(basename "$bench_jar")"
}
