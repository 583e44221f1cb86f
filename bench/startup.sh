#!/usr/bin/env bash
# Start-up to the first accepted push, side by side: the fat jar as it is (java -Xmx256m -jar), the
# fat jar with the recommended flags, the extracted jar with a class data archive, and, where a Java 25
# is found, the recommended launch (extracted jar on Java 25, ahead-of-time cache, recommended flags;
# bench/launch.sh, docs/OPERATIONS.md). Each start on a fresh H2 database (so
# Flyway creates the schema), BENCH_STARTS rounds, the variants alternating.
#
#   bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${BENCH_STARTS:-3}
ls target/tccc-bridge-*.jar >/dev/null 2>&1 || mvn -q -B -DskipTests package
. bench/launch.sh
work=$(mktemp -d)
bridge=
trap '[ -n "$bridge" ] && { kill "$bridge" 2>/dev/null; wait "$bridge" 2>/dev/null; }; rm -rf "$work"' EXIT
variants="jar:none jar:recommended cds:recommended"
[ -z "$java25" ] || variants="$variants aot:recommended"
for v in $variants; do bench_prepare "${v%%:*}" "${v##*:}" > "$work/${v/:/-}.app"; done

start_once() { # launch, flags: prints seconds to the first push answered ErrCode 0
  local port db started app
  port=$(shuf -i 20000-60000 -n 1)
  db="$work/db-$RANDOM"
  app=$(cat "$work/$1-$2.app")
  started=$(date +%s%N)
  # shellcheck disable=SC2046,SC2086
  ( [ "$2" = recommended ] && export MALLOC_ARENA_MAX=2
    java=java; [ "$1" = aot ] && java=$java25
    exec "$java" $(bench_java_opts "$2") $app --server.port="$port" --bridge.delivery.enabled=false \
      --spring.datasource.url="jdbc:h2:file:$db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0" \
      --logging.level.root=WARN > "$work/log" 2>&1 ) &
  bridge=$!
  for _ in $(seq 1 3000); do
    if curl -s -H 'Content-Type: application/json; charset=utf8' -H "X-TCCC-PUSH-UUID: start-$RANDOM" \
        --data-binary @examples/cdr.json "http://127.0.0.1:$port/tccc/push?action=cdr&version=1" 2>/dev/null \
        | grep -q '"ErrCode":0'; then
      awk -v s="$started" -v a="$(date +%s%N)" 'BEGIN { printf "%.2f", (a - s) / 1e9 }'
      break
    fi
    sleep 0.02
  done
  kill "$bridge"; wait "$bridge" 2>/dev/null || true; bridge=
}

echo "start-up to the first accepted push (s), fresh H2 database, $starts rounds ($(java -version 2>&1 | head -1)${java25:+; aot: $("$java25" -version 2>&1 | head -1)})"
echo "| launch | flags | starts | median |"
echo "|---|---|---|---|"
declare -A times
for _ in $(seq 1 "$starts"); do
  for v in $variants; do times[$v]="${times[$v]:-} $(start_once "${v%%:*}" "${v##*:}")"; done
done
for v in $variants; do
  median=$(echo "${times[$v]}" | tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  echo "| ${v%%:*} | ${v##*:} | ${times[$v]} | $median |"
done
echo "recommended flags: -Xmx$heap $recommended_flags, MALLOC_ARENA_MAX=2"
