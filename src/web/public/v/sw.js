// The card verification page's service worker (scope /v/): once a police officer has opened one
// card, the page, its code, the public keys and the revocation list stay on the phone, so a card
// can be checked with no network. The keys and the list are always asked of the network first.
const CACHE = 'konok-verify-v1';
const SHELL = '/v/shell';
const DATA = ['/.well-known/konok-card-keys.json', '/.well-known/konok-card-revocations.jws'];

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  // The page's code and style have hashed names: read them from the page itself.
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.put(SHELL, response);
  await cache.addAll([...assets, '/favicon.svg', ...DATA]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/** A copy from the cache, marked so the page can say it checked offline. */
async function fromCache(key) {
  const cached = await caches.match(key);
  if (!cached) return Response.error();
  const headers = new Headers(cached.headers);
  headers.set('x-konok-offline', '1');
  return new Response(await cached.blob(), { status: cached.status, headers });
}

async function networkFirst(request, key) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const cache = await caches.open(CACHE);
      await cache.put(key, response.clone());
    }
    return response;
  } catch {
    return fromCache(key);
  }
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (event.request.mode === 'navigate' && url.pathname.startsWith('/v/')) {
    event.respondWith(networkFirst(event.request, SHELL));
  } else if (DATA.includes(url.pathname)) {
    event.respondWith(networkFirst(event.request, url.pathname));
  } else if (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg') {
    event.respondWith(caches.match(url.pathname).then((cached) => cached || fetch(event.request)));
  }
});
