#!/usr/bin/env bash
# cfsecrets next to wrangler 4.80.0 on one local emulator: cold-start wall time of a read (quota / store list, and
# secret list) and the time to write 100 secrets (one push against 100 `secret create` calls).
#
# Everything runs inside a new network namespace that has only the loopback interface, so neither tool can reach
# anything but the emulator on 127.0.0.1 (wrangler's metrics, error reports and update check are also switched off).
# cfsecrets is the tool exactly as a user runs it: `dotnet tool install --tool-path` from the packed packages (the
# pointer package, which takes the package for this machine's runtime), started through the installed command.
# Needs: the .NET SDK, Node.js 20, hyperfine, jq, and root for `unshare -n`. Results go to ../results/cli/.
#
#   bash build/performance/cli-benchmark/run.sh                  # RUNS=10 by default; WRANGLER_CREATES=100
#   PACKAGES=DIR bash build/performance/cli-benchmark/run.sh     # install from packages packed before (else: dotnet pack here)
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"   # run again inside the namespace, from any directory
cd "$(dirname "$0")"
runs=${RUNS:-10}
creates=${WRANGLER_CREATES:-100}
root=$(cd ../../.. && pwd)
results=../results/cli   # the measurements, beside the other performance results
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Outside the namespace: install and build (these need the package registries).
if [ -z "${CLI_BENCH_NETNS:-}" ]; then
  mkdir -p "$results" out
  [ -d node_modules/wrangler ] || npm ci --no-audit --no-fund --ignore-scripts
  dotnet build "$root/src/CloudflareSecrets.Emulator" -c Release -v q -nologo >/dev/null
  packages=${PACKAGES:-}
  if [ -z "$packages" ]; then
    packages="$PWD/out/packages"
    rm -rf "$packages"
    dotnet pack "$root/src/CloudflareSecrets.Cli" -c Release -o "$packages" -v q -nologo >/dev/null
  fi
  packages=$(cd "$packages" && pwd)
  version=$(dotnet msbuild "$root/src/CloudflareSecrets.Cli" -getProperty:Version)
  # A fresh tool folder and package folder: the installed tool is the one packed, never an older namesake.
  rm -rf out/tool
  NUGET_PACKAGES="$PWD/out/tool/packages" dotnet tool install CloudflareSecrets.Cli --version "$version" \
    --tool-path out/tool --add-source "$packages" >/dev/null
  # The installed command is a link into the tool's store, to the package the installer picked.
  installed=$(ls -d out/tool/.store/cloudflaresecrets.cli/"$version"/cloudflaresecrets.cli.*/"$version")
  echo "installed $(basename "$(dirname "$installed")") $version: $(du -sh "$installed" | cut -f1) on disk" | tee "$results"/installed.txt
  exec unshare --net env CLI_BENCH_NETNS=1 RUNS="$runs" WRANGLER_CREATES="$creates" bash "$self" "$@"
fi
ip link set lo up

port=18790
dotnet "$root/src/CloudflareSecrets.Emulator/bin/Release/net10.0/CloudflareSecrets.Emulator.dll" --urls "http://127.0.0.1:$port" --max-stores 1 --max-secrets 1000 > "$results"/emulator.log 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q listening "$results"/emulator.log && break; sleep 0.2; done

export CLOUDFLARE_API_TOKEN=emulator-token
export CLOUDFLARE_ACCOUNT_ID=0123456789abcdef0123456789abcdef
export CLOUDFLARE_BASE_URL="http://127.0.0.1:$port/client/v4/"
export CLOUDFLARE_API_BASE_URL="http://127.0.0.1:$port/client/v4"
export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false WRANGLER_HIDE_BANNER=true
cfs=out/tool/cfsecrets
wrangler=node_modules/.bin/wrangler

store=$($cfs store create bench --json | sed -n 's/.*"id": "\(.*\)".*/\1/p')
for i in $(seq -w 1 20); do echo "SEED_$i=seed value $i"; done | $cfs push - > /dev/null

{ echo "cfsecrets $(git -C "$root" rev-parse --short HEAD) ($(cat "$results"/installed.txt)), wrangler $($wrangler --version), node $(node --version), dotnet $(dotnet --version)";
  echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u +%FT%TZ)"; } > "$results"/machine.txt

echo "== start-up: one read each, cold process, $runs runs"
hyperfine -N --warmup 2 --runs "$runs" --export-json "$results"/startup.json --export-markdown "$results"/startup.md \
  -n "cfsecrets quota" "$cfs quota" \
  -n "wrangler secrets-store store list --remote" "$wrangler secrets-store store list --remote" \
  -n "cfsecrets secret list" "$cfs secret list --store $store" \
  -n "wrangler secrets-store secret list --remote" "$wrangler secrets-store secret list $store --remote"

# Mean and median wall time and the CPU time (user + sys) of each command, and wrangler's ÷ cfsecrets' for both pairs:
# on a loaded machine the CPU time is the steadier measure.
jq -r '.results[] | "\(.command)\tmean \(.mean * 1000 | round) ms\tmedian \(.median * 1000 | round) ms\tcpu \((.user + .system) * 1000 | round) ms"' "$results"/startup.json | tee "$results"/startup-summary.txt
jq -r '[.results[] | {(.command): .}] | add as $r |
  [["quota vs store list", "cfsecrets quota", "wrangler secrets-store store list --remote"],
   ["secret list", "cfsecrets secret list", "wrangler secrets-store secret list --remote"]][] |
  "\(.[0]): wall (mean) \($r[.[2]].mean / $r[.[1]].mean * 10 | round / 10)x, wall (median) \($r[.[2]].median / $r[.[1]].median * 10 | round / 10)x, cpu \(($r[.[2]].user + $r[.[2]].system) / ($r[.[1]].user + $r[.[1]].system) * 10 | round / 10)x"' \
  "$results"/startup.json | tee -a "$results"/startup-summary.txt

echo "== 100 secrets: one push against $creates wrangler calls"
for i in $(seq -w 1 100); do echo "PUSHED_$i=pushed value $i"; done > out/push.env
# Each push run starts from the 20 seed secrets: the prepare step deletes what the previous run created.
hyperfine -N --runs "$runs" --export-json "$results"/push.json --export-markdown "$results"/push.md \
  --prepare "bash -c 'for i in \$(seq -w 1 20); do echo SEED_\$i=seed; done | $cfs push - --prune --store $store > /dev/null'" \
  -n "cfsecrets push (100 new secrets)" "$cfs push out/push.env --store $store"
$cfs push <(for i in $(seq -w 1 20); do echo "SEED_$i=seed"; done) --prune --store "$store" > /dev/null

start=$(date +%s.%N)
for i in $(seq -w 1 "$creates"); do
  $wrangler secrets-store secret create "$store" --name "WRANGLER_$i" --scopes workers --value "wrangler value $i" --remote > /dev/null
done
end=$(date +%s.%N)
count=$($cfs secret list --store "$store" --search WRANGLER_ --json | grep -c '"name"')
echo "$creates wrangler secrets-store secret create calls: $(echo "$end - $start" | bc) s wall, $count secrets created" | tee "$results"/wrangler-creates.txt
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$results"/machine.txt
