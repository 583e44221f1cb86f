#!/usr/bin/env bash
# Push ingress throughput, latency, footprint and start-up, measured with wrk from a second process
# on loopback, side by side in one bridge process with
#   - bench/reference.camel.yaml: the minimal durable intake (push id and inbox row in one
#     transaction, committed before the answer, nothing else), the practical limit;
#   - bench/bare.camel.yaml: a platform-http endpoint that does nothing.
#
#   bench/push-ingress.sh            # H2 file database (the embedded default)
#   bench/push-ingress.sh postgres   # PostgreSQL at 127.0.0.1:5432 (database test, user postgres)
#
# Prints: start-up to the first accepted push; req/s, p50, p99 of each endpoint at full load
# (reference and push-new alternate for BENCH_ROUNDS rounds, so both meet the same table sizes);
# the ratios; p50/p99/max of new pushes at a steady BENCH_RATE pushes/s; resident memory under load.
# Needs wrk (Debian: apt-get install wrk). Delivery is off: the figure is the ingress alone.
set -euo pipefail
cd "$(dirname "$0")/.."
database=${1:-h2}
port=${BENCH_PORT:-$(shuf -i 20000-60000 -n 1)}
duration=${BENCH_DURATION:-15s}
warmup=${BENCH_WARMUP:-15s}
rounds=${BENCH_ROUNDS:-2}
rate=${BENCH_RATE:-400}
connections=${BENCH_CONNECTIONS:-16}
threads=2
work=$(mktemp -d)
bridge=
sampler=
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$bridge" ] && { kill "$bridge" 2>/dev/null || true; wait "$bridge" 2>/dev/null || true; }
  [ -z "${BENCH_JFR:-}" ] || cp "$work/bridge.log" "$BENCH_JFR/bridge.log" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
ls target/tccc-bridge-*.jar >/dev/null 2>&1 || mvn -q -B -DskipTests package
# BENCH_LAUNCH, BENCH_FLAGS, BENCH_RECOMMENDED_FLAGS, BENCH_HEAP, BENCH_JAVA25 (bench/launch.sh);
# BENCH_JAVA_OPTS: more JVM flags (e.g. JFR); BENCH_H2_SETTINGS: more H2 settings (";CACHE_SIZE=8192")
. bench/launch.sh
launch=$bench_launch
flags=${BENCH_FLAGS:-recommended}
java_opts="$(bench_java_opts "$flags") ${BENCH_JAVA_OPTS:-}"
app=$(bench_prepare "$launch" "$flags")
jcmd=$(dirname "$(readlink -f "$(command -v "$bench_java")")")/jcmd
# fewer glibc malloc arenas: less resident memory for the same heap (docs/OPERATIONS.md)
[ "$flags" = recommended ] && export MALLOC_ARENA_MAX=2

case "$database" in
  h2) url="jdbc:h2:file:$work/bridge;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0${BENCH_H2_SETTINGS:-}"
      user=sa ;;
  postgres) schema="bench_$(date +%s)_$$"
      psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema"
      url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema"
      user=postgres ;;
  *) echo "usage: $0 [h2|postgres]" >&2; exit 2 ;;
esac

