/// <reference lib="webworker" />
/**
 * Precaches the whole app (HTML, JS, CSS, the decoder's wasm) so that after
 * one online visit it starts with no network, across reloads and restarts.
 * API calls are never cached here: the app keeps its data in IndexedDB.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Any navigation inside /scanner/ is the single-page app.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/scanner/index.html'), { allowlist: [/^\/scanner\//] }));

// A new version waits until the page says no check is in progress (see app/sw-register.ts):
// swapping files under a running check could lose the lazily loaded decoder.
self.addEventListener('message', (event) => {
  if (event.data === 'SKIP_WAITING') void self.skipWaiting();
});
self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});
