#!/usr/bin/env bash
# Consumer smoke test: the packages as a user gets them, not the projects as the repository builds them.
#  1. pack the solution into a temporary folder (or take the packages in --packages DIR);
#  2. list every package and check what it must hold (nuspec, lib/net10.0 assembly + XML docs, README, LICENSE);
#  3. create a fresh console application elsewhere, 'dotnet add package' CloudflareSecrets and CloudflareSecrets.Emulator
#     from that folder, build it with warnings as errors and run it (DI, emulator in process, create/list/duplicate);
#  4. install the emulator's .NET tool from the same folder and call it over HTTP;
#  5. install the cfsecrets CLI from the same folder (the package for this machine's runtime, as a user gets it) and run
#     its commands against that emulator (see the marked step).
#
#   bash build/qa/smoke/run.sh                  pack (Release) into a temporary folder, then test
#   bash build/qa/smoke/run.sh --no-build       the same, packing what the last Release build produced
#   bash build/qa/smoke/run.sh --packages DIR   test the packages in DIR (CI packs into artifacts/packages)
#
# Exit code 0 when every step passed, 1 when one failed (the message says which and why), 2 for bad usage.
# Needs the .NET 10 SDK, unzip, openssl and curl, and the package source the dependencies restore from.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
here="$repo/build/qa/smoke"
account=0123456789abcdef0123456789abcdef
token=emulator-token   # the emulator's well-known default credential, not a secret

packages="" no_build=()
while [ $# -gt 0 ]; do
  case "$1" in
    --packages) [ $# -ge 2 ] && [ -d "$2" ] || { echo "usage: --packages needs an existing folder" >&2; exit 2; }
                packages="$(cd "$2" && pwd)"; shift 2 ;;
    --no-build) no_build=(--no-build); shift ;;
    *) echo "usage: run.sh [--no-build] [--packages DIR]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d -t cloudflaresecrets-smoke.XXXXXX)"
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }
# Runs a command quietly; shows its whole output only when it fails.
quiet() { local log="$work/step.log" rc=0; "$@" >"$log" 2>&1 || rc=$?; [ "$rc" -eq 0 ] || { cat "$log"; fail "'$*' exited with $rc"; }; }

# A package restored into the shared cache once would be reused for every later run of the same version, hiding a
# rebuilt package: this test restores into its own empty folder, so the folder's packages are the ones under test.
export NUGET_PACKAGES="$work/nuget-packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -z "$packages" ]; then
  echo "== smoke: pack into a temporary folder"
  packages="$work/packages"
  quiet dotnet pack "$repo/CloudflareSecrets.sln" -c Release "${no_build[@]}" -o "$packages"
fi

nuspec() { unzip -p "$1" '*.nuspec'; }
nuspec_field() { nuspec "$1" | sed -n "s:.*<$2>\(.*\)</$2>.*:\1:p" | head -n 1; }

echo "== smoke: package contents ($packages)"
library="$(ls "$packages"/CloudflareSecrets.[0-9]*.nupkg 2>/dev/null | head -n 1 || true)"
[ -n "$library" ] || fail "no CloudflareSecrets package in $packages"
version="$(nuspec_field "$library" version)"
for id in CloudflareSecrets CloudflareSecrets.Emulator CloudflareSecrets.Emulator.Tool; do
  [ -f "$packages/$id.$version.nupkg" ] || fail "$id.$version.nupkg is missing from $packages"
