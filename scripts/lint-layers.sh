#!/usr/bin/env bash
# The invariants of ARCHITECTURE.md that a grep can check. Prints every
# breach with its place and fails if there is any. Whole-line comments are
# skipped; test modules are not (a test that reaches past a layer is a
# breach too). Patterns are Perl regular expressions (grep -P).
set -euo pipefail
# The tree to check: the repository, or a copy (scripts/lint-layers.test.mjs
# feeds copies with one breach each and expects this script to fail).
cd "${1:-$(dirname "$0")/..}"

failed=0
# breach "rule" PATTERN FILE... : fails when PATTERN occurs in a code line.
breach() {
  local rule=$1 pattern=$2
  shift 2
  local f
  for f in "$@"; do
    [ -e "$f" ] || { echo "lint-layers: no such file: $f" >&2; failed=1; return; }
  done
  local hits
  hits=$(grep -nP --with-filename "$pattern" "$@" | grep -vP '^[^:]+:[0-9]+:\s*//' || true)
  if [ -n "$hits" ]; then
    printf 'lint-layers: %s\n%s\n' "$rule" "$hits" >&2
    failed=1
  fi
}
rs() { find "$@" -name '*.rs' | sort; }

ui=$(rs src/ui)
state=$(rs src/ui/state.rs src/ui/state)
components=$(echo "$ui" | grep -vP '^src/ui/(effects|state)(\.rs|/)')

# 1. The core (domain, texts, first-screen renderer) is a crate of its own,
#    core/: the compiler refuses any browser API, storage or UI in it as
#    long as its manifest names no browser or UI crate.
breach "core/Cargo.toml depends on no browser or UI crate (the core stays pure)" \
  '^\s*"?(web-sys|js-sys|wasm-bindgen[a-z-]*|gloo[a-z-]*|yew[a-z-]*)"?\s*=|dependencies\.(web-sys|js-sys|wasm-bindgen|gloo|yew)' \
  core/Cargo.toml
# 2. One way inside it: texts never reach into the domain rules.
breach "core/src/i18n does not import the core's domain modules" \
  'crate::(?!i18n\b)[a-z_]+::|super::(?!super)[a-z_]+::' $(rs core/src/i18n)
# 3. Below the UI nothing imports it.
breach "storage, crypto and options do not import the UI" 'crate::ui\b|crate::\{' \
  $(rs src/storage) src/crypto.rs src/options.rs
# 4. Only the storage module touches localStorage, and it never clears it.
breach "only src/storage/ touches localStorage" \
  '\b(LocalStorage|SessionStorage|gloo_storage|local_storage|session_storage)\b|web_sys::Storage\b' \
  $(rs src | grep -v '^src/storage/')
breach "nothing clears the host page's storage" '(Storage::clear|\.clear\(\))(?!.*borrow_mut)' \
  $(rs src/storage)
# 5. Components render and dispatch: storage, crypto and file reads are
#    effects (src/ui/effects*). The state holds one opaque browser handle,
#    SealKey, and depends on no component and no effect.
breach "components do not touch storage, crypto or files" \
  'crate::(storage|crypto)\b|\bStore\b|JsFuture|\.text\(\)' $components
breach "the state uses no browser API, storage, effects or components" \
  '\b(web_sys|js_sys|gloo[a-z_]*)\b|crate::storage\b|crate::ui::(?!state\b)|crate::crypto(?!::SealKey\b)' \
  $state
# 5b. Components do no I/O of their own: their only spawned work is a
#     timer (src/ui/timers.rs); fetches and futures are effects.
breach "components spawn nothing but timers and fetch nothing" \
  '\bspawn_local\b|wasm_bindgen_futures|\bfetch(_with_[a-z_]+)?\b|\bJsFuture\b' \
  $(echo "$components" | grep -v '^src/ui/timers.rs$')
# 5c. Components take narrow props and a Callback<Action>: only the root
#     (src/ui/app.rs) holds the reducer.
breach "only the root holds the reducer (components take narrow props)" \
  '\bUseReducer(Handle|Dispatcher)\b|\buse_reducer(_eq)?\b' \
  $(echo "$components" | grep -v '^src/ui/app.rs$')
# 5d. No path can slip past the rules above: no relative climbs, no
#     grouped imports where the rules look for paths.
breach "no super::super paths (write crate::…)" 'super::super\b' $(rs src core/src)
breach "components and the state use no grouped crate::{…} imports" 'crate::\{' $components $state
breach "src/ui/state.rs reaches no sibling of the state through super::" 'super::(?!state\b)' \
  src/ui/state.rs
# 6. User text is rendered as text: no markup from strings anywhere.
breach "no inner_html or markup from strings anywhere" \
  'inner_html|outer_html|insert_adjacent_html|from_html_unchecked' $(rs src)
# 7. Nothing panics on the host page from I/O (the storage's native tests,
#    which never run there, may).
breach "storage and crypto never unwrap or expect" '\.(unwrap|expect)(_throw)?\(' \
  $(rs src/storage | grep -v '^src/storage/tests.rs$') src/crypto.rs
# 8. One clock and one source of randomness for the UI (src/ui/mod.rs).
breach "the clock and randomness are read in src/ui/mod.rs only" \
  'Date::now|Date::new_0|Math::random|\.now\(\)' \
  $(rs src/ui src/storage | grep -v '^src/ui/mod.rs$') src/lib.rs src/crypto.rs src/options.rs

if [ "$failed" -ne 0 ]; then
  echo "lint-layers: FAILED (see ARCHITECTURE.md, Invariants)" >&2
  exit 1
fi
echo "lint-layers: ok"
