#!/usr/bin/env bash
# The performance benchmark (docs/performance.md): starts Azurite, MailDev and the Standalone host in Release on free
# ports, seeds two customers (10 and 10,000 users) and prints one table. Leaves no process running and no files behind.
#   ./scripts/bench.sh           full run: 10 s per load step, 10,000 users (a few minutes)
#   ./scripts/bench.sh --smoke   2 s per step, 200 users (about a minute; checks that the benchmark works)
set -euo pipefail
users=10000 seconds=10 hash_seconds=4
case "${1:-}" in
  "") ;;
  --smoke) users=200 seconds=2 hash_seconds=1 ;;
  *) echo "usage: $0 [--smoke]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=lib/local-services.sh
source scripts/lib/local-services.sh
local_services_init bench
ensure_npm_tools

step "Building the Standalone host and the benchmark tool in Release"
dotnet build functions/PortalAccess.Standalone -c Release --nologo -v q -clp:"ErrorsOnly;NoSummary" >&2
dotnet build tools/PortalAccess.Bench -c Release --nologo -v q -clp:"ErrorsOnly;NoSummary" >&2

# on disk in the temp folder, as run.sh keeps it; BENCH_AZURITE=memory keeps everything in memory (the tests' choice)
start_azurite_and_maildev "$([ "${BENCH_AZURITE:-disk}" = memory ] && echo memory || echo disk)"
api_port=$(free_port)
system_key="bench-system-key"
prefix="bench"
api="http://127.0.0.1:$api_port/api"

step "Starting the Standalone host (Release) on $api"
# Production settings except what a local run needs: Azurite, MailDev, a system key; logging at Warning so that
# console output does not compete for the cores; the x-storage-requests header on; rate limits out of the way, since
# every load client comes from one address
AzureWebJobsStorage="$storage" \
PortalAccess__SystemKey="$system_key" \
PortalAccess__Storage__Prefix="$prefix" \
PortalAccess__RateLimits__PerClient=1000000 \
PortalAccess__RateLimits__PerLogin=1000000 \
PortalAccess__Mail__Smtp__Host=127.0.0.1 \
PortalAccess__Mail__Smtp__Port="$smtp" \
Standalone__Diagnostics__StorageRequestCountHeader=true \
Logging__LogLevel__Default=Warning \
ASPNETCORE_ENVIRONMENT=Production \
  dotnet functions/PortalAccess.Standalone/bin/Release/net10.0/PortalAccess.Standalone.dll --urls "http://127.0.0.1:$api_port" \
  >"$work/api.log" 2>&1 &
host_pid=$!
pids+=("$host_pid")
wait_for "$api/health" "The API" "$work/api.log"
if ! curl -fsS -D - -o /dev/null "$api/health" | grep -qi '^x-storage-requests:'; then
  echo "The host does not send x-storage-requests; see Standalone:Diagnostics in docs/performance.md" >&2; exit 1
fi

step "Running the benchmark ($users users, $seconds s per load step)"
# the command line (docs/performance.md)
dotnet tools/PortalAccess.Bench/bin/Release/net10.0/PortalAccess.Bench.dll run \
  --api "$api" --maildev "http://127.0.0.1:$mailweb" --storage "$storage" --prefix "$prefix" --system-key "$system_key" \
  --host-pid "$host_pid" --storage-pid "$azurite_pid" --users "$users" --seconds "$seconds" --hash-seconds "$hash_seconds"
if ! kill -0 "$host_pid" 2>/dev/null; then
  echo "The host exited during the run; its log:" >&2; tail -n 30 "$work/api.log" >&2; exit 1
fi
step "Finished in $((SECONDS - started)) s ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'no git'))"
