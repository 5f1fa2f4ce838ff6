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
work=$(mktemp -d "${TMPDIR:-/tmp}/portalaccess-bench.XXXXXX")
pids=()
step() { printf '==> %s\n' "$*" >&2; }
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop_all EXIT
trap 'exit 130' INT TERM
started=$SECONDS

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'; }
wait_for() { # url, what, log
  for _ in $(seq 1 60); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "$2 did not answer within 60 s; its log:" >&2; tail -n 30 "$3" >&2; exit 1
}

if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/maildev ]; then
  step "Installing the npm tools (Azurite, MailDev)"
  npm ci --no-audit --no-fund >&2
fi

step "Building the Standalone host and the benchmark tool in Release"
dotnet build functions/PortalAccess.Standalone -c Release --nologo -v q -clp:"ErrorsOnly;NoSummary" >&2
dotnet build tools/PortalAccess.Bench -c Release --nologo -v q -clp:"ErrorsOnly;NoSummary" >&2

blob=$(free_port) queue=$(free_port) table=$(free_port) smtp=$(free_port) mailweb=$(free_port) api_port=$(free_port)
# on disk in the temp folder, as run.sh keeps it; BENCH_AZURITE=memory keeps everything in memory (the tests' choice)
if [ "${BENCH_AZURITE:-disk}" = memory ]; then persistence=(--inMemoryPersistence); else persistence=(--location "$work/azurite"); fi
step "Starting Azurite (${persistence[*]}; table port $table) and MailDev (SMTP $smtp, web $mailweb)"
node_modules/.bin/azurite --silent "${persistence[@]}" --disableTelemetry --skipApiVersionCheck --loose \
  --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" \
  >"$work/azurite.log" 2>&1 &
azurite_pid=$!
pids+=("$azurite_pid")
node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp "$smtp" --web "$mailweb" --mail-directory "$work/maildev" \
  >"$work/maildev.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$mailweb/api/email" MailDev "$work/maildev.log"

account=devstoreaccount1
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"
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
