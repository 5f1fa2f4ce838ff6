#!/usr/bin/env bash
# The soak (docs/performance.md, "Soak"): a steady mixed load — sign-ins, refreshes, user CRUD with the activation mail,
# telephony CloudEvents with the desk welcome mail — against the Standalone host, then against the real Functions worker
# behind tests/PortalAccess.FunctionsTestHost, half of the given minutes each. Starts Azurite and MailDev on free ports
# and each host in turn; leaves no process running and no files behind.
#   ./scripts/soak.sh [minutes]              default 10 (5 per host)
#   ./scripts/soak.sh --no-build [minutes]   uses the Debug builds as they are, building only what is missing (test.sh)
# Exits non-zero on any failed request (5xx, transport error, or an unexpected 4xx), a mail missing, duplicated or
# unexpected, or a host's working set growing past 2 × start + 100 MiB.
set -euo pipefail
build=1
if [ "${1:-}" = --no-build ]; then build=0; shift; fi
minutes="${1:-10}"
case "$minutes" in
  ''|*[!0-9]*|0) echo "usage: $0 [--no-build] [minutes]   (a whole number, at least 1)" >&2; exit 2 ;;
esac
seconds_per_host=$((minutes * 60 / 2))
cd "$(dirname "$0")/.."
# shellcheck source=lib/local-services.sh
source scripts/lib/local-services.sh
local_services_init soak
ensure_npm_tools

# Debug, as run.sh and the tests build them. Even with nothing to compile these four builds took about 4 minutes on the
# busy 2-core build machine (the Functions app alone 1-2 minutes), so test.sh, which has just built them with
# `dotnet test PortalAccess.slnx` (all but the load tool), passes --no-build
projects=(functions/PortalAccess.Standalone functions/PortalAccess.Functions tests/PortalAccess.FunctionsTestHost tools/PortalAccess.Bench)
built() { [ -f "$1/bin/Debug/net10.0/$(basename "$1").dll" ]; }
for project in "${projects[@]}"; do
  # --no-build still builds what is missing: dotnet test builds the test projects and what they reference, not the load tool
  if [ "$build" = 1 ] || ! built "$project"; then
    step "Building $project"
    dotnet build "$project" --nologo -v q -clp:"ErrorsOnly;NoSummary" >&2
  fi
done

start_azurite_and_maildev
system_key="soak-system-key"

# Settings of both hosts: Azurite, MailDev, the system key, hashing at its defaults, logging at Warning so that console
# output does not compete for the cores, and the rate limits out of the way, since every load client comes from one
# address. Each host gets its own table prefix, so the second run starts on empty tables.
host_env() { # prefix
  export AzureWebJobsStorage="$storage" PortalAccess__SystemKey="$system_key" PortalAccess__Storage__Prefix="$1" \
    PortalAccess__RateLimits__PerClient=1000000 PortalAccess__RateLimits__PerLogin=1000000 \
    PortalAccess__Mail__Smtp__Host=127.0.0.1 PortalAccess__Mail__Smtp__Port="$smtp" Logging__LogLevel__Default=Warning
}

status=0
soak() { # host name, api port, host pid, worker pid or ""
  local api="http://127.0.0.1:$2/api" worker=()
  [ -n "$4" ] && worker=(--worker-pid "$4")
  dotnet tools/PortalAccess.Bench/bin/Debug/net10.0/PortalAccess.Bench.dll soak --api "$api" --maildev "http://127.0.0.1:$mailweb" \
    --system-key "$system_key" --host-name "$1" --host-pid "$3" "${worker[@]}" --seconds "$seconds_per_host" || status=1
  if ! kill -0 "$3" 2>/dev/null; then
    echo "The $1 host exited during the soak; its log:" >&2; tail -n 30 "$work/$1.log" >&2; status=1
  fi
  kill "$3" 2>/dev/null || true
  wait "$3" 2>/dev/null || true
}

port=$(free_port)
step "Soak 1 of 2: the Standalone host on port $port, $seconds_per_host s"
(
  host_env soaks
  ASPNETCORE_ENVIRONMENT=Production exec dotnet functions/PortalAccess.Standalone/bin/Debug/net10.0/PortalAccess.Standalone.dll \
    --urls "http://127.0.0.1:$port"
) >"$work/standalone.log" 2>&1 &
host_pid=$!
pids+=("$host_pid")
wait_for "http://127.0.0.1:$port/api/health" "The Standalone host" "$work/standalone.log" 90
soak standalone "$port" "$host_pid" ""

port=$(free_port)
step "Soak 2 of 2: the Functions worker behind the FunctionsTestHost on port $port, $seconds_per_host s"
(
  # the app settings Core Tools would read from local.settings.json, then the soak's own
  while IFS= read -r setting; do export "${setting?}"; done < <(node -e '
    for (const [k, v] of Object.entries(require("./local.settings.sample.json").Values)) console.log(`${k}=${v}`);')
  host_env soakf
  exec dotnet tests/PortalAccess.FunctionsTestHost/bin/Debug/net10.0/PortalAccess.FunctionsTestHost.dll \
    --app functions/PortalAccess.Functions/bin/Debug/net10.0 --urls "http://127.0.0.1:$port"
) >"$work/functions.log" 2>&1 &
host_pid=$!
pids+=("$host_pid")
wait_for "http://127.0.0.1:$port/api/health" "The FunctionsTestHost" "$work/functions.log" 90
# the worker is the test host's child process (dotnet PortalAccess.Functions.dll)
worker_pid=$(ps -o pid=,args= --ppid "$host_pid" | awk '/PortalAccess.Functions.dll/ { print $1; exit }')
if [ -z "$worker_pid" ]; then
  echo "No worker process under the test host (pid $host_pid); its children:" >&2; ps -o pid=,args= --ppid "$host_pid" >&2; status=1
fi
soak functions "$port" "$host_pid" "$worker_pid"

step "Soak finished in $((SECONDS - started)) s: $([ "$status" -eq 0 ] && echo passed || echo FAILED)"
exit "$status"
