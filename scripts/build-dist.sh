#!/usr/bin/env bash
# Builds the release widget into dist/: the standalone page (index.html) and
# everything it loads. dist/ is self-contained: copy it to any static host.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

# pkg/ is also the npm package for sites with a bundler (scripts/build-package.mjs).
wasm-pack build --target web --release --out-dir pkg --quiet
rm -rf dist
mkdir -p dist
# The first screens, rendered at build time from the widget's own components
# (Yew's server-side rendering, natively: src/bin/first-screens.rs), for the
# loader to show before the WebAssembly arrives (the standalone page carries
# its own, English, adult, personal, inline); the texts of the message shown
# when the widget cannot start (failure.js); and the languages other than
# English, which the WebAssembly does not carry: the loader fetches the one
# a client reads (src/languages.rs).
rm -rf pkg/i18n
cargo run --quiet --bin first-screens -- dist/first
cargo run --quiet -p alliance-check-core --bin prerender -- pkg/failure-texts.js pkg/i18n
node scripts/build-package.mjs pkg
cp index.html dist/
cp pkg/alliance_check.js pkg/alliance_check_bg.wasm pkg/failure-texts.js dist/
cp www/*.js www/*.css www/*.html dist/
cp -r www/instruments www/schema pkg/i18n dist/
# The rules of the widget's stylesheet the first screens use, for hosts
# to put inline; the standalone page carries inline those of its own.
node scripts/critical-css.mjs www/alliance-check.css dist/first.css dist/first/*.html
node scripts/inline-first.mjs dist/index.html dist/first/en-adult-personal.html dist/page.css dist/alliance-check.css
# The standalone page is installable: manifest, icons, service worker (last:
# its version is a hash of the files it keeps).
node scripts/build-pwa.mjs dist
node scripts/build-single.mjs dist
echo "[dist] $(cd dist && ls | tr '\n' ' ')"
