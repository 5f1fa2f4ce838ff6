# Shared by bench.sh and soak.sh (sourced, not run): a temp folder, progress lines, clean-up of every started process,
# free ports, waiting for a URL, and Azurite + MailDev on free ports in that folder. The caller sets `set -euo pipefail`
# and cd's to the repository root first, then calls `local_services_init <name>`.

local_services_init() { # name of the temp folder
  work=$(mktemp -d "${TMPDIR:-/tmp}/portalaccess-$1.XXXXXX")
  pids=()
  started=$SECONDS
  trap stop_all EXIT
  trap 'exit 130' INT TERM
}

step() { printf '==> %s\n' "$*" >&2; }

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'; }

wait_for() { # url, what, log, [seconds, default 60]
  for _ in $(seq 1 "${4:-60}"); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 1
  done
  echo "$2 did not answer within ${4:-60} s; its log:" >&2; tail -n 30 "$3" >&2; exit 1
}

ensure_npm_tools() {
  if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/maildev ]; then
    step "Installing the npm tools (Azurite, MailDev)"
    npm ci --no-audit --no-fund >&2
  fi
}

# Starts Azurite (on disk in $work, or in memory with `memory`) and MailDev on free ports; sets blob, queue, table,
# smtp, mailweb, azurite_pid and storage (a connection string with explicit endpoints), and adds both to pids.
start_azurite_and_maildev() { # [memory]
  blob=$(free_port) queue=$(free_port) table=$(free_port) smtp=$(free_port) mailweb=$(free_port)
  local persistence=(--location "$work/azurite")
  [ "${1:-}" = memory ] && persistence=(--inMemoryPersistence)
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
  local account=devstoreaccount1
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  storage="DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"
}
