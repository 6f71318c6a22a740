// `make release`: alliance-check-<version>.zip for a practice's web person,
// from dist/ (built first). One versioned folder, so a cached file of one
// release can never meet another's (upload it as it is, next to the last
// one): the runtime files only, the pre-rendered first screens, the iframe
// page, the configurator, the standalone page, a README for web people
// (docs/RELEASE-README.md), the licences and SHA-256 sums of every file.
//   node scripts/build-release.mjs [dist] [out-dir]     (run from the repo root)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What a site needs, and nothing else (no demo pages, no offline file);
 * the first screens (`first/*.html`) and the languages other than English
 * (`i18n/*.json`, fetched when a client reads one) come with them. Listed for web people
 * in docs/RELEASE-README.md; tests/e2e/release.test.mjs checks the zip.
 */
export const RUNTIME = [
  // The loader, the first screen, the message when it cannot start.
  'embed.js', 'first-screen.js', 'failure.js', 'failure-texts.js',
  // The WebAssembly and its glue; the widget's stylesheet, and the part of
  // it the first screens use (for a page to carry inline).
  'alliance_check.js', 'alliance_check_bg.wasm', 'alliance-check.css', 'first.css',
  // <alliance-check>.
  'alliance-check-element.js', 'alliance-check-element-base.js',
  // The iframe route and its host script.
  'frame.html', 'frame.js', 'frame.css', 'frame-host.js',
  // The configurator.
  'configure.html', 'configure.js', 'configure.css',
  // The standalone page, installable (manifest, icons, service worker).
  'index.html', 'page.css', 'manifest.webmanifest', 'sw.js', 'icons/icon-192.png', 'icons/icon-512.png',
  // The policy to send with it: its one inline style allowed by hash.
  'csp-header.txt',
];

/** Every file under `dir`, relative, sorted. */
export async function walk(dir, base = dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path, base)));
    else found.push(relative(base, path));
  }
  return found.sort();
}

/** The time of the last commit (the same sources give the same zip), else now. */
function commitTime() {
  try {
    return Number(execFileSync('git', ['log', '-1', '--format=%ct'], { encoding: 'utf8' }).trim());
  } catch {
    return Math.floor(Date.now() / 1000);
  }
}

// Deflated, the folder as the zip's one top-level entry, entries in a fixed
// order with one time stamp.
const ZIP = `
import os, sys, time, zipfile
folder, name, out, when = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
stamp = time.gmtime(max(when, 315532800))[:6]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for rel in sys.stdin.read().split('\\n'):
        if rel:
            info = zipfile.ZipInfo(name + '/' + rel, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(os.path.join(folder, rel), 'rb') as f:
                z.writestr(info, f.read())
`;

/** Writes `<out>/alliance-check-<version>/` and its zip from `dist`; returns the zip's path. */
export async function release(dist, out) {
  const version = (await readFile('Cargo.toml', 'utf8')).match(/^version = "(.+)"$/m)[1];
  const name = `alliance-check-${version}`;
  const folder = join(out, name);
  const archive = join(out, `${name}.zip`);
  await rm(folder, { recursive: true, force: true });
  await rm(archive, { force: true });
  const first = (await readdir(join(dist, 'first'))).filter((f) => f.endsWith('.html')).map((f) => `first/${f}`);
  const languages = (await readdir(join(dist, 'i18n'))).filter((f) => f.endsWith('.json')).map((f) => `i18n/${f}`);
  for (const file of [...RUNTIME, ...first, ...languages]) {
    await mkdir(dirname(join(folder, file)), { recursive: true });
    await copyFile(join(dist, file), join(folder, file));
  }
  const readme = (await readFile('docs/RELEASE-README.md', 'utf8')).replaceAll('{version}', version);
  await writeFile(join(folder, 'README.md'), readme);
  for (const licence of ['LICENSE-MIT', 'LICENSE-APACHE']) await copyFile(licence, join(folder, licence));

  const files = await walk(folder);
  const sums = [];
  for (const file of files) {
    sums.push(`${createHash('sha256').update(await readFile(join(folder, file))).digest('hex')}  ${file}`);
  }
  await writeFile(join(folder, 'SHA256SUMS'), `${sums.join('\n')}\n`);
  execFileSync('python3', ['-c', ZIP, folder, name, archive, String(commitTime())], {
    input: [...files, 'SHA256SUMS'].join('\n'),
  });
  const size = (await stat(archive)).size;
  console.log(`[release] ${archive}: ${files.length + 1} files, ${(size / 1024).toFixed(1)} KiB`);
  return archive;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await release(process.argv[2] ?? 'dist', process.argv[3] ?? 'target/zip');
}
