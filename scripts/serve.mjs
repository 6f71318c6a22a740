// A small static file server for dist/ on 127.0.0.1 (no dependencies).
// Used by `make serve` and by the end-to-end tests. Sends the strict
// Content-Security-Policy the widget is built to run under.
//   node scripts/serve.mjs [dir] [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * The policy for a page: the strict one, with the hash of each inline
 * <style> the page carries (the standalone page's first-screen CSS,
 * scripts/inline-first.mjs) allowed in `style-src`. Nothing else inline is.
 */
export function policyFor(html) {
  const hashes = [...String(html).matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css]) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`,
  );
  return hashes.length ? CSP.replace("style-src 'self'", `style-src 'self' ${hashes.join(' ')}`) : CSP;
}

/** What a host compresses: everything but images. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);
const gzipped = new Map();

/** `body` gzip-compressed (level 9, as a host would), cached by file and time. */
function gzip(file, mtime, body) {
  const key = `${file}:${mtime}`;
  if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
  return gzipped.get(key);
}

/**
 * Starts serving `dir`; resolves to { server, url } once listening. Files
 * are sent gzip-compressed to clients that accept it, as any host would.
 * `headers` replace or add response headers (a test's host page on another
 * origin, with its own policy).
 */
export function serve(dir, port = 0, host = '127.0.0.1', headers = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const modified = new Date(Math.floor((await stat(file)).mtimeMs / 1000) * 1000);
      // "Not modified" for a copy still current, as any static host answers.
      const since = Date.parse(req.headers['if-modified-since'] ?? '');
      if (!Number.isNaN(since) && since >= modified.getTime()) {
        res.writeHead(304, { 'Last-Modified': modified.toUTCString(), 'Cache-Control': 'no-cache' }).end();
        return;
      }
      let body = await readFile(file);
      const policy = extname(file) === '.html' ? policyFor(body) : CSP;
      const compress = COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      if (compress) body = gzip(file, (await stat(file)).mtimeMs, body);
      res.writeHead(200, {
        ...(compress ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': policy,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
        'Last-Modified': modified.toUTCString(),
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      done({ server, url: `http://${host}:${server.address().port}/` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(dir, Number(port));
  console.log(`alliance-check is served at ${url}  (Ctrl-C to stop)`);
  console.log(`  the configurator (options, preview, snippets): ${url}configure.html`);
}
