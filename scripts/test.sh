#!/usr/bin/env bash
# Runs every test: unit, integration (starts its own Azurite and MailDev), Functions adapters, the portal in
# chromium (installed with apt-get when missing), the offline infrastructure checks, a client generated
# from the OpenAPI document, and a one-minute soak of both hosts. Exits non-zero on any failure or skipped test.
set -euo pipefail
cd "$(dirname "$0")/.."
results="$(pwd)/TestResults"
rm -rf "$results"

step() { printf '\n==> %s\n' "$*"; }

step "Installing the npm tools (Azurite, MailDev, openapi-typescript) from package-lock.json"
if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/maildev ] || [ ! -x node_modules/.bin/openapi-typescript ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

step "Installing chromium for the browser tests if needed (Debian's package; Playwright's own download is not reachable)"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi

step "Building and running the tests (PortalAccess.slnx)"
status=0
dotnet test PortalAccess.slnx --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

step "Checking the infrastructure templates offline"
infra=0
bash scripts/check-infra.sh || infra=$?

step "Generating a client from docs/openapi.json and compiling it"
bash scripts/check-openapi.sh || infra=$?

step "Soak: one minute of mixed load, 30 s on the Standalone host and 30 s on the Functions worker (scripts/soak.sh 1, on the builds dotnet test has just made)"
bash scripts/soak.sh --no-build 1 || infra=$?

# one closing line over every test assembly, read from the TRX files
node -e '
  const fs = require("fs"), path = require("path"), dir = process.argv[1];
  let passed = 0, failed = 0, skipped = 0;
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith(".trx")) : []) {
    const c = fs.readFileSync(path.join(dir, f), "utf8").match(/<Counters [^>]*>/);
    if (!c) continue;
    const n = k => +(c[0].match(new RegExp(k + "=\"(\\d+)\""))||[0,0])[1];
    passed += n("passed"); failed += n("failed") + n("error") + n("timeout") + n("aborted"); skipped += n("notExecuted");
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  if (passed === 0 || skipped > 0) { console.error(skipped > 0 ? "Skipped tests count as failures here." : "No test ran."); process.exit(1); }
' "$results" || status=1

if [ "$status" -ne 0 ] || [ "$infra" -ne 0 ]; then
  echo "FAILED (tests: $status, infra, OpenAPI and soak checks: $infra)" >&2
  exit 1
fi
echo "All checks passed."
