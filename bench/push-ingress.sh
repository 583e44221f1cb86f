#!/usr/bin/env bash
# Push ingress throughput and latency, measured with wrk from a second process on loopback,
# side by side with a bare platform-http endpoint in the same bridge process.
#
#   bench/push-ingress.sh            # H2 file database (the embedded default)
#   bench/push-ingress.sh postgres   # PostgreSQL at 127.0.0.1:5432 (database test, user postgres)
#
# Needs wrk (Debian: apt-get install wrk). Delivery is off: the figure is the ingress alone.
set -euo pipefail
cd "$(dirname "$0")/.."
database=${1:-h2}
port=${BENCH_PORT:-18090}
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-16}
work=$(mktemp -d)
trap 'kill "$bridge" 2>/dev/null || true; wait "$bridge" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
ls target/tccc-bridge-*.jar >/dev/null 2>&1 || mvn -q -B -DskipTests package

case "$database" in
  h2) url="jdbc:h2:file:$work/bridge;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
      user=sa ;;
  postgres) schema="bench_$(date +%s)"
      psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema"
      url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema"
      user=postgres ;;
  *) echo "usage: $0 [h2|postgres]" >&2; exit 2 ;;
esac

java -Xmx512m -jar target/tccc-bridge-*.jar --server.port="$port" \
  --spring.datasource.url="$url" --spring.datasource.username="$user" \
  --bridge.delivery.enabled=false \
  --camel.main.routes-include-pattern=file:routes/*.camel.yaml,file:bench/bare.camel.yaml \
  --logging.level.root=WARN > "$work/bridge.log" 2>&1 &
bridge=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
  sleep 0.5
done

run() { # name, path, wrk options...
  local name=$1 path=$2; shift 2
  wrk -t2 -c"$connections" -d"$duration" --latency "$@" "http://127.0.0.1:$port$path" > "$work/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt")
  printf '| %-28s | %10s | %8s | %8s | %6s |\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
  echo "$rps" > "$work/$name.rps"
}

# warm-up of both paths (JIT, pools), not reported
wrk -t2 -c"$connections" -d"${BENCH_WARMUP:-30s}" -s bench/push.lua "http://127.0.0.1:$port/bench/bare" >/dev/null
PUSH_IDS=unique wrk -t2 -c"$connections" -d"${BENCH_WARMUP:-30s}" -s bench/push.lua \
  "http://127.0.0.1:$port/tccc/push?action=cdr&version=1" >/dev/null

echo "push ingress on $database, wrk -t2 -c$connections -d$duration, examples/cdr.json ($(wc -c < examples/cdr.json) bytes)"
echo "| endpoint | req/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
run bare /bench/bare -s bench/push.lua
PUSH_IDS=unique run push-new "/tccc/push?action=cdr&version=1" -s bench/push.lua
PUSH_IDS=same run push-duplicate "/tccc/push?action=cdr&version=1" -s bench/push.lua
awk -v b="$(cat "$work/bare.rps")" -v n="$(cat "$work/push-new.rps")" -v d="$(cat "$work/push-duplicate.rps")" \
  'BEGIN { printf "ratio to bare: new pushes %.2f, duplicates %.2f\n", n / b, d / b }'
[ "$database" = postgres ] && psql -h 127.0.0.1 -U postgres -d test -qc "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE"
exit 0
