// The CSS the first screen needs, cut at build time from the real
// stylesheet (never a hand-kept copy): every rule that can match an element
// of a pre-rendered first screen, in its original order, inside the same
// @media and @container blocks. The standalone page carries it inline, so
// its first slider is painted without waiting for a stylesheet; hosts may do
// the same with `first.css` (README, "The first screen without a round trip").
//   node scripts/critical-css.mjs FULL.css OUT.css FIRST.html...
//
// A selector is kept unless it names a class that no first screen has (the
// classes inside :not(), :is(), :where() and :has() are not counted, which
// keeps too much rather than too little). At-rules other than @media,
// @container and @supports (@keyframes, @font-face) are kept whole.
import { readFile, writeFile } from 'node:fs/promises';

/** Classes the loader (www/first-screen.js) adds to a first screen. */
const ADDED_BY_LOADER = ['ac--light', 'ac--dark', 'ac__header--untitled', 'ac-visually-hidden'];
const GROUPS = /^@(media|container|supports)\b/;

/** `css` without comments. */
function uncomment(css) {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

/**
 * The top-level items of `css`: `{ prelude, body }` for a block (body the
 * text between its braces), `{ statement }` for an at-rule ending in `;`.
 */
export function items(css) {
  const out = [];
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    const semi = css.indexOf(';', i);
    if (open < 0 && semi < 0) break;
    if (semi >= 0 && (open < 0 || semi < open) && css.slice(i, semi).trim().startsWith('@')) {
      out.push({ statement: css.slice(i, semi + 1).trim() });
      i = semi + 1;
      continue;
    }
    if (open < 0) break;
    let depth = 1;
    let j = open + 1;
    for (; j < css.length && depth > 0; j++) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}') depth--;
      else if (css[j] === '"' || css[j] === "'") j = css.indexOf(css[j], j + 1);
    }
    if (depth > 0) throw new Error(`unbalanced braces after: ${css.slice(i, open + 1).trim()}`);
    out.push({ prelude: css.slice(i, open).trim(), body: css.slice(open + 1, j - 1) });
    i = j;
  }
  return out;
}

/** The selectors of a list (`a, b:is(c, d)` → `a`, `b:is(c, d)`). */
export function selectors(list) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

/** Whether `selector` can match in a document with only the `classes`. */
export function canMatch(selector, classes) {
  let outer = selector.replace(/\[[^\]]*\]/g, '');
  // Functional pseudo-classes (innermost first): their classes do not count.
  while (/\([^()]*\)/.test(outer)) outer = outer.replace(/\([^()]*\)/g, '');
  return [...outer.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].every(([, c]) => classes.has(c));
}

/** A declaration block without its optional spaces and last semicolon. */
const tight = (body) => body.trim().replace(/\s+/g, ' ').replace(/\s*([:;,])\s*/g, '$1').replace(/;$/, '');

/**
 * The rules of `css` that can match a page with the `classes` (all of
 * them when `classes` is null), as compact CSS text.
 */
export function critical(css, classes = null) {
  const keep = (text) =>
    items(text).flatMap((item) => {
      if (item.statement) return [item.statement];
      if (GROUPS.test(item.prelude)) {
        const inner = keep(item.body);
        return inner.length ? [`${item.prelude}{${inner.join('')}}`] : [];
      }
      if (item.prelude.startsWith('@')) return [`${item.prelude}{${tight(item.body)}}`];
      const kept = selectors(item.prelude).filter((s) => !classes || canMatch(s, classes));
      return kept.length ? [`${kept.join(',')}{${tight(item.body)}}`] : [];
    });
  return keep(uncomment(css)).join('\n');
}

/** The classes of `pages`, with those the loader adds to a first screen. */
export function classesOf(...pages) {
  const found = new Set(ADDED_BY_LOADER);
  for (const html of pages) {
    for (const [, list] of html.matchAll(/\bclass="([^"]*)"/g)) for (const c of list.split(/\s+/)) if (c) found.add(c);
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [full, out, ...firsts] = process.argv.slice(2);
  if (!firsts.length) throw new Error('usage: critical-css.mjs FULL.css OUT.css FIRST.html...');
  const classes = classesOf(...(await Promise.all(firsts.map((f) => readFile(f, 'utf8')))));
  const css = critical(await readFile(full, 'utf8'), classes);
  await writeFile(out, `${css}\n`);
  console.log(`[dist] ${out}: ${css.length} bytes, the rules of ${full} the first screens can use`);
}
