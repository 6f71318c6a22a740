// The first screen's CSS cut: what it keeps and what it drops
// (scripts/critical-css.mjs). End to end, first-screen.test.mjs checks that
// the standalone page looks the same before the whole stylesheet arrives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canMatch, classesOf, critical, selectors } from './critical-css.mjs';

const classes = new Set(['ac', 'ac-scale', 'is-unset']);

test('a selector is kept only if every class it needs is on the first screen', () => {
  assert.equal(canMatch('.ac .ac-scale', classes), true);
  assert.equal(canMatch('.ac-scale.is-unset input[type=range]::-webkit-slider-thumb', classes), true);
  assert.equal(canMatch('.ac-history .ac-scale', classes), false);
  assert.equal(canMatch(':root', classes), true);
  // Classes inside :not(), :is(), :has() and attribute values do not count.
  assert.equal(canMatch('.ac:not(.ac--light)', classes), true);
  assert.equal(canMatch('.ac-scale:has(.ac-chart)', classes), true);
  assert.equal(canMatch('.ac[data-x=".ac-history"]', classes), true);
});

test('selector lists split at top-level commas only', () => {
  assert.deepEqual(selectors('.a, .b:is(.c, .d), [x="1,2"]'), ['.a', '.b:is(.c, .d)', '[x="1,2"]']);
});

test('rules keep their order and their @media and @container blocks; empty blocks go; @keyframes stay whole', () => {
  const css = `/* c */ .ac { color: red; }
.ac-history, .ac-scale { margin: 0 }
@media (max-width: 30rem) { .ac-history { x: 1 } .ac-scale { y: 2 } }
@container ac (max-width: 30rem) { .ac-chart { z: 3 } }
@keyframes ac-spin { to { transform: rotate(1turn) } }`;
  assert.equal(
    critical(css, classes),
    ['.ac{color:red}', '.ac-scale{margin:0}', '@media (max-width: 30rem){.ac-scale{y:2}}', '@keyframes ac-spin{to { transform:rotate(1turn) }}'].join('\n'),
  );
  assert.throws(() => critical('.ac { color: red;', classes), /unbalanced/);
  // Without classes, everything is kept, compact.
  assert.equal(critical('/* page */ .page { margin: 0 auto; font: 1rem a, b }'), '.page{margin:0 auto;font:1rem a,b}');
});

test('the classes of a page are read from its class attributes', () => {
  const found = classesOf('<div class="ac  ac--dark"><p class="x">.y</p></div>', '<b class="z">');
  for (const c of ['ac', 'ac--dark', 'x', 'z', 'ac__header--untitled']) assert.ok(found.has(c), c);
  assert.ok(!found.has('y'));
});
