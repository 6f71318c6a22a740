// The npm package as a web developer meets it (issue 17): `npm pack` holds
// exactly the intended files and true metadata; a Vite app installs the
// packed tarball, imports the package, its stylesheet and its custom
// element by name, type-checks against its types, builds with `vite build`,
// and in Chromium, under the strict CSP, a client completes and saves a
// check with the widget styled (no handle on an unrated slider).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS } from './harness.mjs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PKG = join(ROOT, 'pkg');

/** What the package must hold, no more. */
const FILES = [
  'LICENSE-APACHE',
  'LICENSE-MIT',
  'README.md',
  'alliance-check-element-base.js',
  'alliance_check.d.ts',
  'alliance_check.js',
  'alliance_check_bg.wasm',
  'alliance_check_bg.wasm.d.ts',
  'element.d.ts',
  'element.js',
  'failure-texts.js',
  'failure.js',
  'i18n/de.json',
  'i18n/es-x-usted.json',
  'i18n/es.json',
  'i18n/fr.json',
  'index.d.ts',
  'index.js',
  'package.json',
  'react.d.ts',
  'react.js',
  'style.css',
  'style.js',
];

let app;

before(async () => {
  app = await mkdtemp(join(tmpdir(), 'ac-vite-'));
});

after(async () => {
  if (!process.env.KEEP_APP) await rm(app, { recursive: true, force: true });
  else console.log('app kept in', app);
});

test('npm pack holds exactly the intended files, with true metadata', async () => {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: PKG });
  const [packed] = JSON.parse(stdout);
  assert.deepEqual(packed.files.map((f) => f.path).sort(), FILES);
  const pkg = JSON.parse(await readFile(join(PKG, 'package.json'), 'utf8'));
  const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
  assert.equal(pkg.name, 'alliance-check');
  assert.equal(pkg.version, cargo.match(/^version = "(.+)"$/m)[1], 'the version is the crate\'s');
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  assert.ok(pkg.keywords.includes('psychotherapy'));
  assert.deepEqual(Object.keys(pkg.exports), ['.', './element', './react', './style.css', './package.json']);
  assert.deepEqual(pkg.peerDependenciesMeta, { react: { optional: true } }, 'React only for alliance-check/react');
  assert.doesNotMatch(JSON.stringify(pkg), /example\.invalid|TODO|placeholder/i);
  const readme = await readFile(join(PKG, 'README.md'), 'utf8');
  assert.match(readme, /npm install alliance-check/, 'its own README, for npm readers');
  assert.match(readme, /styles: false/);
});

