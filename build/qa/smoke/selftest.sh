#!/usr/bin/env bash
# Proves that the package checks can fail: each case breaks one thing the way a real mistake would, and expects the
# check to exit non-zero for that reason (its output must name the cause, so an unrelated failure does not count).
#   1. CloudflareSecrets without its Newtonsoft.Json dependency: the consumer smoke test must fail (at run time).
#   2. CloudflareSecrets without its XML docs: the smoke test's package contents check must fail.
#   3. A project of this repository taking a package with a known vulnerability: the restore must fail (NuGet audit).
# It also says when the machine's package sources publish no vulnerability data, because NuGet itself stays silent.
#
#   bash build/qa/smoke/selftest.sh --packages DIR   DIR holds good packages (CI: artifacts/packages, after run.sh passed)
# Needs what run.sh needs, plus zip and python3 (the loopback advisory source).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
here="$repo/build/qa/smoke"

[ "${1:-}" = "--packages" ] && [ -d "${2:-}" ] || { echo "usage: selftest.sh --packages DIR" >&2; exit 2; }
packages="$(cd "$2" && pwd)"
library="$(ls "$packages"/CloudflareSecrets.[0-9]*.nupkg | head -n 1)"
name="$(basename "$library")"

work="$(mktemp -d -t cloudflaresecrets-selftest.XXXXXX)"
audit="$repo/artifacts/audit-selftest"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work" "$audit"
}
trap cleanup EXIT
failed=0
# expect_failure <case> <text the output must contain> <command...>
expect_failure() {
  local what="$1" cause="$2" log="$work/case.log" rc=0
  shift 2
  "$@" >"$log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ] && grep -qF -- "$cause" "$log"; then
    echo "    ok: $what: exit $rc, and the output names the cause:"
    grep -F -m 1 -- "$cause" "$log" | cut -c1-220 | sed 's/^ */        /'
  else
    echo "    NOT OK: $what: exit $rc; expected a failure mentioning '$cause'. Output:"
    tail -n 30 "$log" | sed 's/^/        /'
    failed=1
  fi
}
# broken_copy <case>: a copy of the good packages, to break one of them
broken_copy() { mkdir -p "$work/$1" && cp "$packages"/*.nupkg "$work/$1/" && echo "$work/$1"; }

echo "== self-test: the package checks fail when they should"

dir="$(broken_copy missing-dependency)"
(cd "$work" && unzip -p "$dir/$name" CloudflareSecrets.nuspec | grep -v 'id="Newtonsoft.Json"' >CloudflareSecrets.nuspec &&
  zip -q "$dir/$name" CloudflareSecrets.nuspec)
if unzip -p "$dir/$name" CloudflareSecrets.nuspec | grep -q 'id="Newtonsoft.Json"'; then
  echo "self-test: could not remove the dependency from the nuspec" >&2
  exit 1
fi
expect_failure "a package missing a dependency fails the consumer smoke test" "Newtonsoft.Json" \
  bash "$here/run.sh" --packages "$dir"

dir="$(broken_copy missing-docs)"
zip -q -d "$dir/$name" lib/net10.0/CloudflareSecrets.xml
expect_failure "a package without XML docs fails the contents check" "has no lib/net10.0/CloudflareSecrets.xml" \
  bash "$here/run.sh" --packages "$dir"

# The project lives inside the repository, so it restores with the repository's own settings (SupplyChain.props).
# Its advisory data comes from a loopback audit source serving one published advisory in NuGet's vulnerability format
# (advisories/base.json: GHSA-5crp-9r3c-p9vr, Newtonsoft.Json before 13.0.1, high severity, so NU1903): the case must
# not depend on the package source publishing vulnerability data, which not every feed or mirror does.
mkdir -p "$audit/advisories/v3/vulnerabilities"
cp "$here/advisories/base.json" "$audit/advisories/v3/vulnerabilities/base.json"
python3 "$here/advisories/serve.py" "$audit/advisories" "$audit/port" >"$audit/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$audit/port" ] && break; sleep 0.1; done
[ -s "$audit/port" ] || { cat "$audit/serve.log"; echo "self-test: the advisory source did not start" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$audit/port")/v3"
printf '{"version":"3.0.0","resources":[{"@id":"%s","@type":"VulnerabilityInfo/6.7.0"}]}\n' \
  "$base/vulnerabilities/index.json" >"$audit/advisories/v3/index.json"
printf '[{"@name":"base","@id":"%s","@updated":"2026-01-01T00:00:00Z"}]\n' \
  "$base/vulnerabilities/base.json" >"$audit/advisories/v3/vulnerabilities/index.json"
printf '<configuration>\n  <auditSources>\n    <add key="advisories" value="%s" allowInsecureConnections="true" />\n  </auditSources>\n</configuration>\n' \
  "$base/index.json" >"$audit/NuGet.config"
printf '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Newtonsoft.Json" VersionOverride="12.0.3" />\n  </ItemGroup>\n</Project>\n' \
  >"$audit/AuditSelfTest.csproj"
# Locked mode off: this throwaway project has no lock file to hold it to; the audit is what is under test.
expect_failure "a dependency with a known vulnerability fails the restore" "NU1903" \
  dotnet restore "$audit/AuditSelfTest.csproj" -p:RestoreLockedMode=false

for source in $(dotnet nuget list source --format short | awk '$1 == "E" && $2 ~ /^https?:/ { print $2 }'); do
  if ! curl -fsS -m 20 "$source" 2>/dev/null | grep -q '"VulnerabilityInfo/'; then
    echo "    warning: the package source $source publishes no vulnerability data (no VulnerabilityInfo resource):"
    echo "             NuGet audit had no advisories to check this repository's restore against"
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "self-test FAILED: a package check accepted a broken package" >&2
  exit 1
fi
echo "== self-test: passed"
