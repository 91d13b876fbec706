/**
 * Registers the service worker that precaches the app. A new version found
 * while the app runs is activated only at the next start (from boot, before
 * any check is open), so files never change under a running check.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.register('/scanner/sw.js', { scope: '/scanner/' });
    if (registration.waiting) registration.waiting.postMessage('SKIP_WAITING');
  } catch {
    // Not fatal: the app works online without it; the status screen shows storage, and tests catch a broken worker.
  }
}
