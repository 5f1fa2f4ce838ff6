#!/usr/bin/env bash
# Starts PortalAccess locally: Azurite, MailDev, the API on http://localhost:7071 and a demo customer
# whose login it prints. Ctrl+C stops everything it started.
#   ./scripts/run.sh              the Standalone host (ASP.NET Core)
#   ./scripts/run.sh --functions  the real Azure Functions app, run by tests/PortalAccess.FunctionsTestHost
set -euo pipefail
host=standalone
case "${1:-}" in
  "") ;;
  --functions) host=functions ;;
  *) echo "usage: $0 [--functions]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
root=$(pwd)
state="$root/.local"
mkdir -p "$state"

system_key="local-dev-system-key"   # appsettings.Development.json of the Standalone host, local.settings.sample.json
demo_customer="${DEMO_CUSTOMER:-100001}"
api="http://localhost:7071/api"
portal="http://localhost:7071/"   # both hosts serve the reference portal; PortalBaseUrl points here (appsettings.Development.json, or below)
pids=()

step() { printf '\n==> %s\n' "$*"; }
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 10000 10001 10002 1025 1080 7071; do
  if port_busy "$port"; then
    echo "Port $port is in use. Stop whatever runs there (an earlier run.sh?) and try again." >&2
    exit 1
  fi
done

step "Installing the npm tools (Azurite, MailDev) if needed"
if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/maildev ]; then
  npm ci --no-audit --no-fund
fi

step "Starting Azurite (blob 10000, queue 10001, table 10002), data in .local/azurite"
node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --loose --location "$state/azurite" >"$state/azurite.log" 2>&1 &
pids+=($!)

step "Starting MailDev (SMTP 1025, web http://localhost:1080)"
node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 --smtp 1025 --web 1080 --mail-directory "$state/maildev" >"$state/maildev.log" 2>&1 &
pids+=($!)

if [ "$host" = functions ]; then
  step "Building the Functions app and its test host, starting it on http://localhost:7071 (log: .local/api.log)"
  dotnet build functions/PortalAccess.Functions --nologo -v q -clp:ErrorsOnly
  dotnet build tests/PortalAccess.FunctionsTestHost --nologo -v q -clp:ErrorsOnly
  # the app settings Core Tools would read from local.settings.json, as environment variables
  while IFS= read -r setting; do export "${setting?}"; done < <(node -e '
    for (const [k, v] of Object.entries(require("./local.settings.sample.json").Values)) console.log(`${k}=${v}`);')
  # the test host serves the portal on the same origin, as the Standalone host does, so mail links open it
  export PortalAccess__PortalBaseUrl="$portal"
  dotnet run --no-build --project tests/PortalAccess.FunctionsTestHost -- \
    --app functions/PortalAccess.Functions/bin/Debug/net10.0 --urls http://localhost:7071 \
    --static functions/PortalAccess.Standalone/wwwroot >"$state/api.log" 2>&1 &
else
  step "Building and starting the API on http://localhost:7071 (log: .local/api.log)"
  dotnet build functions/PortalAccess.Standalone --nologo -v q -clp:ErrorsOnly
  ASPNETCORE_ENVIRONMENT=Development dotnet run --no-build --project functions/PortalAccess.Standalone >"$state/api.log" 2>&1 &
fi
pids+=($!)

for i in $(seq 1 60); do
  if curl -fsS "$api/health" >/dev/null 2>&1; then break; fi
  if [ "$i" = 60 ]; then echo "The API did not answer within 60 s; see .local/api.log" >&2; exit 1; fi
  sleep 1
done
echo "API is up."

login_file="$state/demo-login.txt"
if [ -s "$login_file" ] && curl -fsS -o /dev/null -X POST "$api/auth/login" -H 'content-type: application/json' \
     --data "$(cat "$login_file")"; then
  step "Demo customer exists already"
else
  step "Creating demo customer $demo_customer"
  curl -fsS -X DELETE "http://localhost:1080/api/email/all" >/dev/null 2>&1 || true
  curl -fsS -X PUT "$api/customers/$demo_customer" -H "x-functions-key: $system_key" \
    -H 'content-type: application/json' --data '{"name":"Demo GmbH","email":"owner@demo.example"}' >/dev/null
  token=""
  for i in $(seq 1 30); do
    token=$(curl -fsS http://localhost:1080/api/email 2>/dev/null | node -e '
      let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
        const mails=JSON.parse(s).filter(m=>m.to.some(t=>t.address==="owner@demo.example"));
        const m=mails.length?(mails[mails.length-1].text||"").match(/token=([\w-]+)/):null;
        process.stdout.write(m?m[1]:"");});' || true)
    [ -n "$token" ] && break
    sleep 1
  done
  if [ -z "$token" ]; then echo "No activation mail arrived; see .local/api.log" >&2; exit 1; fi
  password="demo-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 14)"
  curl -fsS -X POST "$api/auth/activation" -H 'content-type: application/json' \
    --data "{\"token\":\"$token\",\"password\":\"$password\"}"
  printf '{"login":"%s","password":"%s"}' "$demo_customer" "$password" >"$login_file"
fi

creds=$(cat "$login_file")
cat <<MSG

PortalAccess runs ($host host).
  Portal     $portal   (sign in with the demo login; the mail links open it too)
  API        $api   (try: curl $api/health)
  Mail       http://localhost:1080   (MailDev: every mail the API sends)
  Demo login $creds
  Sign in:   curl -s -X POST $api/auth/login -H 'content-type: application/json' -d '$creds'
  System key for /api/customers and /api/events: x-functions-key: $system_key

Press Ctrl+C to stop.
MSG
wait "${pids[2]}"
