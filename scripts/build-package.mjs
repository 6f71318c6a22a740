// Turns wasm-pack's pkg/ into the npm package a web developer expects:
// the glue and the wasm, an entry whose mount() brings the stylesheet
// (www/package/index.js), the stylesheet itself (`alliance-check/style.css`),
// the custom element (`alliance-check/element`), types for all of it, its
// own README and the licences, and a package.json whose metadata comes
// from Cargo.toml. Run by build-dist.sh after wasm-pack.
//   node scripts/build-package.mjs [pkg]
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';

const PKG = process.argv[2] ?? 'pkg';

/** The `[package]` table's string and string-array values from Cargo.toml. */
function cargoPackage(toml) {
  const table = toml.split(/^\[package\]\s*$/m)[1].split(/^\[/m)[0];
  const fields = {};
  for (const [, key, value] of table.matchAll(/^([a-z-]+)\s*=\s*(.+)$/gm)) {
    fields[key] = value.startsWith('[') ? JSON.parse(value) : value.startsWith('"') ? JSON.parse(value) : value;
  }
  return fields;
}

const cargo = cargoPackage(await readFile('Cargo.toml', 'utf8'));

// What the package holds: exactly these (tests/e2e/npm.test.mjs checks the
// list `npm pack` makes).
const FILES = [
  'alliance_check.js',
  'alliance_check.d.ts',
  'alliance_check_bg.wasm',
  'alliance_check_bg.wasm.d.ts',
  'index.js',
  'index.d.ts',
  'element.js',
  'element.d.ts',
  'react.js',
  'react.d.ts',
  'alliance-check-element-base.js',
  'failure.js',
  'failure-texts.js',
  'i18n/',
  'style.css',
  'style.js',
  'LICENSE-MIT',
  'LICENSE-APACHE',
];

for (const f of ['index.js', 'index.d.ts', 'element.js', 'element.d.ts', 'react.js', 'react.d.ts', 'README.md']) {
  await copyFile(`www/package/${f}`, `${PKG}/${f}`);
}
await copyFile('www/alliance-check-element-base.js', `${PKG}/alliance-check-element-base.js`);
// The message when the widget cannot start; its texts (failure-texts.js)
// were written here by the core's prerender binary (build-dist.sh).
await copyFile('www/failure.js', `${PKG}/failure.js`);
await copyFile('LICENSE-MIT', `${PKG}/LICENSE-MIT`);
await copyFile('LICENSE-APACHE', `${PKG}/LICENSE-APACHE`);
const css = await readFile('www/alliance-check.css', 'utf8');
await writeFile(`${PKG}/style.css`, css);
// The same stylesheet as a module, for mount() to adopt without a request
// (and without a bundler plugin for CSS text).
await writeFile(`${PKG}/style.js`, `// The widget's stylesheet (style.css) as text, for mount() to adopt.\nexport default ${JSON.stringify(css)};\n`);
// wasm-pack's own ignore file would hide nothing (files decides), but it
// confuses readers of the folder.
await rm(`${PKG}/.gitignore`, { force: true });

const manifest = {
  name: cargo.name,
  version: cargo.version,
  description: cargo.description,
  license: cargo.license,
  keywords: [...cargo.keywords, 'web-component', 'webassembly'],
  ...(cargo.repository ? { repository: { type: 'git', url: `git+${cargo.repository}.git` } } : {}),
  type: 'module',
  main: './index.js',
  module: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', default: './index.js' },
    './element': { types: './element.d.ts', default: './element.js' },
    './react': { types: './react.d.ts', default: './react.js' },
    './style.css': './style.css',
    './package.json': './package.json',
  },
  files: FILES,
  // Only `alliance-check/react` uses React; nothing else needs it.
  peerDependencies: { react: '>=18' },
  peerDependenciesMeta: { react: { optional: true } },
  // Importing these changes the page (a custom element, a stylesheet);
  // everything else may be tree-shaken.
  sideEffects: ['./element.js', './style.css'],
};
await writeFile(`${PKG}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`[package] ${PKG}/: ${manifest.name}@${manifest.version}, ${FILES.length} files + README.md, package.json`);
