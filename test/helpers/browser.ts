/**
 * Real-browser end-to-end helpers: the real server started as a user would
 * (`node --import tsx src/server/main.ts`, fresh data folder) and Debian's
 * Chromium driven by playwright-core. Both are always shut down when the test
 * ends, passed or failed.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { prepareTestDatabase } from './test-database.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import type { Test } from 'tap';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** A free TCP port on the loopback interface (the OS picks one; we close and hand it to the server). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? res(port) : rej(new Error('no port'))));
    });
  });
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerHandle {
  /** Where the browser goes: the loopback address the server binds by default. */
  baseUrl: string;
  port: number;
  dataDir: string;
  /** First-run bureau administrator, parsed from the console banner. */
  admin: { username: string; password: string };
  /** Everything the server wrote so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`). Idempotent. */
  stop(graceMs?: number): Promise<ExitStatus>;
}

function exited(child: ChildProcess): Promise<ExitStatus> {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => res({ code, signal }));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the real server on a fresh data folder and waits until `/healthz`
 * answers and the first-run banner (admin username and one-time password) is
 * printed. Registers a teardown that stops it and removes the folder.
 */
export async function startServer(
  t: Test,
  env: Record<string, string> = {},
  timeoutMs = 30_000,
  /** fills the fresh data folder before the server starts (then the first-run administrator may already exist) */
  prepare?: (dataDir: string) => Promise<void>,
): Promise<ServerHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kakou-e2e-'));
  const port = env.KAKOU_PORT ? Number(env.KAKOU_PORT) : await freePort();
  // Registered before the folder's own teardown, so it runs after it: the server has stopped when the database is dropped.
  const database = await prepareTestDatabase(t, dataDir);
  if (prepare) await prepare(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, KAKOU_DATA_DIR: dataDir, KAKOU_PORT: String(port), KAKOU_LOG_LEVEL: 'info', ...database, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = exited(child);
  // If tap kills this test process (timeout), teardowns never run: never leave the server behind.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exit.then(() => process.off('exit', orphanGuard));

  let stopping: Promise<ExitStatus> | undefined;
  const stop = (graceMs = 10_000): Promise<ExitStatus> =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exit;
      } finally {
        clearTimeout(timer);
      }
    })());

  // tap drops the remaining teardowns when one throws: this one never does.
  t.teardown(async () => {
    try {
      await stop();
    } catch {
      // already gone
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let healthy = false;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited early (${child.exitCode ?? child.signalCode})\nstdout:\n${out}\nstderr:\n${err}`);
    }
    if (!healthy) {
      try {
        const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
        const body = (await res.json()) as { status?: string };
        healthy = res.status === 200 && body.status === 'ok';
      } catch {
        // not listening yet
      }
    }
    // The banner is written right after listen(); wait for its last line.
    if (healthy && /Portal: /.test(out)) break;
    await sleep(100);
  }
  if (!healthy || !/Portal: /.test(out)) throw new Error(`server not ready after ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`);

  const username = /用户名 username:\s*(\S+)/.exec(out)?.[1];
  const password = /一次性密码 one-time password:\s*(\S+)/.exec(out)?.[1];
  if ((!username || !password) && !prepare) throw new Error(`no first-run banner on stdout:\n${out}`);

  return { baseUrl, port, dataDir, admin: { username: username ?? '', password: password ?? '' }, stdout: () => out, stderr: () => err, stop };
}

/** Debian's Chromium, headless; closed by a teardown. */
export async function launchBrowser(t: Test, extraArgs: string[] = []): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 30_000 });
  t.teardown(async () => {
    try {
      await browser.close();
    } catch {
      // already closed or crashed; never let it skip the server's teardown
    }
  });
  return browser;
}

export interface E2E {
  server: ServerHandle;
  browser: Browser;
  /** A fresh browser profile (own cookies) pointed at the server; Chinese browser by default. */
  newPage(opts?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Server and browser for one test file. tap runs teardowns last-in-first-out:
 * the server (started second) is stopped first, then the browser is closed.
 */
export async function e2e(t: Test, env: Record<string, string> = {}): Promise<E2E> {
  const browser = await launchBrowser(t);
  const server = await startServer(t, env);
  return {
    server,
    browser,
    async newPage(opts = {}) {
      const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', ...opts });
      context.setDefaultTimeout(10_000);
      context.setDefaultNavigationTimeout(15_000);
      const page = await context.newPage();
      return { context, page };
    },
  };
}

/**
 * A link of the portal's menu, as a user reaches it: the bureau's menu is grouped in closed
 * <details>, so the group holding the link is opened first (a click on its summary).
 */
export async function menuLink(page: Page, name: string | RegExp): Promise<Locator> {
  const byName = page.getByRole('link', { name, exact: typeof name === 'string', includeHidden: true });
  const link = page.locator('nav.nav').locator(byName).first();
  const group = page.locator('nav.nav details').filter({ has: byName });
  if ((await group.count()) > 0 && !(await group.first().evaluate((d) => (d as HTMLDetailsElement).open))) await group.first().locator('summary').click();
  return link;
}

/** The menu's words, closed groups included (innerText leaves out what a closed <details> hides). */
export async function menuText(page: Page): Promise<string> {
  return ((await page.locator('nav.nav').textContent()) ?? '').replace(/\s+/g, ' ');
}

/** Fails on any browser-side error a user would never see but that means a broken page (CSP refusals, script errors, 5xx). */
export function watchPage(page: Page, problems: string[]) {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // 4xx pages a test asks for on purpose are logged as "Failed to load resource"; 5xx are caught below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} ${r.url()}`);
  });
}

