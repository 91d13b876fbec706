/**
 * <ScanPanel> in Debian's Chromium: the camera (Chromium's fake device
 * playing a y4m file this test writes) decodes a clean, a blurred and a
 * skewed pass-sized QR in the worker with the app's own wasm; the same code
 * is reported once within the repeat window; a keyboard-wedge scan is taken
 * without a click; pasting works; inactive means camera off and wedge deaf.
 * Every QR text is random, so nothing can pass by accident.
 */
import t, { type Test } from 'tap';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, noHorizontalOverflow } from '../helpers/browser.js';
import { passLikeText, qrFrame, SKEWED, type QrFrameOptions } from '../helpers/qr-frame.js';
import { chromium } from 'playwright-core';
import { buildHarness, launchWithFakeCamera, removeDir, serveStatic } from '../helpers/scanner-harness.js';
import { writeY4m, type LumaFrame } from '../helpers/y4m.js';
import { DEFAULT_REPEAT_MS } from '../../scanner-app/src/app/scan/repeat-filter.js';
import type { ReportedCode } from './harness/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'kakou-scan-test-'));
t.teardown(() => removeDir(tmp));
const harness = await buildHarness();
t.teardown(() => removeDir(harness));
const server = await serveStatic(harness);
t.teardown(() => server.close());

const codes = (page: Page) => page.evaluate(() => window.__codes) as Promise<ReportedCode[]>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One browser whose camera shows `frame`; a fresh page of the harness; checks nothing left the harness's origin. */
async function withCamera(t: Test, name: string, frame: LumaFrame, fn: (page: Page, open: (query?: string) => Promise<Page>) => Promise<void>) {
  const file = join(tmp, `${name}.y4m`);
  writeY4m(file, [frame]);
  const browser = await launchWithFakeCamera(file);
  try {
    const context = await browser.newContext({ permissions: ['camera'], locale: 'zh-CN', viewport: { width: 360, height: 740 } });
    context.setDefaultTimeout(15_000);
    const offOrigin: string[] = [];
    const problems: string[] = [];
    // Nothing may come from anywhere but the app (no CDN for the wasm): such requests fail and are listed.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${server.baseUrl}/`) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      offOrigin.push(url);
      return route.abort();
    });
    const open = async (query = '') => {
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      await page.goto(`${server.baseUrl}/${query}`);
      return page;
    };
    try {
      await fn(await open(), open);
    } finally {
      // Also when fn failed: a blocked CDN request or a page error is usually why.
      t.same(offOrigin, [], 'no request left the app');
      t.same(problems, [], 'no errors in the page');
    }
  } finally {
    await browser.close().catch(() => {});
  }
}

/** Waits until the camera reported something, then checks it is exactly `text`. */
async function expectCameraCode(t: Test, page: Page, text: string) {
  await page.waitForFunction(() => window.__codes.some((c) => c.source === 'camera'), undefined, { timeout: 15_000 });
  const camera = (await codes(page)).filter((c) => c.source === 'camera');
  t.equal(camera[0]?.text.length, text.length, 'decoded text has the QR text length');
  t.ok(camera[0]?.text === text, 'decoded text equals the QR text');
}

const cases: Array<[string, QrFrameOptions]> = [
  ['blurred (box blur r = 2, σ ≈ 2.5 px)', { blur: 2 }],
  ['skewed (perspective)', { quad: SKEWED }],
];

await t.test('clean pass QR: decoded, and reported once within the repeat window', async (t) => {
  const text = passLikeText(400);
  await withCamera(t, 'clean', qrFrame(text), async (page, open) => {
    await expectCameraCode(t, page, text);
    t.ok(server.requests.some((p) => /^\/assets\/zxing_reader-[\w-]+\.wasm$/.test(p)), 'the wasm came from the app itself');
    t.equal(await page.locator('.camera-scanner').getAttribute('data-status'), 'running');
    t.equal(await page.locator('button.torch').count(), 0, "no torch button: the fake camera's track has no torch capability");
    await sleep(2_000);
    // Judged by the page's own clock: on a loaded machine the 2 s here can stretch past the window, and a
    // report after the window is right. What must not happen is a second report inside it.
    const reported = (await codes(page)).filter((c) => c.source === 'camera');
    const gaps = reported.slice(1).map((c, i) => c.at - reported[i]!.at);
    t.ok(reported.length >= 1 && gaps.every((ms) => ms >= DEFAULT_REPEAT_MS), 'the code stayed in view 2 s more and was not reported again within the repeat window', { gaps });

    // The camera keeps reading it: with a short window the same code comes back, so the single report above was the window's doing.
    await page.close();
    const short = await open('?repeatMs=500');
    await expectCameraCode(t, short, text);
    await short.waitForFunction(() => window.__codes.length >= 2, undefined, { timeout: 5_000 });
    const again = await codes(short);
    t.ok(again.every((c) => c.text === text && c.source === 'camera'), 'the same code again, from the camera');
    t.ok(again[1]!.at - again[0]!.at >= 500, 'not before the window ended');
  });
});

