#!/usr/bin/env bash
# Builds and lints infra/ offline with the Bicep CLI from NuGet (tools/bicep), once per Bicep version in
# BICEP_VERSIONS, and fails on any finding: a compiler warning, a linter diagnostic or a failed build.
# Two passes per version:
#   - "azd":    bicep build infra/main.bicep as azd builds it, with infra/bicepconfig.json (only real errors);
#   - "strict": build and lint of a copy of infra/ with infra/strict/bicepconfig.json in place of
#               infra/bicepconfig.json (every linter rule an error). Bicep takes the bicepconfig.json nearest
#               above the file it compiles and has no option to name another, hence the copy.
# Needs only the .NET SDK and the NuGet feed; works from any directory.
#   bash scripts/check-infra.sh                          # every version below
#   BICEP_VERSIONS="0.49.2" bash scripts/check-infra.sh  # one version
set -euo pipefail

# The versions CI builds with; the registry serves Azure.Bicep.CommandLine.<rid> in each of them.
BICEP_VERSIONS="${BICEP_VERSIONS:-0.47.16 0.48.1 0.49.2}"
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
bicep_path() { echo "$packages/azure.bicep.commandline.$rid/$1/tools/bicep"; }

missing=()
for version in $BICEP_VERSIONS; do
  [[ -f "$(bicep_path "$version")" ]] || missing+=("$version")
done
if (( ${#missing[@]} > 0 )); then
  echo "check-infra: restoring Azure.Bicep.CommandLine.$rid ${missing[*]} (tools/bicep)"
  dotnet restore tools/bicep/BicepCli.csproj --verbosity quiet \
    -p:BicepRid="$rid" "-p:BicepVersions=${missing[*]}"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The strict copy: infra/ with the strict config at its root, and nothing above it that Bicep could take instead.
strict="$work/strict"
mkdir -p "$strict"
cp -R infra "$strict/infra"
rm -rf "$strict/infra/strict"
cp infra/strict/bicepconfig.json "$strict/infra/bicepconfig.json"

files=(main.bicep)
while IFS= read -r file; do files+=("${file#infra/}"); done < <(find infra/app -name '*.bicep' | sort)

findings=0
failed_versions=()

# Runs one bicep command; any output at all (warning, info, error) counts as a finding. Paths of the strict
# copy are shown as infra/... so that a finding points at the file to change.
run() {
  local label="$1"; shift
  local out="$work/out.txt"
  if "$bicep" "$@" >"$out" 2>&1 && [[ ! -s "$out" ]]; then
    echo "  ok    $label"
  else
    echo "  FAIL  $label"
    sed -e "s|$strict/infra|infra|g" -e 's/^/        /' "$out"
    version_findings=$((version_findings + $(grep -c . "$out" || true) ))
    [[ -s "$out" ]] || version_findings=$((version_findings + 1))
  fi
}

for version in $BICEP_VERSIONS; do
  bicep="$(bicep_path "$version")"
  version_findings=0
  if [[ ! -f "$bicep" ]]; then
    echo "check-infra: Bicep $version: restore did not produce $bicep" >&2
    findings=$((findings + 1)); failed_versions+=("$version")
    continue
  fi
  # NuGet does not keep the executable bit of files inside a package.
  [[ -x "$bicep" ]] || chmod +x "$bicep"
  reported="$("$bicep" --version)"
  echo "check-infra: $reported ($bicep)"
  if [[ "$reported" != *"$version"* ]]; then
    echo "check-infra: expected Bicep $version" >&2
    findings=$((findings + 1)); failed_versions+=("$version")
    continue
  fi

  echo "check-infra: $version azd build (infra/bicepconfig.json, what azd reads)"
  run "bicep build infra/main.bicep" build infra/main.bicep --outfile "$work/main-$version.json"
  if [[ -s "$work/main-$version.json" ]]; then
    echo "        -> $(wc -c <"$work/main-$version.json") bytes of ARM JSON"
  fi

  echo "check-infra: $version strict build and lint (infra/strict/bicepconfig.json, every rule an error)"
  run "bicep build infra/main.bicep" build "$strict/infra/main.bicep" --outfile "$work/strict-$version.json"
  for file in "${files[@]}"; do
    run "bicep lint infra/$file" lint "$strict/infra/$file"
  done

  if (( version_findings > 0 )); then
    findings=$((findings + version_findings)); failed_versions+=("$version")
  fi
done

count=$(echo $BICEP_VERSIONS | wc -w)
if (( findings > 0 )); then
  echo "check-infra: $findings finding(s); failing Bicep version(s): ${failed_versions[*]}" >&2
  exit 1
fi
echo "check-infra: ${#files[@]} file(s) built and linted with $count Bicep version(s) ($BICEP_VERSIONS), 0 findings"
