#!/usr/bin/env bash
# Mutation testing of the rule code (docs/mutation.md): Stryker.NET (the dotnet-stryker local tool of
# .config/dotnet-tools.json) breaks the code on purpose, one mutant at a time, and runs the tests that reach it: the
# unit tests and the integration tests of tests/stryker-config.json (Standalone host; the tests start their own Azurite
# and MailDev). Prints the score per file and every mutant no test noticed; the HTML report is in TestResults/mutation.
#   ./scripts/mutation.sh                      the rule files listed in tests/stryker-config.json ("mutate")
#   ./scripts/mutation.sh Auth/SignIn/LoginName.cs …   only these files (paths under functions/PortalAccess)
# Not part of test.sh: a full run takes 3 to 4 hours on 2 cores (docs/mutation.md); pass files to measure them sooner.
# Exits non-zero when a file scores below 90 % or Stryker fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib/local-services.sh
source scripts/lib/local-services.sh
ensure_npm_tools

output="$(pwd)/TestResults/mutation"
files=()
for file in "$@"; do
  case "$file" in
    -*) echo "usage: $0 [file under functions/PortalAccess …]" >&2; exit 2 ;;
  esac
  file="${file#functions/PortalAccess/}"
  [ -f "functions/PortalAccess/$file" ] || { echo "No such file: functions/PortalAccess/$file" >&2; exit 2; }
  files+=(--mutate "**/$file")
done

step "Restoring the dotnet-stryker tool"
dotnet tool restore >/dev/null

step "Stryker.NET on ${*:-the rule files of tests/stryker-config.json} (builds, runs the tests once, then each mutant)"
rm -rf "$output"
started=$SECONDS
# Stryker's progress bar needs a terminal; elsewhere (a log, CI) it prints a dot per mutant tested
reporters=()
[ -t 1 ] || reporters=(--reporter Dots --reporter Html --reporter Json)
# Stryker kills a test host that runs past its timeout (a mutant that loops), and the Azurite and MailDev that host's
# tests started outlive it. Stryker runs in its own process group, and whatever is left of that group goes at the end.
# Stryker takes a solution as its context when the folder has one; tests/ has none, so it uses the config's test projects
(cd tests && exec setsid dotnet stryker --config-file stryker-config.json --output "$output" --skip-version-check \
  "${reporters[@]}" "${files[@]}") &
stryker=$!
# KILL, not TERM: what is left is junk, and some of it may be stopped (seen: orphaned Azurites in state T), which
# would hold a TERM until continued
trap 'kill -KILL -- "-$stryker" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
status=0
wait "$stryker" || status=$?
kill -KILL -- "-$stryker" 2>/dev/null || true
[ "$status" -eq 0 ] || { echo "Stryker failed (exit $status)" >&2; exit "$status"; }

minutes=$(( (SECONDS - started) / 60 ))
step "Scores per file (Stryker took ${minutes} min; the HTML report: TestResults/mutation/reports/mutation-report.html)"
node scripts/lib/mutation-summary.js "$output/reports/mutation-report.json" 90
