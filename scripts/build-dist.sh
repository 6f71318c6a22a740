#!/usr/bin/env bash
# Builds the release widget into dist/: the standalone page (index.html) and
# everything it loads. dist/ is self-contained: copy it to any static host.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

# pkg/ is also the npm package (package.json, types) for sites with a bundler.
wasm-pack build --target web --release --out-dir pkg --quiet
rm -rf dist
mkdir -p dist
cp index.html dist/
cp pkg/alliance_check.js pkg/alliance_check_bg.wasm dist/
cp www/*.js www/*.css www/*.html dist/
cp -r www/instruments www/schema dist/
node scripts/build-single.mjs dist
echo "[dist] $(cd dist && ls | tr '\n' ' ')"