/**
 * Clicks something that submits a form or follows a link and waits until the
 * new document (after any redirects) has loaded. Waiting for `load` alone would
 * race: the old page is still loaded when the click returns.
 */
export async function clickAndWait(page: Page, target: Locator | string) {
  const committed = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() });
  await (typeof target === 'string' ? page.click(target) : target.click());
  await committed;
  await page.waitForLoadState('load');
}

/** Signs in through the /login form. */
export async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.fill('#f-username', username);
  await page.fill('#f-password', password);
  await clickAndWait(page, 'form[action="/login"] button[type=submit]');
}

/** Changes the password on /password (where a one-time password leads) and checks it took. */
export async function changePassword(page: Page, current: string, next: string) {
  if (!new URL(page.url()).pathname.startsWith('/password')) await page.goto('/password');
  await page.fill('#f-currentPassword', current);
  await page.fill('#f-newPassword', next);
  await page.fill('#f-confirmPassword', next);
  await page.click('form[action="/password"] button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/password' && u.searchParams.get('done') === '1');
}

/** Signs out with the nav's button. */
export async function signOut(page: Page) {
  await page.click('form[action="/logout"] button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('out') === '1');
}

/** The one-time password shown once on the page after creating or resetting an account. */
export async function oneTimePassword(page: Page): Promise<string> {
  const text = (await page.locator('code.otp').first().textContent())?.trim() ?? '';
  if (!text) throw new Error('no one-time password on the page');
  return text;
}

/** True when nothing sticks out sideways (no horizontal scroll bar). */
export async function noHorizontalOverflow(page: Page): Promise<{ ok: boolean; scrollWidth: number; innerWidth: number; widest: string }> {
  return page.evaluate(() => {
    const scrollWidth = document.documentElement.scrollWidth;
    const innerWidth = window.innerWidth;
    // For the failure message: the element reaching furthest right.
    let widest = '';
    let right = 0;
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect().right;
      if (r > right) {
        right = r;
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} (${Math.round(r)}px)`;
      }
    }
    return { ok: scrollWidth <= innerWidth, scrollWidth, innerWidth, widest };
  });
}

/** Pages in a PDF made by Chromium: `/Type /Page` objects, not `/Pages`. */
export function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

// ---- Portal steps a bureau user takes, as a person would at the screen ----

export interface EnterpriseFields {
  name: string;
  creditCode: string;
  address?: string;
  regionCode?: string;
  dutyPhone?: string;
}

/** Fills /bureau/enterprises/new (already open). */
export async function fillEnterpriseForm(page: Page, f: EnterpriseFields) {
  await page.locator('#f-name').fill(f.name);
  await page.locator('#f-creditCode').fill(f.creditCode);
  await page.locator('#f-address').fill(f.address ?? '昆山市开发区前进东路 88 号');
  await page.locator('#f-regionCode').fill(f.regionCode ?? '320583');
  await page.locator('#f-dutyPhone').fill(f.dutyPhone ?? '051257001234');
}

/** Registers an enterprise and approves its resumption (复工备案) as a bureau user; returns its id. */
export async function registerApprovedEnterprise(page: Page, f: EnterpriseFields): Promise<number> {
  await page.goto('/bureau/enterprises/new');
  await fillEnterpriseForm(page, f);
  await page.locator('form[action="/bureau/enterprises"] button[type=submit]').click();
  await page.waitForURL(/\/bureau\/enterprises\/\d+\?done=registered$/);
  const id = Number(/\/bureau\/enterprises\/(\d+)/.exec(page.url())![1]);
  await page.locator(`form[action="/bureau/enterprises/${id}/status"]:has(input[name=status][value=approved]) button`).click();
  await page.waitForURL(/done=status$/);
  return id;
}

/** Creates an enterprise account on the enterprise's bureau page; returns the one-time password shown. */
export async function createEnterpriseAccount(page: Page, enterpriseId: number, username: string, displayName: string): Promise<string> {
  await page.goto(`/bureau/enterprises/${enterpriseId}`);
  const form = page.locator(`form[action="/bureau/enterprises/${enterpriseId}/users"]`);
  await form.locator('#f-username').fill(username);
  await form.locator('#f-displayName').fill(displayName);
  await clickAndWait(page, form.locator('button[type=submit]'));
  await page.waitForSelector('code.otp');
  return oneTimePassword(page);
}

/** Creates a bureau account on /bureau/staff (admin only); returns the one-time password shown. */
export async function createStaff(page: Page, username: string, displayName: string, role: 'bureau_officer' | 'bureau_admin' = 'bureau_officer'): Promise<string> {
  await page.goto('/bureau/staff');
  const form = page.locator('form[action="/bureau/staff"]');
  await form.locator('#f-username').fill(username);
  await form.locator('#f-displayName').fill(displayName);
  await form.locator('#f-role').selectOption(role);
  await clickAndWait(page, form.locator('button[type=submit]'));
  await page.waitForSelector('code.otp');
  return oneTimePassword(page);
}

/** Signs in with a one-time password and replaces it, as every new account must. */
export async function firstSignIn(page: Page, username: string, oneTime: string, next: string) {
  await signIn(page, username, oneTime);
  if (new URL(page.url()).pathname !== '/password') throw new Error(`${username}: a one-time password should lead to /password, got ${page.url()}`);
  await changePassword(page, oneTime, next);
}

/**
 * zbarimg on an image, QR codes only; the raw text, or throws with zbar's output. Only QR: with every
 * symbology on, zbar now and then also reads a few modules of a large QR as a linear barcode and prints
 * that too (a CI run decoded a charter pass as its text, a newline and "537759").
 */
export async function zbarDecode(png: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-e2e-qr-'));
  const file = join(dir, 'qr.png');
  writeFileSync(file, png);
  try {
    return await new Promise<string>((res, rej) =>
      execFile('/usr/bin/zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', file], { timeout: 20_000 }, (err, stdout, stderr) =>
        err ? rej(new Error(`zbarimg failed (${err.message}): ${stderr}`)) : res(stdout.trim()),
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
