#!/usr/bin/env bash
# Peer comparison: the same workload with this client (.NET), Cloudflare's official TypeScript SDK and two hand-written
# .NET clients against one local emulator on loopback. Bounded: fixed request counts, a time limit on every step, and
# the emulator is stopped at the end whatever happens.
#
#   bash build/performance/peer-comparison/run.sh            # defaults below; override with environment variables
#   GETS=5000 CREATES=1000 LIST=10000 WARMUP=2000 PORT=18787 ORDER="dotnet baseline-newtonsoft baseline-newtonsoft dotnet" \
#     bash build/performance/peer-comparison/run.sh
#
# Sides: dotnet = this client (SecretsStoreClient), node = Cloudflare's TypeScript SDK, and two baselines showing what
# the HTTP stack costs without the client: baseline-stj = a hand-written .NET HttpClient + System.Text.Json client,
# baseline-newtonsoft = the same calls with HttpClient + Newtonsoft.Json (the serializer this client is built on).
# The default ORDER runs every side twice, the second time in reverse order, so each side runs once early and once
# late. Each side warms up first (WARMUP gets, a whole listing, WARMUP/10 creates), and a discarded round warms the
# emulator before any side runs. The report adds the rounds of each side up and gives this client's requests/s as a
# ratio of each baseline's.
#
# The defaults are sized for steady state (about 5 minutes on 2 cores): with 2,000 warm-up gets and 5,000 measured,
# each phase lasted under a second, the .NET code was still being recompiled by the JIT's tiers, and the client with
# the most code (this one) came out at 0.57-0.66x the baselines; at these sizes the same code measured 0.80-1.08x
# (build/performance/results/peer-comparison.md).
#
# Writes build/performance/peer-comparison/out/{results.jsonl,peer-results.md,emulator.log} (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/../../.."

GETS=${GETS:-40000}
CREATES=${CREATES:-8000}
LIST=${LIST:-50000}
WARMUP=${WARMUP:-10000}
PORT=${PORT:-18787}
ORDER=${ORDER:-dotnet node baseline-stj baseline-newtonsoft baseline-newtonsoft baseline-stj node dotnet}
TOKEN=emulator-token
BASE="http://127.0.0.1:${PORT}/client/v4"
LIST_ACCOUNT=0123456789abcdef0123456789abcdef
DOTNET_ACCOUNT=d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0
NODE_ACCOUNT=a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0
STJ_ACCOUNT=b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0
NEWTONSOFT_ACCOUNT=c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0
WARM_ACCOUNT=e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0
OUT=build/performance/peer-comparison/out
EMULATOR=src/CloudflareSecrets.Emulator/bin/Release/net10.0/CloudflareSecrets.Emulator.dll
# shellcheck source=../emulator.sh (paths are from the repository root)
. build/performance/emulator.sh
BENCH=build/performance/benchmarks/bin/Release/net10.0/CloudflareSecrets.Benchmarks.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if (( GETS > 100000 || CREATES > 20000 || LIST > 50000 || WARMUP > 10000 )); then
  echo "error: counts are capped (GETS<=100000, CREATES<=20000, LIST<=50000, WARMUP<=10000)." >&2
  exit 2
fi

mkdir -p "$OUT"
rm -f "$OUT/results.jsonl" "$OUT/peer-results.md"

echo "== npm ci (cloudflare, pinned by package-lock.json)"
(cd build/performance/peer-comparison && timeout 300 npm ci --no-audit --no-fund --loglevel=error)

echo "== build (Release): emulator and the .NET side"
timeout 600 dotnet build -c Release src/CloudflareSecrets.Emulator/CloudflareSecrets.Emulator.csproj -v quiet -nologo
timeout 600 dotnet build -c Release build/performance/benchmarks/CloudflareSecrets.Benchmarks.csproj -v quiet -nologo

echo "== start the emulator on 127.0.0.1:${PORT}"
# The request budget is set far above the run so the Ratelimit headers never tell a client to wait.
start_emulator "$OUT/emulator.log" --max-stores 10 --max-secrets 100000 \
  --request-budget 1000000000 --request-window 3600

CLOCK_TICKS=$(getconf CLK_TCK 2>/dev/null || echo 100)
common=(--base-url "$BASE" --token "$TOKEN" --emulator-pid "$EMULATOR_PID" --clock-ticks "$CLOCK_TICKS")

echo "== seed: a store of ${LIST} secrets in account ${LIST_ACCOUNT}"
seed=$(timeout 300 dotnet "$BENCH" peer seed --base-url "$BASE" --token "$TOKEN" --account "$LIST_ACCOUNT" --secrets "$LIST")
LIST_STORE=$(node -e 'console.log(JSON.parse(process.argv[1]).store)' "$seed")
GET_SECRET=$(node -e 'console.log(JSON.parse(process.argv[1]).secret)' "$seed")
workload=(--list-account "$LIST_ACCOUNT" --list-store "$LIST_STORE" --get-secret "$GET_SECRET"
  --gets "$GETS" --warmup "$WARMUP" --creates "$CREATES" --list-expected "$LIST")

echo "== warm the emulator (a discarded round)"
timeout 600 dotnet "$BENCH" peer run "${common[@]}" --account "$WARM_ACCOUNT" "${workload[@]}" > /dev/null

for side in $ORDER; do
  case "$side" in
    dotnet)
      echo "== CloudflareSecrets (.NET): ${WARMUP} warm-up gets, then ${GETS} gets, list ${LIST}, ${CREATES} creates"
      timeout 900 dotnet "$BENCH" peer run "${common[@]}" --account "$DOTNET_ACCOUNT" "${workload[@]}" | tee -a "$OUT/results.jsonl"
      ;;
    baseline-stj)
      echo "== HttpClient + System.Text.Json (.NET baseline): the same"
      timeout 900 dotnet "$BENCH" peer run "${common[@]}" --client stj --account "$STJ_ACCOUNT" "${workload[@]}" | tee -a "$OUT/results.jsonl"
      ;;
    baseline-newtonsoft)
      echo "== HttpClient + Newtonsoft.Json (.NET baseline): the same"
      timeout 900 dotnet "$BENCH" peer run "${common[@]}" --client newtonsoft --account "$NEWTONSOFT_ACCOUNT" "${workload[@]}" | tee -a "$OUT/results.jsonl"
      ;;
    node)
      echo "== cloudflare (TypeScript SDK): the same"
      timeout 900 node build/performance/peer-comparison/peer.js "${common[@]}" --account "$NODE_ACCOUNT" "${workload[@]}" | tee -a "$OUT/results.jsonl"
      ;;
    *) echo "error: unknown side '$side' in ORDER" >&2; exit 2 ;;
  esac
done

echo "== emulator: $(ps -o times= -p "$EMULATOR_PID" | tr -d ' ') CPU seconds in all"
echo "== results"
node build/performance/peer-comparison/report.js "$OUT/results.jsonl" | tee "$OUT/peer-results.md"
