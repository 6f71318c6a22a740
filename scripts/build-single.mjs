// Writes dist/alliance-check-offline.html: the whole widget in one file
// (JS glue, CSS and the wasm inlined as base64), to save and open from disk
// (file://) with no network at all.
//   node scripts/build-single.mjs [dist]
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const read = (name) => readFile(join(dist, name), 'utf8');
// The languages the WebAssembly does not carry, inlined too (no fetch from
// a file opened from disk).
const languages = Object.fromEntries(
  await Promise.all(
    (await readdir(join(dist, 'i18n')))
      .filter((f) => f.endsWith('.json'))
      .map(async (f) => [f.slice(0, -'.json'.length), await read(join('i18n', f))]),
  ),
);
const [glue, wasm, widgetCss, pageCss, first, firstScript] = await Promise.all([
  read('alliance_check.js'),
  readFile(join(dist, 'alliance_check_bg.wasm')),
  read('alliance-check.css'),
  read('page.css'),
  read('first/en-adult-personal.html'),
  read('first-screen.js'),
]);
if (!/export \{ initSync/.test(glue)) throw new Error('the wasm-bindgen glue no longer exports initSync');
// Nothing in an inline script may close the script element early.
const safe = (text) => text.replace(/<\/(script|style)/gi, '<\\/$1');

const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>alliance-check (offline copy)</title>
  <link rel="icon" href="data:,">
  <style>
${safe(pageCss)}
${safe(widgetCss)}
  </style>
</head>
<body>
  <main class="page">
    <div data-alliance-check>
      <noscript>This check needs JavaScript and WebAssembly. Nothing is sent anywhere.</noscript>
${first}
    </div>
    <p class="page__privacy">Offline copy: it works without a network, and your answers are kept only in this browser.</p>
  </main>
  <script type="module">
${safe(firstScript.replace(/^export /gm, ''))}
const languages = ${safe(JSON.stringify(languages))};
globalThis[Symbol.for('alliance-check:languages')] = (tag) =>
  tag in languages ? Promise.resolve(languages[tag]) : Promise.reject(new Error(tag));
${safe(glue)}
const bytes = Uint8Array.from(atob('${wasm.toString('base64')}'), (c) => c.charCodeAt(0));
initSync({ module: bytes });
  </script>
</body>
</html>
`;
await writeFile(join(dist, 'alliance-check-offline.html'), html);
console.log(`[dist] alliance-check-offline.html: ${html.length} bytes`);
