#!/usr/bin/env bash
# Every test: types and lint, unit, integration against a real PostgreSQL, end-to-end in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-packages.sh
node_modules/.bin/tsc --noEmit -p .
node_modules/.bin/eslint --max-warnings 0 .
node_modules/.bin/vite build --logLevel warn
mkdir -p artifacts
rm -f artifacts/vitest.json
status=0
node_modules/.bin/vitest run --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json "$@" || status=$?
node scripts/test-summary.mjs artifacts/vitest.json || status=1
exit "$status"
