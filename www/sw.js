// alliance-check's service worker, registered only by the project's own
// standalone page (index.html, the page with the web app manifest), scoped
// to its folder. It keeps the widget's own files for offline use and
// nothing else: never the client's data (which lives in localStorage, not
// here), never a host page's files. A new version installs on the next
// visit (this file changes whenever any cached file does) and serves from
// the visit after; old caches are removed.
// scripts/build-pwa.mjs writes VERSION and FILES at build time.
const VERSION = 'dev';
const FILES = ['./'];
const CACHE = `alliance-check-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // Checked with the server (cheap where it answers "not modified"), so
      // a stale copy in the HTTP cache never joins a new version.
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'no-cache' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('alliance-check-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const file = `./${url.pathname.slice(scope.pathname.length)}`;
  // Only the widget's own files; anything else goes to the network as usual.
  if (!FILES.includes(file)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(file))
      .then((hit) => hit ?? fetch(request)),
  );
});
