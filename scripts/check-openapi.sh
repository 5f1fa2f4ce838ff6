#!/usr/bin/env bash
# Proves docs/openapi.json generates a working client: openapi-typescript validates the document (Redocly's parser)
# and generates its TypeScript types; tsc --strict then compiles scripts/openapi-client/client.ts against them.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/portalaccess-openapi.XXXXXX")
trap 'rm -rf "$work"' EXIT
node_modules/.bin/openapi-typescript docs/openapi.json --output "$work/api.d.ts"
cp scripts/openapi-client/client.ts "$work/client.ts"
node_modules/.bin/tsc --strict --noEmit --skipLibCheck --target es2022 --module es2022 --moduleResolution bundler --lib es2022,dom "$work/client.ts"
echo "check-openapi: docs/openapi.json validated, $(grep -c '^    "/api/' "$work/api.d.ts" || true) paths typed, client compiled"
