// The layer lint must catch what it claims (issue 25): each case copies
// src/ and core/ into a fresh folder, adds one breach, and expects
// scripts/lint-layers.sh to fail naming its rule; the untouched copy passes.
//   node --test scripts/lint-layers.test.mjs      (part of `make lint`)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const LINT = join(ROOT, 'scripts', 'lint-layers.sh');

/** Runs the lint on a copy of src/ and core/ with `line` appended to `file`; its stderr, or null when it passes. */
async function lintWith(file, line) {
  const copy = await mkdtemp(join(tmpdir(), 'ac-lint-'));
  try {
    for (const dir of ['src', 'core']) {
      await cp(join(ROOT, dir), join(copy, dir), { recursive: true, filter: (from) => !from.includes('/target') });
    }
    if (file) await appendFile(join(copy, file), `\n${line}\n`);
    return await run('bash', [LINT, copy]).then(() => null, (e) => e.stderr);
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

test('the untouched tree passes', async () => {
  assert.equal(await lintWith(null), null);
});

const BREACHES = [
  ['a climb to storage from the reducer', 'src/ui/state/reducer.rs', 'use super::super::super::storage::Store;', /no super::super paths/],
  ['a grouped import hiding storage in a component', 'src/ui/history.rs', 'use crate::{core::record::Record, storage::Store};', /grouped crate::\{…\} imports/],
  ['the state importing the effects', 'src/ui/state.rs', 'use super::effects::Effects;', /reaches no sibling of the state/],
  ['the state importing a component by path', 'src/ui/state/reducer.rs', 'use crate::ui::history::History;', /the state uses no browser API, storage, effects or components/],
  ['a component spawning work', 'src/ui/history.rs', 'fn f() { yew::platform::spawn_local(async {}); }', /components spawn nothing but timers/],
  ['a component fetching', 'src/ui/summary.rs', 'fn f(w: web_sys::Window) { let _ = w.fetch_with_str("x"); }', /components spawn nothing but timers and fetch nothing/],
  ['a component taking the reducer handle', 'src/ui/summary.rs', 'pub struct P { s: UseReducerHandle<crate::ui::state::State> }', /only the root holds the reducer/],
  ['markup from a string', 'src/ui/summary.rs', 'fn f() -> Html { Html::from_html_unchecked("<b>x</b>".into()) }', /no inner_html or markup from strings/],
  // The core's purity is the compiler's (its crate has no browser or UI
  // dependency); the lint guards the manifest that makes it so.
  ['the core given web-sys', 'core/Cargo.toml', 'web-sys = "0.3"', /depends on no browser or UI crate/],
  ['the core given yew as a table', 'core/Cargo.toml', '[dependencies.yew]\nversion = "0.23"', /depends on no browser or UI crate/],
  ['the texts importing a domain rule', 'core/src/i18n/mod.rs', 'use crate::rating::Rating;', /does not import the core's domain modules/],
  ['a climb in the core', 'core/src/draft.rs', 'use super::super::rating::Rating;', /no super::super paths/],
];

for (const [what, file, line, rule] of BREACHES) {
  test(`caught: ${what}`, async () => {
    const said = await lintWith(file, line);
    assert.ok(said, `${file}: "${line}" passed the lint`);
    assert.match(said, rule);
    assert.ok(said.includes(file), 'names the file');
  });
}
