#!/usr/bin/env bash
# Installs what building and testing alliance-check needs, from package
# registries only (crates.io, npm, PyPI, Debian). Idempotent: every step first checks
# whether its tool is already present at the right version, so a warm run takes
# seconds. Usage: scripts/setup.sh [build|test]  (test also installs Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-test}
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root for: $*"; return 1; fi
}

# Debian's binaryen is too old for the wasm rustc emits, and wasm-pack prefers
# /usr/bin/wasm-opt over ours, so its mere presence breaks the build.
if [ -x /usr/bin/wasm-opt ] && ! /usr/bin/wasm-opt --version 2>/dev/null | grep -q 'version 1[2-9][0-9]'; then
  say "warning: an old /usr/bin/wasm-opt is installed (Debian binaryen); remove it: apt-get remove binaryen"
fi

# 1. Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (the
#    single source of that number). No --locked: its own lock pins a crate the
#    registry no longer serves.
wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wbg" ]; then say "cannot read the wasm-bindgen version from Cargo.lock"; exit 1; fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
  say "installing wasm-bindgen-cli $wbg (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wbg" --force
fi

# 3. wasm-pack, which drives the release build.
if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack (a few minutes, once)"
  cargo install wasm-pack --locked
fi

# 4. npm packages: wasm-opt (binaryen), playwright-core, axe-core. Reinstall
#    only when package-lock.json changed since the last install.
stamp=node_modules/.package-lock.stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

# 5. Chromium and chromedriver from Debian, for the browser tests, and
#    poppler-utils (pdftotext, pdfinfo) to read the printed summary back.
if [ "$want" = test ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/pdftotext ]; then
    say "installing chromium, chromium-driver and poppler-utils from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
  fi
fi
# 5b. Firefox ESR and WebKitGTK (its MiniBrowser and WebKitWebDriver, under
#     Xvfb) from Debian: the flows a client's phone must get right run in the
#     engines of Firefox and Safari too (tests/e2e/engines.test.mjs).
if [ "$want" = test ]; then
  if [ ! -x /usr/bin/firefox-esr ] || [ ! -x /usr/bin/WebKitWebDriver ] || ! command -v Xvfb >/dev/null; then
    say "installing firefox-esr, webkit2gtk-driver and xvfb from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb >/dev/null
  fi
fi
# 6. The independent FHIR R4 validator (PyPI fhir.resources, pinned) in a
#    virtual environment of the project's own.
if [ "$want" = test ]; then
  req=tests/fhir/requirements.txt
  if [ ! -f .venv/.requirements.stamp ] || ! cmp -s "$req" .venv/.requirements.stamp; then
    say "installing the FHIR validator (fhir.resources) into .venv"
    rm -rf .venv
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r "$req"
    cp "$req" .venv/.requirements.stamp
  fi
fi
say "ready"
