#!/usr/bin/env bash
# Mutation testing of the library (src/CloudflareSecrets, hand-written code only) with Stryker.NET.
# Too slow for every CI run: run it by hand and record the outcome in RESULTS.md.
#
#   build/qa/mutation/run.sh                              # every hand-written file, unit suite
#   build/qa/mutation/run.sh --integration                # unit and integration suites
#   build/qa/mutation/run.sh --mutate '**/Paging/*.cs'    # a narrower scope (repeatable)
#   MUTATION_TIMEOUT=7200 build/qa/mutation/run.sh        # bound the run (seconds; default 4 hours)
#
# The report (HTML and JSON) goes to build/qa/mutation/StrykerOutput/<timestamp>/reports/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

test_projects=(--test-project "$root/tests/CloudflareSecrets.Tests/CloudflareSecrets.Tests.csproj")
mutate=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --integration)
      test_projects+=(--test-project "$root/tests/CloudflareSecrets.IntegrationTests/CloudflareSecrets.IntegrationTests.csproj")
      shift ;;
    --mutate)
      mutate+=(--mutate "$2")
      shift 2 ;;
    *)
      echo "run.sh: unknown argument '$1' (see the header of this script)" >&2
      exit 2 ;;
  esac
done

if [[ ${#mutate[@]} -eq 0 ]]; then
  mutate=(--mutate '**/*.cs')
fi
# Never the generator's output (checked for drift, not hand-written) nor the declarations that only name its members.
mutate+=(--mutate '!**/generated/**/*.cs' --mutate '!**/*.Generated.cs')

# Stryker records coverage and switches the active mutant test by test, which assumes no two tests of a process overlap:
# the unit suite is built to run one test at a time (an MSBuild property, read from the environment by Stryker's build).
export OneTestAtATime=true

# From the library folder: at the root Stryker would find the solution and refuse explicit test projects.
cd "$root/src/CloudflareSecrets"
dotnet tool restore >/dev/null
exec timeout "${MUTATION_TIMEOUT:-14400}" dotnet dotnet-stryker \
  --project CloudflareSecrets.csproj \
  "${test_projects[@]}" \
  "${mutate[@]}" \
  --config-file "$here/stryker-config.json" \
  --output "$here/StrykerOutput/$(date -u +%Y%m%dT%H%M%SZ)"