/** A minimal Vite host: three pages, one per way to use the package. */
async function writeApp(tarball) {
  await writeFile(join(app, 'package.json'), JSON.stringify({
    name: 'vite-host',
    private: true,
    type: 'module',
    dependencies: { 'alliance-check': `file:./${tarball}` },
  }, null, 2));
  const page = (title, body, script) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${title}</title><link rel="icon" href="data:,"></head>
<body><main>${body}</main><script type="module" src="/${script}"></script></body></html>`;
  await writeFile(join(app, 'index.html'), page('mount() with its own styles', '<div id="app"></div>', 'main.js'));
  await writeFile(join(app, 'main.js'), `import init, { mount } from 'alliance-check';
await init();
window.handle = mount(document.getElementById('app'), { namespace: 'vite' });
`);
  await writeFile(join(app, 'styled.html'), page('the stylesheet imported by name', '<div id="app"></div>', 'styled.js'));
  await writeFile(join(app, 'styled.js'), `import 'alliance-check/style.css';
import init, { mount } from 'alliance-check';
await init();
mount(document.getElementById('app'), { namespace: 'vite-styled', styles: false });
`);
  await writeFile(join(app, 'element.html'), page('the custom element', '<alliance-check namespace="vite-element"></alliance-check>', 'element.js'));
  await writeFile(join(app, 'element.js'), "import 'alliance-check/element';\n");
  await writeFile(join(app, 'vite.config.js'), `import { fileURLToPath } from 'node:url';
const here = (f) => fileURLToPath(new URL(f, import.meta.url));
export default {
  logLevel: 'warn',
  build: { rolldownOptions: { input: { index: here('index.html'), styled: here('styled.html'), element: here('element.html') } } },
};
`);
  // A typed host, and one that must not type-check.
  await writeFile(join(app, 'host.ts'), `import init, { mount, type MountOptions, type SavedDetail } from 'alliance-check';
import { AllianceCheckElement } from 'alliance-check/element';
await init();
const options: MountOptions = { namespace: 'typed', mode: 'shared', idleSeconds: 90, styles: false };
const handle = mount(document.body, options);
handle.destroy();
document.addEventListener('alliance-check:saved', (e) => {
  const detail: SavedDetail = e.detail;
  const bond: number | undefined = detail.ratings.bond;
  console.log(bond, detail.goals[0]?.progress);
});
document.addEventListener('alliance-check:exported', (e) => console.log(e.detail.format === 'csv', e.detail.sessions + 1));
const el: AllianceCheckElement = document.createElement('alliance-check');
el.setAttribute('lang', 'es');
`);
  await writeFile(join(app, 'wrong.ts'), `import { mount } from 'alliance-check';
mount(document.body, { mode: 'sharde' });
document.addEventListener('alliance-check:exported', (e) => e.detail.rows);
`);
  const tsconfig = (file) => JSON.stringify({
    compilerOptions: { strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], noEmit: true, types: [] },
    files: [file],
  });
  await writeFile(join(app, 'tsconfig.json'), tsconfig('host.ts'));
  await writeFile(join(app, 'tsconfig.wrong.json'), tsconfig('wrong.ts'));
}

test('a Vite app installs the packed tarball, type-checks, builds, and a check is saved, styled, under a strict CSP', async () => {
  const { stdout } = await run('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', app], { cwd: PKG });
  const [{ filename }] = JSON.parse(stdout);
  await writeApp(filename);
  // Nothing to fetch: the package has no dependencies.
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app });

  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  await run(tsc, ['-p', 'tsconfig.json'], { cwd: app });
  const wrong = await run(tsc, ['-p', 'tsconfig.wrong.json'], { cwd: app }).then(() => null, (e) => e.stdout);
  assert.ok(wrong, 'a wrong option and a wrong event field do not type-check');
  assert.match(wrong, /"sharde"/);
  assert.match(wrong, /rows/);

  await run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: app });
  const { server, url } = await serve(join(app, 'dist'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    for (const [path, namespace] of [['index.html', 'vite'], ['styled.html', 'vite-styled'], ['element.html', 'vite-element']]) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(url + path);
      const sliders = page.getByRole('slider');
      await sliders.first().waitFor();
      // Styled: an unrated slider shows no handle. The same slider drawn as
      // rated (class removed, same value) looks different only if the
      // stylesheet applies.
      const unset = await sliders.first().screenshot();
      await sliders.first().evaluate((el) => el.closest('.ac-scale').classList.remove('is-unset'));
      const shown = await sliders.first().screenshot();
      assert.notDeepEqual(unset, shown, `${path}: no handle before a rating`);
      await sliders.first().evaluate((el) => el.closest('.ac-scale').classList.add('is-unset'));
      for (let i = 0; i < 4; i += 1) {
        await sliders.nth(i).focus();
        await page.keyboard.press('End');
      }
      await page.getByRole('button', { name: 'Next' }).click();
      const later = page.getByRole('button', { name: 'Skip for now' });
      if (await later.count()) await later.click();
      else await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Save this check' }).click();
      await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
      assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [`${namespace}:doc:default`], path);
      const sheets = await page.evaluate(() => ({
        document: document.adoptedStyleSheets.length,
        shadow: document.querySelector('alliance-check')?.shadowRoot?.adoptedStyleSheets.length ?? null,
      }));
      const expected = { 'index.html': { document: 1, shadow: null }, 'styled.html': { document: 0, shadow: null }, 'element.html': { document: 0, shadow: 1 } };
      assert.deepEqual(sheets, expected[path], `${path}: the stylesheet where the widget is, once`);
      assert.deepEqual(errors, [], `${path}: no errors, no CSP violations`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
});

/**
 * A React app (issue 27), inside the repository so that react, react-dom
 * and @types/react resolve from its devDependencies: <AllianceCheck> in a
 * StrictMode development build, a TSX host with <alliance-check>, and both
 * entries imported on a server (Node) as Next.js does.
 */
test('React: StrictMode mounts once and unmounts cleanly; <alliance-check> type-checks in TSX; nothing breaks on a server', async () => {
  const react = join(ROOT, 'target', 'e2e-react-app');
  await rm(react, { recursive: true, force: true });
  await mkdir(react, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', react], { cwd: PKG });
  const [{ filename }] = JSON.parse(stdout);
  await writeFile(join(react, 'package.json'), JSON.stringify({ name: 'react-host', private: true, type: 'module', dependencies: { 'alliance-check': `file:./${filename}` } }));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: react });

  // On a server: importing defines nothing and throws nothing.
  const ssr = await run(process.execPath, ['--input-type=module', '-e',
    "const e = await import('alliance-check/element'); const r = await import('alliance-check/react'); console.log(typeof e.AllianceCheckElement, typeof r.AllianceCheck);"], { cwd: react });
  assert.equal(ssr.stdout.trim(), 'undefined function');

  await writeFile(join(react, 'typed.tsx'), `import { StrictMode } from 'react';
import { AllianceCheck } from 'alliance-check/react';
import type { AllianceCheckElement } from 'alliance-check/element';
export function Page() {
  return (
    <StrictMode>
      <AllianceCheck className="check" options={{ namespace: 'x', mode: 'shared' }} onSaved={(d) => console.log(d.ratings.bond)} onError={(e) => console.log(e.reason === 'load')} />
      <alliance-check namespace="x" lang="es-x-usted" mode="shared" widget-title="off" idle-seconds={90}></alliance-check>
    </StrictMode>
  );
}
const el: AllianceCheckElement | null = document.querySelector('alliance-check');
el?.addEventListener('alliance-check:saved', (e) => console.log(e.detail.ratings.bond));
el?.addEventListener('alliance-check:error', (e) => console.log(e.detail.message));
`);
  await writeFile(join(react, 'wrong.tsx'), `import { AllianceCheck } from 'alliance-check/react';
export const Wrong = () => (<><alliance-check mode="kiosk"></alliance-check><AllianceCheck options={{ mode: 'sharde' }} /></>);
`);
  const tsconfig = (file) => JSON.stringify({
    compilerOptions: { strict: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', lib: ['es2022', 'dom'], noEmit: true, types: [] },
    files: [file],
  });
  await writeFile(join(react, 'tsconfig.json'), tsconfig('typed.tsx'));
  await writeFile(join(react, 'tsconfig.wrong.json'), tsconfig('wrong.tsx'));
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  await run(tsc, ['-p', 'tsconfig.json'], { cwd: react }).catch((e) => assert.fail(`typed.tsx: ${e.stdout}`));
  const wrong = await run(tsc, ['-p', 'tsconfig.wrong.json'], { cwd: react }).then(() => null, (e) => e.stdout);
  assert.match(wrong ?? '', /"kiosk"/, 'a wrong attribute of the element does not type-check');
  assert.match(wrong ?? '', /"sharde"/, 'a wrong option of the component does not type-check');

  // A StrictMode development build: every effect runs twice.
  await writeFile(join(react, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React host</title>
<link rel="icon" href="data:,"></head><body><main><h1>Check</h1><div id="root"></div></main><script type="module" src="/main.js"></script></body></html>`);
  await writeFile(join(react, 'main.js'), `import { createElement as h, StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AllianceCheck } from 'alliance-check/react';
window.probeRuns = 0;
window.saved = [];
function Probe() {
  useEffect(() => { window.probeRuns += 1; }, []);
  return null;
}
function App() {
  const [shown, setShown] = useState(true);
  return h('div', null,
    h('button', { type: 'button', onClick: () => setShown((s) => !s) }, shown ? 'Hide the check' : 'Show the check'),
    h(Probe),
    shown && h(AllianceCheck, { className: 'check', options: { namespace: 'react' }, onSaved: (d) => window.saved.push(d) }));
}
createRoot(document.getElementById('root')).render(h(StrictMode, null, h(App)));
`);
  await writeFile(join(react, 'vite.config.js'), "export default { logLevel: 'warn', build: { minify: false } };\n");
  await run(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', 'development'], {
    cwd: react,
    env: { ...process.env, NODE_ENV: 'development' },
  });
  const { server, url } = await serve(join(react, 'dist'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    await page.locator('.check[data-alliance-check-mounted]').waitFor();
    await page.getByRole('slider').first().waitFor();
    assert.equal(await page.evaluate(() => window.probeRuns), 2, 'a development build: StrictMode ran the effects twice');
    assert.equal(await page.locator('[data-alliance-check-mounted]').count(), 1, 'mounted once');
    const sliders = page.getByRole('slider');
    for (let i = 0; i < 4; i += 1) {
      await sliders.nth(i).focus();
      await page.keyboard.press('End');
    }
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await page.getByRole('button', { name: 'Save this check' }).click();
    await page.getByRole('heading', { name: 'Saved. Thank you.' }).waitFor();
    assert.equal(await page.evaluate(() => window.saved.length), 1, 'onSaved heard once');

    await page.getByRole('button', { name: 'Hide the check' }).click();
    assert.equal(await page.locator('.check, [data-alliance-check-mounted], .ac').count(), 0, 'unmounted: nothing left');
    await page.getByRole('button', { name: 'Show the check' }).click();
    await page.getByRole('slider').first().waitFor();
    assert.equal(await page.locator('[data-alliance-check-mounted]').count(), 1, 'mounted once again');
    assert.deepEqual(errors, [], 'no "already mounted", no errors');
  } finally {
    await browser.close();
    server.close();
    if (!process.env.KEEP_APP) await rm(react, { recursive: true, force: true });
  }
});
