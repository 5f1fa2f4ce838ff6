#!/usr/bin/env bash
# Builds and lints infra/ offline with the Bicep CLI from NuGet (tools/bicep), and fails on any
# finding: a compiler warning, a linter diagnostic (infra/bicepconfig.json makes every rule an
# error) or a failed build. Needs only the .NET SDK and the NuGet feed; works from any directory.
#   bash scripts/check-infra.sh
set -euo pipefail

BICEP_VERSION=0.49.2
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;;
  Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;;
  Darwin-arm64) rid=osx-arm64 ;;
  Darwin-x86_64) rid=osx-x64 ;;
  *) echo "check-infra: no Bicep CLI package for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

packages="${NUGET_PACKAGES:-}"
if [[ -z "$packages" ]]; then
  packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
fi
packages="${packages%/}"
bicep="$packages/azure.bicep.commandline.$rid/$BICEP_VERSION/tools/bicep"

if [[ ! -f "$bicep" ]]; then
  echo "check-infra: restoring Azure.Bicep.CommandLine.$rid $BICEP_VERSION (tools/bicep)"
  dotnet restore tools/bicep/BicepCli.csproj --verbosity quiet \
    -p:BicepRid="$rid" -p:BicepVersion="$BICEP_VERSION"
fi
if [[ ! -f "$bicep" ]]; then
  echo "check-infra: restore did not produce $bicep" >&2
  exit 1
fi
# NuGet does not keep the executable bit of files inside a package.
[[ -x "$bicep" ]] || chmod +x "$bicep"

version="$("$bicep" --version)"
echo "check-infra: $version ($bicep)"
if [[ "$version" != *"$BICEP_VERSION"* ]]; then
  echo "check-infra: expected Bicep $BICEP_VERSION" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
findings=0

# Runs one bicep command; any output at all (warning, info, error) counts as a finding.
run() {
  local label="$1"; shift
  local out="$work/out.txt"
  if "$bicep" "$@" >"$out" 2>&1 && [[ ! -s "$out" ]]; then
    echo "  ok    $label"
  else
    echo "  FAIL  $label"
    sed 's/^/        /' "$out"
    findings=$((findings + $(grep -c . "$out" || true) ))
    [[ -s "$out" ]] || findings=$((findings + 1))
  fi
}

echo "check-infra: build"
run "bicep build infra/main.bicep" build infra/main.bicep --outfile "$work/main.json"
if [[ -s "$work/main.json" ]]; then
  echo "        -> $(wc -c <"$work/main.json") bytes of ARM JSON"
fi

echo "check-infra: lint (rules from infra/bicepconfig.json, all at level error)"
files=(infra/main.bicep)
while IFS= read -r file; do files+=("$file"); done < <(find infra/app -name '*.bicep' | sort)
for file in "${files[@]}"; do
  run "bicep lint $file" lint "$file"
done

if (( findings > 0 )); then
  echo "check-infra: $findings finding(s) in ${#files[@]} file(s)" >&2
  exit 1
fi
echo "check-infra: ${#files[@]} file(s) built and linted, 0 findings"
