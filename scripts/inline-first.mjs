// Puts a pre-rendered first screen inside a page's `data-alliance-check`
// element, so the page shows it with its own HTML, before any script. With
// stylesheets, the page's render-blocking <link>s become one inline <style>:
// the page's own sheets whole, and of the widget's (alliance-check.css) the
// rules this page's first screen can use (critical-css.mjs); the link to the
// widget's whole stylesheet moves to the end of the body, where it blocks
// nothing above it. The first slider is then painted without a round trip
// for a stylesheet. The inline style is allowed by its hash (serve.mjs sends
// it; `csp-header.txt` is written for other hosts). HTML comments go.
//   node scripts/inline-first.mjs PAGE.html FIRST.html [SHEET.css...]
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { classesOf, critical } from './critical-css.mjs';
import { policyFor } from './serve.mjs';

const WIDGET = 'alliance-check.css';
const [page, first, ...sheets] = process.argv.slice(2);
const [html, screen] = await Promise.all([readFile(page, 'utf8'), readFile(first, 'utf8')]);
const mount = /(<div data-alliance-check>)([\s\S]*?)(<\/div>)/;
if (!mount.test(html)) throw new Error(`${page}: no <div data-alliance-check> to fill`);
let out = html.replace(mount, (_, open, inner, close) => `${open}${inner}${screen}\n    ${close}`);
if (sheets.length) {
  const links = /\s*<link rel="stylesheet" href="[^"]*">/g;
  const widget = [...out.matchAll(links)].map((m) => m[0].trim()).find((l) => l.includes(WIDGET));
  if (!widget) throw new Error(`${page}: no link to ${WIDGET} to move`);
  const classes = classesOf(out);
  const cut = await Promise.all(
    sheets.map(async (f) => critical(await readFile(f, 'utf8'), basename(f) === WIDGET ? classes : null)),
  );
  const inline = cut.join('\n');
  if (/<\/style/i.test(inline)) throw new Error('a stylesheet closes the <style> element');
  let placed = false;
  out = out
    .replace(/\s*<!--[\s\S]*?-->/g, '')
    .replace(links, () => (placed ? '' : ((placed = true), `\n  <style>${inline}</style>`)))
    .replace('</body>', `  ${widget}\n</body>`);
  console.log(`[dist] ${page}: ${sheets.join(' + ')} inline as its first screen uses them (${inline.length} bytes), ${WIDGET} at the end of the body`);
  // The header a host sends with the page (make serve sends the same).
  const header = join(dirname(page), 'csp-header.txt');
  await writeFile(header, `Content-Security-Policy: ${policyFor(out)}\n`);
  console.log(`[dist] ${header}: the policy for ${page}, its inline style allowed by hash`);
}
await writeFile(page, out);
console.log(`[dist] ${page}: first screen inlined`);
