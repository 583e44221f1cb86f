#!/usr/bin/env bash
# Soak: the bridge on PostgreSQL with delivery on (CRM in dry-run, voicemail mails written as
# files) under a steady stream of distinct CDRs, recordings and voicemails, sampled every 10 s:
# heap used, resident memory, live threads, inbox depth (rows not yet delivered) and the
# database connections of the bridge's pool. Writes soak.csv and soak.svg (the curves) to
# target/soak/ and prints a summary (first and last third of the run side by side).
#
#   bench/soak.sh                                  # 30 minutes at about 50 pushes/s
#   SOAK_DURATION=10m SOAK_CONNECTIONS=4 SOAK_DELAY_MS=40 bench/soak.sh
#
# Needs wrk (apt-get install wrk), psql and python3 (for the picture). Outside CI: it takes long.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${SOAK_PORT:-18091}
duration=${SOAK_DURATION:-30m}
connections=${SOAK_CONNECTIONS:-2}
export SOAK_DELAY_MS=${SOAK_DELAY_MS:-40}
out=target/soak
work=$(mktemp -d)
schema="soak_$(date +%s)"
trap 'kill "$load" 2>/dev/null || true; kill "$bridge" 2>/dev/null || true; wait 2>/dev/null || true;
      psql -h 127.0.0.1 -U postgres -d test -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" || true;
      rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
ls target/tccc-bridge-*.jar >/dev/null 2>&1 || mvn -q -B -DskipTests package
mkdir -p "$out"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema"

java -Xmx256m -jar target/tccc-bridge-*.jar --server.port="$port" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" \
  --spring.datasource.username=postgres --spring.datasource.hikari.maximum-pool-size="${SOAK_POOL:-10}" \
  --bridge.crm.mode=dry-run --bridge.mail.mode=file --bridge.mail.outbox-dir="$work/outbox" \
  --logging.level.root=WARN > "$out/bridge.log" 2>&1 &
bridge=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && break
  sleep 0.5
done

wrk -t1 -c"$connections" -d"$duration" -s bench/soak.lua "http://127.0.0.1:$port" > "$out/wrk.txt" &
load=$!

echo "seconds,heap_mb,rss_mb,threads,inbox_depth,db_connections,delivered" > "$out/soak.csv"
start=$(date +%s)
while kill -0 "$load" 2>/dev/null; do
  metrics=$(curl -sf "http://127.0.0.1:$port/actuator/prometheus" || true)
  heap=$(awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {printf "%.1f", sum / 1048576}' <<< "$metrics")
  threads=$(awk '/^jvm_threads_live_threads/ {printf "%d", $NF}' <<< "$metrics")
  connections_now=$(awk '/^hikaricp_connections\{/ {printf "%d", $NF}' <<< "$metrics")
  rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$bridge/status")
  # a sample the database cannot answer now (too many clients, say) is left empty, the soak goes on
  depth=$(psql -h 127.0.0.1 -U postgres -d test -tAqc "SELECT COUNT(*) FROM $schema.tccc_inbox WHERE status <> 'DONE'" || true)
  delivered=$(psql -h 127.0.0.1 -U postgres -d test -tAqc "SELECT COUNT(*) FROM $schema.tccc_inbox WHERE status = 'DONE'" || true)
  echo "$(( $(date +%s) - start )),$heap,$rss,$threads,$depth,$connections_now,$delivered" >> "$out/soak.csv"
  sleep 10
done
cat "$out/wrk.txt"

python3 - "$out" <<'PY'
import csv, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(f"{out}/soak.csv")))
series = [("heap_mb", "heap used (MB)"), ("rss_mb", "resident memory (MB)"), ("threads", "live threads"),
          ("inbox_depth", "inbox depth (rows not delivered)"), ("db_connections", "database connections")]
width, height, pad = 760, 130, 40
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{(height + 20) * len(series) + 30}" '
       'font-family="sans-serif" font-size="12">',
       f'<text x="{pad}" y="16">tccc-bridge soak: {len(rows)} samples every 10 s, {rows[-1]["seconds"]} s, '
       f'{max(int(r["delivered"] or 0) for r in rows)} rows delivered</text>']
summary = []
for i, (key, label) in enumerate(series):
    sampled = [r for r in rows if r[key]]
    values = [float(r[key]) for r in sampled]
    seconds = [float(r["seconds"]) for r in sampled]
    top = max(max(values) * 1.1, 1)
    y0 = 30 + i * (height + 20)
    points = " ".join(f"{pad + (width - 2 * pad) * s / max(seconds[-1], 1):.1f},"
                      f"{y0 + height - height * v / top:.1f}" for s, v in zip(seconds, values))
    svg += [f'<rect x="{pad}" y="{y0}" width="{width - 2 * pad}" height="{height}" fill="none" stroke="#ccc"/>',
            f'<text x="{pad + 4}" y="{y0 + 14}">{label}: min {min(values):g}, max {max(values):g}</text>',
            f'<text x="4" y="{y0 + height}">0</text><text x="4" y="{y0 + 12}">{top:.0f}</text>',
            f'<polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="{points}"/>']
    third = max(1, len(values) // 3)
    first, last = values[:third], values[-third:]
    summary.append(f"| {label} | {sum(first) / len(first):.1f} | {sum(last) / len(last):.1f} | {max(values):g} |")
svg.append("</svg>")
open(f"{out}/soak.svg", "w").write("\n".join(svg))
print("| sample | mean, first third | mean, last third | max |")
print("|---|---|---|---|")
print("\n".join(summary))
print(f"picture: {out}/soak.svg, samples: {out}/soak.csv")
PY