for (const [name, options] of cases) {
  await t.test(`${name} pass QR is decoded`, async (t) => {
    const text = passLikeText(400);
    await withCamera(t, name.split(' ')[0]!, qrFrame(text, options), (page) => expectCameraCode(t, page, text));
  });
}

await t.test('no QR in view: keyboard wedge without a click, paste, inactive panel, 360 px layout', async (t) => {
  const blank: LumaFrame = { width: 640, height: 480, luma: new Uint8Array(640 * 480).fill(235) };
  await withCamera(t, 'blank', blank, async (page) => {
    await page.waitForSelector('.camera-scanner[data-status=running]');

    const wedged = passLikeText(380);
    await page.keyboard.type(wedged);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__codes.length >= 1, undefined, { timeout: 5_000 });
    t.same((await codes(page)).map((c) => [c.source, c.text === wedged]), [['wedge', true]], 'the wedge scan, taken with focus on nothing');

    const enroll = 'KKENROLL:https://kakou.example.cn:8443:7Q4M-2K9P';
    const box = page.getByLabel('粘贴或输入二维码内容');
    await box.fill(enroll);
    await box.press('Enter');
    await page.waitForFunction(() => window.__codes.length >= 2, undefined, { timeout: 5_000 });
    t.same((await codes(page)).slice(1).map((c) => [c.source, c.text]), [['paste', enroll]], 'pasted text, reported once (the wedge ignores the text box)');
    t.equal(await box.inputValue(), '', 'the box is emptied for the next one');

    await page.getByRole('button', { name: '查验' }).click();
    t.equal(await page.getByRole('alert').innerText(), '请先粘贴或输入二维码内容', 'an empty box asks for text');

    const layout = await noHorizontalOverflow(page);
    t.ok(layout.ok, `nothing sticks out at 360 px (${layout.widest})`);
    const heights = await page.locator('.scan-panel button, .scan-panel input').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    t.ok(heights.length >= 2 && heights.every((h) => h >= 56), `touch targets at least 56 px high (${heights.join(', ')})`);

    // Inactive: the stream is stopped and the wedge no longer listens.
    await page.click('#toggle-active');
    await page.waitForSelector('.camera-scanner[data-status=off]');
    t.equal(await page.evaluate(() => document.querySelector('video')!.srcObject), null, 'no stream on the video');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.type(passLikeText(50));
    await page.keyboard.press('Enter');
    await sleep(300);
    t.equal((await codes(page)).length, 2, 'an inactive panel takes no wedge scan');

    // Active again, focus left on the button just clicked: the scan's Enter must not press it.
    await page.click('#toggle-active');
    await page.waitForSelector('.camera-scanner[data-status=running]');
    const second = passLikeText(400);
    await page.keyboard.type(second);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__codes.length >= 3, undefined, { timeout: 5_000 });
    t.ok((await codes(page))[2]?.text === second, 'taken while a button had focus');
    t.equal(await page.locator('.camera-scanner').getAttribute('data-status'), 'running', 'and the focused button was not pressed');
    t.equal((await codes(page)).filter((c) => c.source === 'camera').length, 0, 'a blank picture decodes to nothing');
  });
});

await t.test('no camera at all: says so in Chinese (and English), and the wedge still works', async (t) => {
  // Without the fake-device flags, headless Chromium on this machine has no video input.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  try {
    const context = await browser.newContext({ permissions: ['camera'], locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector('.camera-scanner[data-status=error]');
    t.equal(await page.locator('.camera-problem p').innerText(), '没有找到摄像头。请用扫码枪扫描，或粘贴二维码内容。');
    t.equal(await page.locator('.camera-problem button').count(), 0, 'no "try again" when there is nothing to retry');

    await page.evaluate(() => localStorage.setItem('kakou.locale', 'en'));
    await page.reload();
    await page.waitForSelector('.camera-scanner[data-status=error]');
    t.equal(await page.locator('.camera-problem p').innerText(), 'No camera found. Use a handheld scanner, or paste the QR text.');

    const text = passLikeText(400);
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__codes.length >= 1, undefined, { timeout: 5_000 });
    t.ok((await codes(page))[0]?.text === text, 'wedge scan taken');
  } finally {
    await browser.close().catch(() => {});
  }
});
