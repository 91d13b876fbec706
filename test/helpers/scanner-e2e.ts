/**
 * The scanner's end-to-end setting: a world seeded into the data folder, the
 * real server on it (its public URL is the address the browser uses, so
 * enrollment QRs name this origin), Chromium, and steps shared by the tests.
 */
import type { Test } from 'tap';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { freePort, launchBrowser, startServer, watchPage, type ServerHandle } from './browser.js';
import { seedScannerWorld, type ScannerWorld } from './scanner-world.js';

export interface ScannerE2E {
  server: ServerHandle;
  browser: Browser;
  world: ScannerWorld;
  problems: string[];
  newScanner(opts?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/** `browserArgs` may depend on the seeded world (a fake camera playing one of its QR codes). */
export async function scannerE2E(
  t: Test,
  browserArgs: (world: ScannerWorld) => string[] = () => [],
  serverEnv: Record<string, string> = {},
): Promise<ScannerE2E> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let world: ScannerWorld | undefined;
  const server = await startServer(t, { KAKOU_PORT: String(port), KAKOU_PUBLIC_URL: baseUrl, ...serverEnv }, 30_000, async (dataDir) => {
    world = await seedScannerWorld(dataDir, baseUrl);
  });
  // Launched after the server: teardowns run last-in-first-out, so the browser closes first and no page hangs on a gone server.
  const browser = await launchBrowser(t, browserArgs(world!));
  const problems: string[] = [];
  return {
    server,
    browser,
    world: world!,
    problems,
    async newScanner(opts = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport: { width: 390, height: 844 }, ...opts });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      watchPage(page, problems);
      return { context, page };
    },
  };
}

/** Enrollment with the typed code, then the sign-in screen once the staff list arrived. */
export async function enrollTyped(page: Page, code: string): Promise<void> {
  await page.goto('/scanner/');
  await page.getByTestId('enroll-code').fill(code.toLowerCase().replace(/-/g, ' '));
  await page.getByTestId('enroll-submit').click();
  await page.getByTestId('sign-in-screen').waitFor();
}

export async function signInStaff(page: Page, badge: string, pin: string): Promise<void> {
  await page.getByTestId('badge').fill(badge);
  await page.getByTestId('pin').fill(pin);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('scan-screen').waitFor();
}

/** Waits until the service worker controls the page: from then on the app starts with the network off. */
export async function waitForOfflineReady(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.getRegistration('/scanner/');
    return !!reg?.active && !!navigator.serviceWorker.controller;
  }, undefined, { timeout: 20_000 }).catch(async () => {
    // The first visit is not controlled until a reload (clients.claim races the page): one reload settles it.
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 20_000 });
  });
  // Offline navigations are answered from the precached app shell: wait until it is in the cache too,
  // so a reload with the network off cannot race the service worker's cache writes on a loaded machine.
  await page.waitForFunction(async () => !!(await caches.match('/scanner/index.html', { ignoreSearch: true })), undefined, { timeout: 20_000 });
}

/**
 * page.reload() with the network already off. Now and then Chromium answers such a reload with
 * ERR_INTERNET_DISCONNECTED although the service worker is active, controls the page and has the app
 * shell cached (waitForOfflineReady): it did not hand that navigation to the worker. Seen in the charter
 * tests, in about one fresh-clone run in three and one in two on a machine loaded by a mutation run; not
 * understood yet (it also happens with no request interception on the context). Once it starts, further
 * offline navigations of that page fail the same way for many seconds. So: three tries (the later ones as
 * a navigation to the same address, since the frame can be left detached by the error page: "Not attached
 * to an active page"), then, as a person at the checkpoint would, the page is loaded once with the network
 * back, made ready for offline again, and reloaded offline one last time, which must work. The recovery
 * is reported on stderr so a run shows how often it was needed.
 */
export async function reloadOffline(page: Page): Promise<void> {
  const url = page.url();
  const flaky = (error: unknown) => /ERR_INTERNET_DISCONNECTED|Not attached to an active page|detached/.test(String(error));
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await (attempt === 1 ? page.reload() : page.goto(url));
      return;
    } catch (error) {
      if (!flaky(error)) throw error;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
  process.stderr.write(`reloadOffline: three offline reloads of ${url} failed (Chromium did not use the service worker); loading it online once\n`);
  const context = page.context();
  await context.setOffline(false);
  await page.goto(url);
  await waitForOfflineReady(page);
  await context.setOffline(true);
  await page.reload();
}

/** Feeds scanned text to the scan screen as a keyboard-wedge scanner does: the characters, then Enter, with no click first. */
export async function wedge(page: Page, text: string): Promise<void> {
  await page.getByTestId('scan-screen').waitFor();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** One temperature reading through the keypad (digits only; the keypad places the decimal point). */
export async function typeReading(page: Page, key: number, digits: string): Promise<void> {
  await page.getByTestId(`measure-${key}`).click();
  for (const d of digits) await page.getByTestId(`keypad-key-${d === '.' ? 'dot' : d}`).click();
  await page.getByTestId('keypad-ok').click();
  await page.getByTestId('keypad-close').click();
}

/** Decides and returns what the decision screen shows. */
export async function decideNow(page: Page): Promise<string | null> {
  await page.getByTestId('decide').click();
  await page.getByTestId('decision').waitFor();
  return page.getByTestId('decision').getAttribute('data-decision');
}

/** A stored event as the scanner keeps it in IndexedDB (only what the tests read). */
export interface StoredScannerEvent {
  id: string;
  seq: number;
  type: string;
  sync: string;
  /** the signed event as it is uploaded */
  event: { payload: Record<string, unknown> };
}

/** The scanner's own event log, oldest first, read straight from its IndexedDB: what it will upload. */
export function scannerEvents(page: Page): Promise<StoredScannerEvent[]> {
  return page.evaluate(
    () =>
      new Promise<StoredScannerEvent[]>((resolve, reject) => {
        const open = indexedDB.open('kakou-scanner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const r = open.result.transaction('events').objectStore('events').getAll();
          r.onerror = () => reject(r.error);
          r.onsuccess = () => resolve((r.result as StoredScannerEvent[]).sort((a, b) => a.seq - b.seq));
        };
      }),
  );
}
