/**
 * The export progress script (/static/export-progress.js) in Chromium against
 * the real server: a bureau administrator exports the action log; the click is
 * taken over by the script, which streams the file with fetch, shows "n / N"
 * in a <progress> against X-Total-Count and saves the file under the server's
 * name. With JavaScript off, the same link downloads directly. Both exports
 * are in the audit log (start and end). The check export uses the same link
 * component and script.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { e2e, firstSignIn, signIn, watchPage } from '../helpers/browser.js';

const PASSWORD = 'Admin-新密码-2020-0219';
const env = await e2e(t);
const problems: string[] = [];

await t.test('with JavaScript: progress, then the file', async (t) => {
  const { page } = await env.newPage();
  watchPage(page, problems);
  await firstSignIn(page, 'admin', env.server.admin.password, PASSWORD);
  await page.goto('/bureau/audit/actions');
  const link = page.locator('a[data-export-link]');
  const total = Number(await link.getAttribute('data-total'));
  t.ok(total > 0, `the page announces ${total} rows`);
  t.ok(await page.locator('progress[data-export-progress]').isHidden(), 'no progress bar before the click');

  const download = page.waitForEvent('download');
  await link.click();
  const file = await download;
  await page.locator('a[data-export-link][data-done]').waitFor();
  const done = Number(await link.getAttribute('data-done'));
  t.match(file.suggestedFilename(), /^kakou-actions-\d{4}-\d{2}-\d{2}\.csv$/, 'saved under the server’s file name');
  const bytes = readFileSync((await file.path())!);
  t.same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the saved file keeps the BOM');
  const rows = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  t.match(rows[0], /^序号,时间,/, 'Chinese header intact');
  t.equal(done, rows.length - 1, 'the script counted every row');
  const bar = page.locator('progress[data-export-progress]');
  t.ok(await bar.isVisible(), 'the progress bar is shown');
  t.same(await bar.evaluate((b: HTMLProgressElement) => [b.value, b.max]), [done, done], 'and full at the end');
  t.equal(await page.locator('[data-export-status]').innerText(), `导出完成：${done} 行`, 'the status says how many rows');

  const exports = (await (await page.request.get('/api/v1/audit/actions?action=audit.export')).json()) as { items: Array<{ detail: { stage: string; expected: number; rows?: number } }> };
  t.same(exports.items.map((e) => e.detail.stage), ['done', 'start'], 'the export is audited at its start and its end');
  t.equal(exports.items[1]!.detail.expected, done, 'the start entry has the expected row count');
});

await t.test('without JavaScript: the link downloads the file directly', async (t) => {
  const { page } = await env.newPage({ javaScriptEnabled: false });
  await signIn(page, 'admin', PASSWORD);
  await page.goto('/bureau/audit/actions?action=audit.export');
  const download = page.waitForEvent('download');
  await page.locator('a[data-export-link]').click();
  const file = await download;
  t.match(file.suggestedFilename(), /^kakou-actions-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = readFileSync((await file.path())!).subarray(3).toString('utf8').split('\r\n').filter(Boolean);
  t.equal(rows.length - 1, 2, 'the two entries of the first export');
});

t.test('no browser-side errors (CSP refusals, script errors, 5xx)', async (t) => {
  t.same(problems, []);
});