push_url="http://127.0.0.1:$port/tccc/push?action=cdr&version=1"
started=$(date +%s%N)
# shellcheck disable=SC2086
"$bench_java" $java_opts $app --server.port="$port" \
  --spring.datasource.url="$url" --spring.datasource.username="$user" \
  --bridge.delivery.enabled=false \
  --camel.main.routes-include-pattern=file:routes/*.camel.yaml,file:bench/bare.camel.yaml,file:bench/reference.camel.yaml \
  --bridge.http.other.threads=16 --bridge.http.other.queue=256 \
  --logging.level.root=WARN > "$work/bridge.log" 2>&1 &
bridge=$!
# start-up: from the process start to the first push answered ErrCode 0 (503 until the routes run)
accepted=
for _ in $(seq 1 1200); do
  if curl -s -H 'Content-Type: application/json; charset=utf8' -H "X-TCCC-PUSH-UUID: bench-start-$$" \
      --data-binary @examples/cdr.json "$push_url" 2>/dev/null | grep -q '"ErrCode":0'; then
    accepted=$(date +%s%N)
    break
  fi
  kill -0 "$bridge" 2>/dev/null || { cat "$work/bridge.log" >&2; exit 1; }
  sleep 0.02
done
[ -n "$accepted" ] || { echo "no push accepted within 24 s" >&2; tail -50 "$work/bridge.log" >&2; exit 1; }

wrk_run() { # output file, path, wrk options...
  local out=$1 path=$2; shift 2
  wrk -t"$threads" -c"$connections" --latency -s bench/push.lua "$@" "http://127.0.0.1:$port$path" > "$out"
}
row() { # name, wrk output, key the req/s are kept under
  local rps p50 p99 max errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$2")
  p50=$(awk '$1 == "50%" {print $2}' "$2")
  p99=$(awk '$1 == "99%" {print $2}' "$2")
  max=$(awk '$1 == "Latency" {print $4; exit}' "$2")
  errors=$(awk '/Non-2xx/ {n = $5} /Socket errors/ {s = $0} END {print (n ? n : 0) (s ? " (" s ")" : "")}' "$2")
  printf '| %-26s | %9s | %8s | %8s | %8s | %s |\n' "$1" "$rps" "$p50" "$p99" "$max" "$errors"
  echo "$rps" >> "$work/$3.rps"
}

# resident memory, sampled every second while the load runs
( while kill -0 "$bridge" 2>/dev/null; do awk '/^VmRSS/ {print $2}' "/proc/$bridge/status"; sleep 1; done ) \
  > "$work/rss.txt" 2>/dev/null &
sampler=$!

# warm-up of every path (JIT, pools), not reported
wrk_run /dev/null /bench/bare -d"$warmup"
PUSH_IDS=unique wrk_run /dev/null /bench/reference?action=cdr -d"$warmup"
PUSH_IDS=unique wrk_run /dev/null "/tccc/push?action=cdr&version=1" -d"$warmup"

echo "push ingress on $database, wrk -t$threads -c$connections -d$duration, examples/cdr.json ($(wc -c < examples/cdr.json) bytes)"
echo "launch $launch: java $java_opts ${app%% -jar*} -jar ... ($("$bench_java" -version 2>&1 | head -1))"
echo
echo "| endpoint | req/s | p50 | p99 | max | non-2xx |"
echo "|---|---|---|---|---|---|"
wrk_run "$work/wrk.txt" /bench/bare -d"$duration"; row bare "$work/wrk.txt" bare
# BENCH_JFR=<directory>: a JFR recording (jdk's profile settings) of each path's first round
jfr_start() { [ -z "${BENCH_JFR:-}" ] || "$jcmd" "$bridge" JFR.start name="$1" settings=profile >/dev/null; }
jfr_stop() { [ -z "${BENCH_JFR:-}" ] || "$jcmd" "$bridge" JFR.stop name="$1" filename="$(realpath "$BENCH_JFR")/$1.jfr" >/dev/null; }
for round in $(seq 1 "$rounds"); do
  [ "$round" = 1 ] && jfr_start reference
  PUSH_IDS=unique wrk_run "$work/wrk.txt" /bench/reference?action=cdr -d"$duration"
  [ "$round" = 1 ] && jfr_stop reference
  row "reference (round $round)" "$work/wrk.txt" reference
  [ "$round" = 1 ] && jfr_start push-new
  PUSH_IDS=unique wrk_run "$work/wrk.txt" "/tccc/push?action=cdr&version=1" -d"$duration"
  [ "$round" = 1 ] && jfr_stop push-new
  row "push-new (round $round)" "$work/wrk.txt" push-new
done
PUSH_IDS=same wrk_run "$work/wrk.txt" "/tccc/push?action=cdr&version=1" -d"$duration"
row push-duplicate "$work/wrk.txt" push-duplicate
PUSH_IDS=unique PUSH_RATE=$rate WRK_THREADS=$threads wrk_run "$work/wrk.txt" "/tccc/push?action=cdr&version=1" \
  -d"$duration"
row "push-new at $rate/s" "$work/wrk.txt" steady
rss_now=$(awk '/^VmRSS/ {print $2}' "/proc/$bridge/status")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$bridge/status")
kill "$sampler" 2>/dev/null || true
sampler=
# BENCH_NMT=1 (with -XX:NativeMemoryTracking=summary in BENCH_JAVA_OPTS): where the memory is
[ -z "${BENCH_NMT:-}" ] || "$jcmd" "$bridge" VM.native_memory summary | grep -E '^(Total|-)' | sed 's/^/    /'

echo
mean() { awk '{ s += $1; n++ } END { print s / n }' "$work/$1.rps"; }
awk -v b="$(mean bare)" -v r="$(mean reference)" -v n="$(mean push-new)" -v d="$(mean push-duplicate)" 'BEGIN {
  printf "new pushes / reference: %.2f (means of the rounds)\n", n / r
  printf "ratio to bare: reference %.2f, new pushes %.2f, duplicates %.2f\n", r / b, n / b, d / b }'
awk -v s="$started" -v a="$accepted" 'BEGIN { printf "start-up to the first accepted push: %.2f s\n", (a - s) / 1e9 }'
awk -v now="$rss_now" -v hwm="$hwm" '{ if ($1 > max) max = $1 } END {
  printf "resident memory under load: max %.0f MB sampled, %.0f MB at the end, %.0f MB peak (VmHWM)\n",
    max / 1024, now / 1024, hwm / 1024 }' "$work/rss.txt"
if [ "$database" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -d test -qc "SET client_min_messages = warning; DROP SCHEMA $schema CASCADE"
fi
exit 0
