// Puts a pre-rendered first screen inside a page's `data-alliance-check`
// element, so the page shows it with its own HTML, before any script. With
// CSS files, the page's render-blocking stylesheets become one inline
// <style> of those files (the page's own and the first screen's rules, cut
// by critical-css.mjs), and the widget's whole stylesheet moves to the end
// of the body, where it blocks nothing above it: the first slider is painted
// without a round trip for a stylesheet. The inline style is allowed by its
// hash (scripts/serve.mjs; `csp-header.txt` for other hosts).
//   node scripts/inline-first.mjs PAGE.html FIRST.html [INLINE.css...]
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { policyFor } from './serve.mjs';

const [page, first, ...css] = process.argv.slice(2);
const [html, screen] = await Promise.all([readFile(page, 'utf8'), readFile(first, 'utf8')]);
const mount = /(<div data-alliance-check>)([\s\S]*?)(<\/div>)/;
if (!mount.test(html)) throw new Error(`${page}: no <div data-alliance-check> to fill`);
let out = html.replace(mount, (_, open, inner, close) => `${open}${inner}${screen}\n    ${close}`);
if (css.length) {
  const links = /\s*<link rel="stylesheet" href="[^"]*">/g;
  const sheets = [...out.matchAll(links)].map((m) => m[0].trim());
  const widget = sheets.find((l) => l.includes('alliance-check.css'));
  if (!widget) throw new Error(`${page}: no link to alliance-check.css to move`);
  const inline = (await Promise.all(css.map((f) => readFile(f, 'utf8')))).join('\n').trim();
  if (/<\/style/i.test(inline)) throw new Error('a stylesheet closes the <style> element');
  let placed = false;
  out = out.replace(links, () => (placed ? '' : ((placed = true), `\n  <style>${inline}</style>`)));
  out = out.replace('</body>', `  ${widget}\n</body>`);
  console.log(`[dist] ${page}: ${css.join(' + ')} inline (${inline.length} bytes), alliance-check.css at the end of the body`);
}
await writeFile(page, out);
if (css.length) {
  // The header a host sends with the page (make serve sends the same).
  const header = join(dirname(page), 'csp-header.txt');
  await writeFile(header, `Content-Security-Policy: ${policyFor(out)}\n`);
  console.log(`[dist] ${header}: the policy for ${page}, its inline style allowed by hash`);
}
console.log(`[dist] ${page}: first screen inlined`);