done
for pkg in "$packages"/*.nupkg; do
  id="$(nuspec_field "$pkg" id)"
  files="$(unzip -Z1 "$pkg" | sort)"
  echo "$id $(nuspec_field "$pkg" version): $(echo "$files" | wc -l) files"
  echo "$files" | sed 's/^/    /'
  [ "$(nuspec_field "$pkg" version)" = "$version" ] || fail "$id has version $(nuspec_field "$pkg" version), expected $version (one version for all)"
  required=("$id.nuspec" README.md LICENSE)
  if nuspec "$pkg" | grep -q '<packageType name="DotnetTool\(RidPackage\)\?"'; then
    # A tool: tools/net10.0/any/ (framework-dependent), tools/any/any/ (a pointer to RID-specific packages) or
    # tools/any/RID/ (self-contained for one runtime).
    echo "$files" | grep -qE '^tools/[^/]+/[^/]+/DotnetToolSettings\.xml$' || fail "$id: the tool package has no tools/TFM/RID/DotnetToolSettings.xml"
  else
    required+=("lib/net10.0/$id.dll" "lib/net10.0/$id.xml")
  fi
  for file in "${required[@]}"; do
    echo "$files" | grep -qxF "$file" || fail "$id: the package has no $file"
  done
  if echo "$files" | grep -q '\.pdb$'; then fail "$id: a separate .pdb is packed; the PDB belongs inside the assembly"; fi
  nuspec "$pkg" | grep -qF '<license type="expression">MIT</license>' || fail "$id: no MIT license expression"
  nuspec "$pkg" | grep -qF '<readme>README.md</readme>' || fail "$id: no package README declared"
  [ -n "$(nuspec_field "$pkg" description)" ] || fail "$id: no description"
done

echo "== smoke: a fresh console application using CloudflareSecrets $version and CloudflareSecrets.Emulator $version"
# The folder is added to the package sources the machine already has, which the dependencies restore from.
cat >"$work/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="packed" value="$packages" />
  </packageSources>
</configuration>
EOF
app="$work/app"
quiet dotnet new console --output "$app" --name Smoke.Consumer --framework net10.0 --no-restore
rm -f "$app/Program.cs"
cp "$here/consumer/"*.cs "$app/"
(cd "$app" && quiet dotnet add package CloudflareSecrets --version "$version" \
           && quiet dotnet add package CloudflareSecrets.Emulator --version "$version")
grep -o '<PackageReference[^>]*>' "$app/Smoke.Consumer.csproj" | sed 's/^/    /'
for id in CloudflareSecrets CloudflareSecrets.Emulator; do
  lower="$(echo "$id" | tr '[:upper:]' '[:lower:]')"
  restored="$NUGET_PACKAGES/$lower/$version/$lower.$version.nupkg.sha512"
  [ -f "$restored" ] || fail "$id $version was not restored"
  # NuGet records the SHA-512 of the package it used: it must be the file packed here, not a namesake from a feed.
  [ "$(cat "$restored")" = "$(openssl dgst -sha512 -binary "$packages/$id.$version.nupkg" | base64 -w 0)" ] ||
    fail "$id $version was restored from another source than $packages"
done
echo "    both restored from the packed folder (SHA-512 matches)"
(cd "$app" && quiet dotnet build -c Release -warnaserror)
echo "    built with warnings as errors; running it:"
rc=0; dotnet "$app/bin/Release/net10.0/Smoke.Consumer.dll" 2>&1 | sed 's/^/    /' || rc=$?
[ "$rc" -eq 0 ] || fail "the consumer application exited with $rc"

echo "== smoke: the emulator as a .NET tool (CloudflareSecrets.Emulator.Tool $version)"
tools="$work/tools"
(cd "$work" && quiet dotnet tool install CloudflareSecrets.Emulator.Tool --version "$version" --tool-path "$tools")
"$tools/cloudflare-secrets-emulator" --urls http://127.0.0.1:0 >"$work/emulator.out" 2>&1 &
emulator_pid=$!
url=""
for _ in $(seq 1 150); do   # up to 30 s for a cold start on a busy machine
  url="$(sed -n 's|^ *\(http://127\.0\.0\.1:[0-9]*/client/v4/\)$|\1|p' "$work/emulator.out" | head -n 1)"
  [ -n "$url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || break
  sleep 0.2
done
[ -n "$url" ] || { cat "$work/emulator.out"; fail "cloudflare-secrets-emulator did not report a listening address"; }
echo "    cloudflare-secrets-emulator listening at $url"
quota="$(curl -fsS -H "Authorization: Bearer $token" "${url}accounts/$account/secrets_store/quota")" ||
  fail "the emulator tool did not answer GET .../quota"
echo "    GET accounts/$account/secrets_store/quota -> $quota"
echo "$quota" | grep -q '"success":true' || fail "the emulator tool answered without success"

# ---- cfsecrets CLI step ----------------------------------------------------------------------------------------------
# The packed cfsecrets tool, installed as a user would: the pointer package, which makes the installer take the
# package for this machine's runtime (self-contained, trimmed) or the framework-dependent 'any' one. It runs against
# the emulator tool with the client's standard environment variables; no command may print a value.
cli_package=""
for pkg in "$packages"/*.nupkg; do
  if nuspec "$pkg" | grep -q '<packageType name="DotnetTool"' &&
     unzip -p "$pkg" '*/DotnetToolSettings.xml' 2>/dev/null | grep -q 'Name="cfsecrets"'; then cli_package="$pkg"; fi
done
[ -n "$cli_package" ] || fail "no tool package in $packages declares the cfsecrets command"
cli_id="$(nuspec_field "$cli_package" id)"
settings="$(unzip -p "$cli_package" '*/DotnetToolSettings.xml')"
rids="$(echo "$settings" | sed -n 's:.*<RuntimeIdentifierPackage RuntimeIdentifier="\([^"]*\)".*:\1:p')"
[ -n "$rids" ] || fail "$cli_id is not a pointer to RID-specific packages (no RuntimeIdentifierPackage in its DotnetToolSettings.xml)"
for rid in $rids; do
  [ -f "$packages/$cli_id.$rid.$version.nupkg" ] || fail "$cli_id points to $cli_id.$rid, which is missing from $packages"
done
host_rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
expected_rid=any
if echo "$rids" | grep -qxF "$host_rid"; then expected_rid="$host_rid"; fi
echo "== smoke: the cfsecrets CLI ($cli_id $version, packages for: $(echo $rids)) against the emulator tool"
(cd "$work" && quiet dotnet tool install "$cli_id" --version "$version" --tool-path "$tools")
lower() { echo "$1" | tr '[:upper:]' '[:lower:]'; }
installed="$tools/.store/$(lower "$cli_id")/$version/$(lower "$cli_id.$expected_rid")/$version"
[ -d "$installed" ] || installed=""
[ -n "$installed" ] || fail "installing $cli_id on $host_rid did not take $cli_id.$expected_rid"
if [ "$expected_rid" != any ]; then
  # What the RID-specific package promises: its own runtime, trimmed, one composite ReadyToRun image.
  payload="$installed/tools/any/$expected_rid"
  for file in cfsecrets libcoreclr.so cfsecrets.r2r.dll; do
    [ -f "$payload/$file" ] || fail "$cli_id.$expected_rid has no $file: not the self-contained composite build"
  done
  [ ! -f "$payload/Microsoft.VisualBasic.Core.dll" ] || fail "$cli_id.$expected_rid holds Microsoft.VisualBasic.Core.dll, which nothing of the tool uses: not trimmed"
fi
echo "    installed $cli_id.$expected_rid for $host_rid ($(du -sh "$installed" | cut -f1) on disk)"
sentinel=smoke-cli-value-0c7e
cli() {
  local out rc=0
  out="$(CLOUDFLARE_API_TOKEN="$token" CLOUDFLARE_ACCOUNT_ID="$account" CLOUDFLARE_BASE_URL="$url" "$tools/cfsecrets" "$@" 2>&1)" || rc=$?
  printf '%s\n' "$out" | sed 's/^/    /'
  [ "$rc" -eq 0 ] || fail "cfsecrets $* exited with $rc"
  case "$out" in *"$sentinel"*) fail "cfsecrets $* printed a secret value";; esac
  last="$out"
}
# Stdin comes from a process substitution, not a pipe: a pipe would run cli in a subshell and lose $last.
expect() { case "$last" in *"$1"*) ;; *) fail "the output of the last cfsecrets command has no '$1'";; esac; }
echo "    \$ cfsecrets quota --json"; cli quota --json; expect '"quota"'
echo "    \$ printf '...' | cfsecrets set SMOKE_CLI_KEY"; printf '%s' "$sentinel" | cli set SMOKE_CLI_KEY
echo "    \$ cfsecrets store list --json"; cli store list --json; expect default_secrets_store
echo "    \$ printf '...' | cfsecrets secret create SMOKE_CREATED --scopes workers --json"
cli secret create SMOKE_CREATED --scopes workers --comment smoke --json < <(printf '%s-created' "$sentinel"); expect '"name": "SMOKE_CREATED"'
echo "    \$ printf 'A=...\\nB=...' | cfsecrets push - --json"; cli push - --json < <(printf 'PIPED_A=%s-a\nPIPED_B="%s-b"\n' "$sentinel" "$sentinel"); expect '"created": 2'
printf 'FILE_A=%s-file\nPIPED_A=%s-rotated\n' "$sentinel" "$sentinel" > "$work/smoke.env"
echo "    \$ cfsecrets push smoke.env"; cli push "$work/smoke.env"; expect "Created 1, updated 1"
echo "    \$ cfsecrets secret get SMOKE_CREATED --json"; cli secret get SMOKE_CREATED --json; expect '"comment": "smoke"'
echo "    \$ cfsecrets secret delete SMOKE_CREATED"; cli secret delete SMOKE_CREATED
echo "    \$ cfsecrets secret list --json"; cli secret list --json
for name in SMOKE_CLI_KEY PIPED_A PIPED_B FILE_A; do expect "\"$name\""; done
case "$last" in *SMOKE_CREATED*) fail "the deleted secret SMOKE_CREATED is still listed";; esac
# ---- end of the cfsecrets CLI step -----------------------------------------------------------------------------------

echo "== smoke: passed"
