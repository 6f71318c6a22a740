// Makes the standalone page installable: icons (PNG, drawn here), the web
// app manifest, and the service worker's list of files and version.
//   node scripts/build-pwa.mjs dist
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';

/** CRC-32 (PNG chunks). */
function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k += 1) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/**
 * The icon: the widget's green, full bleed (so it also works masked), with
 * a white line and a round mark on it, as on the check's own sliders.
 */
function icon(size) {
  const [bg, fg] = [[0x1f, 0x6f, 0x5c], [0xff, 0xff, 0xff]];
  const rows = [];
  const line = { y: size * 0.5, half: size * 0.035, from: size * 0.2, to: size * 0.8 };
  const mark = { x: size * 0.64, y: size * 0.5, r: size * 0.11 };
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x += 1) {
      const onLine = Math.abs(y + 0.5 - line.y) <= line.half && x >= line.from && x <= line.to;
      const onMark = (x + 0.5 - mark.x) ** 2 + (y + 0.5 - mark.y) ** 2 <= mark.r ** 2;
      const [r, g, b] = onLine || onMark ? fg : bg;
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

await mkdir(join(dist, 'icons'), { recursive: true });
for (const size of [192, 512]) await writeFile(join(dist, 'icons', `icon-${size}.png`), icon(size));

const manifest = {
  name: 'alliance-check: end-of-session check',
  short_name: 'Session check',
  description: 'A private end-of-session check for therapy clients. Everything stays on this device.',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#eef1f4',
  theme_color: '#1f6f5c',
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
await writeFile(join(dist, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);

// What the standalone page loads, and what it may fetch later.
const first = (await readdir(join(dist, 'first'))).filter((f) => f.endsWith('.html')).map((f) => `./first/${f}`);
// The languages other than English, fetched when a client reads one.
const languages = (await readdir(join(dist, 'i18n'))).filter((f) => f.endsWith('.json')).map((f) => `./i18n/${f}`);
const files = [
  './', './index.html', './embed.js', './first-screen.js', './failure.js', './failure-texts.js', './alliance_check.js', './alliance_check_bg.wasm',
  './alliance-check.css', './page.css', './manifest.webmanifest', './icons/icon-192.png', './icons/icon-512.png',
  ...first,
  ...languages,
];
const hash = createHash('sha256');
for (const f of files.filter((f) => f !== './')) hash.update(f).update(await readFile(join(dist, f)));
const version = hash.digest('hex').slice(0, 12);
const sw = (await readFile(join(dist, 'sw.js'), 'utf8'))
  .replace("const VERSION = 'dev';", `const VERSION = '${version}';`)
  .replace("const FILES = ['./'];", `const FILES = ${JSON.stringify(files)};`);
if (!sw.includes(version)) throw new Error('sw.js: VERSION not found');
await writeFile(join(dist, 'sw.js'), sw);
console.log(`[dist] installable: manifest, icons 192/512, sw.js ${version} (${files.length} files)`);
