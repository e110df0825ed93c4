#!/usr/bin/env bash
# Sync benchmark: 100 secrets synced into an empty store and into a store that holds them, by SyncSecretsAsync (.NET)
# and by Cloudflare's TypeScript SDK the straightforward way (one call per secret), against one emulator that holds
# every answer back LATENCY_MS, as a network would. Bounded: fixed rounds, a time limit on every step, and the
# emulator is stopped at the end whatever happens.
#
#   bash build/performance/peer-comparison/sync.sh                 # defaults below; override with environment variables
#   SECRETS=100 ROUNDS=5 PARALLELISM=4 LATENCY_MS=50 PORT=18788 bash build/performance/peer-comparison/sync.sh
#
# Writes build/performance/peer-comparison/out/{sync-results.jsonl,sync-results.md,sync-emulator.log} (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/../../.."

SECRETS=${SECRETS:-100}
ROUNDS=${ROUNDS:-5}
PARALLELISM=${PARALLELISM:-4}
LATENCY_MS=${LATENCY_MS:-50}
PORT=${PORT:-18788}
TOKEN=emulator-token
BASE="http://127.0.0.1:${PORT}/client/v4"
OUT=build/performance/peer-comparison/out
EMULATOR=src/CloudflareSecrets.Emulator/bin/Release/net10.0/CloudflareSecrets.Emulator.dll
# shellcheck source=../emulator.sh (paths are from the repository root)
. build/performance/emulator.sh
BENCH=build/performance/benchmarks/bin/Release/net10.0/CloudflareSecrets.Benchmarks.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mkdir -p "$OUT"
rm -f "$OUT/sync-results.jsonl" "$OUT/sync-results.md"

echo "== npm ci (cloudflare, pinned by package-lock.json)"
(cd build/performance/peer-comparison && timeout 300 npm ci --no-audit --no-fund --loglevel=error)

echo "== build (Release): emulator and the .NET side"
timeout 600 dotnet build -c Release src/CloudflareSecrets.Emulator/CloudflareSecrets.Emulator.csproj -v quiet -nologo
timeout 600 dotnet build -c Release build/performance/benchmarks/CloudflareSecrets.Benchmarks.csproj -v quiet -nologo

echo "== start the emulator on 127.0.0.1:${PORT}, ${LATENCY_MS} ms latency"
# A new account per round, one store each (Cloudflare's limit), 100 secrets each (Cloudflare's quota). The request
# budget is set far above the run so the Ratelimit headers never tell a client to wait.
start_emulator "$OUT/sync-emulator.log" --max-stores 1 --max-secrets 100 --latency "${LATENCY_MS}ms" \
  --request-budget 1000000000 --request-window 3600

common=(--base-url "$BASE" --token "$TOKEN" --secrets "$SECRETS" --rounds "$ROUNDS" --latency-ms "$LATENCY_MS")

echo "== SyncSecretsAsync (.NET): ${ROUNDS} rounds after a warm-up round, ${PARALLELISM} updates in flight"
timeout 600 dotnet "$BENCH" sync "${common[@]}" --parallelism "$PARALLELISM" | tee -a "$OUT/sync-results.jsonl"

echo "== cloudflare (TypeScript SDK), one call per secret: the same rounds"
timeout 900 node build/performance/peer-comparison/sync.js "${common[@]}" | tee -a "$OUT/sync-results.jsonl"

echo "== results"
node build/performance/peer-comparison/sync-report.js "$OUT/sync-results.jsonl" | tee "$OUT/sync-results.md"
