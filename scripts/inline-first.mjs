// Puts a pre-rendered first screen inside a page's `data-alliance-check`
// element, so the page shows it with its own HTML, before any script.
//   node scripts/inline-first.mjs PAGE.html FIRST.html
import { readFile, writeFile } from 'node:fs/promises';

const [page, first] = process.argv.slice(2);
const [html, screen] = await Promise.all([readFile(page, 'utf8'), readFile(first, 'utf8')]);
const mount = /(<div data-alliance-check>)([\s\S]*?)(<\/div>)/;
if (!mount.test(html)) throw new Error(`${page}: no <div data-alliance-check> to fill`);
await writeFile(page, html.replace(mount, (_, open, inner, close) => `${open}${inner}${screen}\n    ${close}`));
console.log(`[dist] ${page}: first screen inlined`);
