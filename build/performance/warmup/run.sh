#!/usr/bin/env bash
# First call and warm-up, each measurement in a fresh process: this client next to the hand-written HttpClient +
# Newtonsoft.Json and HttpClient + System.Text.Json baselines, over the in-memory canned transport and over loopback
# HTTP against the local emulator. Bounded: fixed counts, a time limit on every step, and the emulator is stopped at
# the end whatever happens.
#
#   bash build/performance/warmup/run.sh                     # defaults below; override with environment variables
#   ROUNDS=5 CANNED_CALLS=10000 HTTP_CALLS=12000 CANNED_OPS=get,create,list HTTP_OPS=get PORT=18788 bash build/performance/warmup/run.sh
#   BENCH_DIR=path/to/a/built/benchmarks/folder bash build/performance/warmup/run.sh   # measure another build (e.g. before a change)
#   BUILDS=before=DIR,after=DIR bash build/performance/warmup/run.sh   # several builds, interleaved round by round (same load for all)
#
# Writes $OUT (default build/performance/warmup/out)/{canned,http}.jsonl (one JSON line per process), warmup-results.md and emulator.log (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/../../.."

ROUNDS=${ROUNDS:-5}
CANNED_CALLS=${CANNED_CALLS:-10000}
HTTP_CALLS=${HTTP_CALLS:-12000}
CANNED_OPS=${CANNED_OPS:-get,create,list}
HTTP_OPS=${HTTP_OPS:-get}
PORT=${PORT:-18788}
TOKEN=emulator-token
BASE="http://127.0.0.1:${PORT}/client/v4"
ACCOUNT=c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0
OUT=${OUT:-build/performance/warmup/out}
EMULATOR=src/CloudflareSecrets.Emulator/bin/Release/net10.0/CloudflareSecrets.Emulator.dll
# shellcheck source=../emulator.sh (paths are from the repository root)
. build/performance/emulator.sh
BENCH_DIR=${BENCH_DIR:-build/performance/benchmarks/bin/Release/net10.0}
BENCH="$BENCH_DIR/CloudflareSecrets.Benchmarks.dll"
BUILDS=${BUILDS:-}
builds=()
if [ -n "$BUILDS" ]; then builds=(--builds "$BUILDS"); fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if (( ROUNDS > 50 || CANNED_CALLS > 200000 || HTTP_CALLS > 200000 )); then
  echo "error: counts are capped (ROUNDS<=50, CANNED_CALLS and HTTP_CALLS<=200000)." >&2
  exit 2
fi

mkdir -p "$OUT"
rm -f "$OUT/canned.jsonl" "$OUT/http.jsonl" "$OUT/warmup-results.md"

echo "== build (Release): emulator and the benchmarks"
timeout 600 dotnet build -c Release src/CloudflareSecrets.Emulator/CloudflareSecrets.Emulator.csproj -v quiet -nologo
if [ "${BENCH_DIR}" = build/performance/benchmarks/bin/Release/net10.0 ]; then
  timeout 600 dotnet build -c Release build/performance/benchmarks/CloudflareSecrets.Benchmarks.csproj -v quiet -nologo
fi

echo "== canned transport: ${ROUNDS} rounds of ${CANNED_OPS}, ${CANNED_CALLS} calls per process"
timeout 1800 dotnet "$BENCH" warmup suite --transport canned --ops "$CANNED_OPS" --rounds "$ROUNDS" --calls "$CANNED_CALLS" "${builds[@]}" \
  --out "$OUT/canned.jsonl" > /dev/null

echo "== start the emulator on 127.0.0.1:${PORT}"
# The request budget is set far above the run so the Ratelimit headers never tell a client to wait.
start_emulator "$OUT/emulator.log" --max-stores 10 --max-secrets 1000 \
  --request-budget 1000000000 --request-window 3600

echo "== seed: a store of 100 secrets"
seed=$(timeout 300 dotnet "$BENCH" peer seed --base-url "$BASE" --token "$TOKEN" --account "$ACCOUNT" --secrets 100)
STORE=$(sed -n 's/.*"store":"\([^"]*\)".*/\1/p' <<< "$seed")
SECRET=$(sed -n 's/.*"secret":"\([^"]*\)".*/\1/p' <<< "$seed")

echo "== warm the emulator (one discarded process per client)"
timeout 600 dotnet "$BENCH" warmup suite --transport http --ops "$HTTP_OPS" --rounds 1 --calls 2000 \
  --base-url "$BASE" --token "$TOKEN" --account "$ACCOUNT" --store "$STORE" --secret "$SECRET" > /dev/null

echo "== loopback HTTP: ${ROUNDS} rounds of ${HTTP_OPS}, ${HTTP_CALLS} calls per process"
timeout 3600 dotnet "$BENCH" warmup suite --transport http --ops "$HTTP_OPS" --rounds "$ROUNDS" --calls "$HTTP_CALLS" "${builds[@]}" \
  --base-url "$BASE" --token "$TOKEN" --account "$ACCOUNT" --store "$STORE" --secret "$SECRET" --out "$OUT/http.jsonl" > /dev/null

echo "== results (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
cat "$OUT/canned.jsonl" "$OUT/http.jsonl" > "$OUT/all.jsonl"
dotnet "$BENCH" warmup report "$OUT/all.jsonl" | tee "$OUT/warmup-results.md"
