#!/usr/bin/env bash
# The invariants of ARCHITECTURE.md that a grep can check. Prints every
# breach with its place and fails if there is any. Comments are skipped;
# test modules are not (a test that reaches past a layer is a breach too,
# except where a rule below says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
# breach "rule" PATTERN PATH... : fails when PATTERN occurs in code lines.
breach() {
  local rule=$1 pattern=$2
  shift 2
  local hits
  hits=$(grep -rnE --include='*.rs' "$pattern" "$@" 2>/dev/null | grep -vE '^[^:]+:[0-9]+:\s*//' || true)
  if [ -n "$hits" ]; then
    printf 'lint-layers: %s\n%s\n' "$rule" "$hits" >&2
    failed=1
  fi
}

# 1. The core and the texts are pure Rust: no browser, no storage, no UI.
breach "src/core and src/i18n use no browser API, storage or UI" \
  '\b(web_sys|js_sys|gloo[a-z_]*|wasm_bindgen[a-z_]*|yew)\b|crate::(storage|ui|crypto|options)\b' \
  src/core src/i18n
# 2. One way between them: texts never reach into the core.
breach "src/i18n does not import the core" 'crate::core\b' src/i18n
# 3. Only the storage module touches localStorage (and never clears it).
breach "only src/storage/ touches localStorage" \
  '\b(LocalStorage|SessionStorage|gloo_storage|local_storage|session_storage)\b|web_sys::Storage\b' \
  $(ls -d src/* | grep -v '^src/storage$')
breach "nothing clears the host page's storage" '\.clear\(\)' src/storage
# 4. Components render and dispatch: storage, crypto and file reads are
#    effects (src/ui/effects*). The state holds one opaque handle, SealKey.
breach "components do not touch storage or crypto" \
  'crate::(storage|crypto)\b|\bStore\b|JsFuture|\.text\(\)' \
  $(ls src/ui/*.rs src/ui/*/*.rs | grep -vE '^src/ui/(effects|state)(\.rs|/)')
breach "the state uses no browser API and no storage" \
  '\b(web_sys|js_sys|gloo[a-z_]*)\b|crate::storage\b' src/ui/state.rs src/ui/state
if grep -rnE 'crate::crypto\b' src/ui/state.rs src/ui/state | grep -vE 'crate::crypto::SealKey;' >&2; then
  echo "lint-layers: the state may name crate::crypto::SealKey only" >&2
  failed=1
fi
# 5. User text is rendered as text.
breach "no inner_html anywhere" 'inner_html' src
# 6. Nothing panics on the host page from I/O.
breach "storage and crypto never unwrap or expect" '\.(unwrap|expect)\(' src/storage src/crypto.rs
# 7. One clock and one source of randomness for the UI (src/ui/mod.rs).
breach "the clock and randomness are read in src/ui/mod.rs only" \
  'Date::now|Math::random' $(ls src/*.rs src/ui/*.rs src/ui/*/*.rs | grep -v '^src/ui/mod.rs$')

if [ "$failed" -ne 0 ]; then
  echo "lint-layers: FAILED (see ARCHITECTURE.md, Invariants)" >&2
  exit 1
fi
echo "lint-layers: ok"
