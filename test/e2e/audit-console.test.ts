/**
 * Issue 14's walkthrough, as a new bureau officer would try it in Chromium
 * against the real server: find yesterday's ESCORT decisions at one
 * checkpoint through the menu and the search form, open one and read its
 * trace, export the filtered list, and open the CSV as a spreadsheet would
 * (UTF-8 with BOM: Chinese text intact). The data: the demo world, plus
 * shifts recorded yesterday at the demo checkpoint and at a second one, so
 * that each filter (day, checkpoint, decision) has something to leave out.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { freePort, launchBrowser, signIn, startServer, watchPage } from '../helpers/browser.js';
import { seedScannerWorld, type ScannerWorld } from '../helpers/scanner-world.js';
import { recordShift, type RecordedCheck } from '../helpers/audit-world.js';
import { person } from '../../src/cli/demo-data.js';
import { serverRows } from '../helpers/server-db.js';
import { chinaDate } from '../helpers/fleet.js';

const HUAQIAO = { name: '昆山花桥卡口', location: 'G2 京沪高速花桥收费站 入城方向', regionCode: '320583' };
const LUJIA = { name: '昆山陆家卡口', location: 'S224 陆家出口', regionCode: '320583' };

const yesterday = chinaDate(-1);
/** 10:00 China time yesterday; the scanner synced at the end of its shift, 18:05. */
const shiftStart = new Date(`${yesterday}T10:00:00+08:00`);
const synced = new Date(`${yesterday}T18:05:00+08:00`);

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
let world: ScannerWorld | undefined;
let atHuaqiao: RecordedCheck[] = [];
let atLujia: RecordedCheck[] = [];
const server = await startServer(t, { KAKOU_PORT: String(port), KAKOU_PUBLIC_URL: baseUrl }, 30_000, async (dataDir) => {
  world = await seedScannerWorld(dataDir, baseUrl);
  const uscc = world.enterprise.creditCode;
  const wuhanStay = (region: string) => [{ region, lastDay: chinaDate(-3) }];
  atHuaqiao = await recordShift(dataDir, {
    checkpoint: HUAQIAO, label: '花桥 2 号机', start: shiftStart, receivedAt: synced,
    checks: [
      { qrText: null, plate: '鄂A88888', people: [person([36.5], null, wuhanStay('420106'))], receiverUscc: uscc, expect: 'ESCORT' },
      { qrText: null, plate: '苏E7K512', people: [person([37.9, 38.1])], receiverUscc: null, expect: 'HOLD' },
      { qrText: null, plate: '鄂B30303', people: [person([36.6], null, wuhanStay('420200'))], receiverUscc: uscc, expect: 'ESCORT' },
    ],
  });
  atLujia = await recordShift(dataDir, {
    checkpoint: LUJIA, staffBadge: 'LJ0001', label: '陆家 1 号机', start: shiftStart, receivedAt: synced,
    checks: [{ qrText: null, plate: '鄂A55555', people: [person([36.4], null, wuhanStay('420102'))], receiverUscc: uscc, expect: 'ESCORT' }],
  });
});
const browser = await launchBrowser(t);
const problems: string[] = [];

async function officerPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  watchPage(page, problems);
  await signIn(page, 'officer', world!.accounts.officer!);
  return page;
}

t.test("an officer finds yesterday's ESCORT decisions at 花桥, opens one, and exports them", async (t) => {
  const page = await officerPage();
  const expected = atHuaqiao.filter((c) => c.decision === 'ESCORT');
  t.equal(expected.length, 2, 'two ESCORT checks at 花桥 yesterday');

  // Through the menu, as a new user would: the 审计 group, then the check search.
  await page.goto('/');
  await page.locator('nav details summary', { hasText: '审计' }).click();
  await page.getByRole('link', { name: '查验检索' }).click();
  await page.waitForURL('**/bureau/checks');

  await page.fill('input[name=from]', yesterday);
  await page.fill('input[name=to]', yesterday);
  await page.selectOption('select[name=checkpoint]', { label: HUAQIAO.name });
  await page.selectOption('select[name=decision]', 'ESCORT');
  await Promise.all([page.waitForURL(/\/bureau\/checks\?/), page.getByRole('button', { name: '检索' }).click()]);

  const rows = page.locator('table.data tbody tr');
  t.equal(await rows.count(), 2, 'exactly the two: not the HOLD, not 陆家, not today');
  const listed = await rows.allInnerTexts();
  t.ok(listed.every((r) => r.includes('ESCORT 企业接车') && r.includes(HUAQIAO.name)), 'decision in words, checkpoint named', { listed });
  t.same(listed.map((r) => r.match(/[鄂苏][A-Z][0-9A-Z]{5}/)?.[0]).sort(), ['鄂A88888', '鄂B30303'], 'the plates');
  t.notOk(listed.join('\n').includes('鄂A55555'), 'the other checkpoint is left out');

  // Open the Wuhan van (the later ones are listed first: newest first).
  const van = expected.find((c) => c.plate === '鄂A88888')!;
  await rows.filter({ hasText: '鄂A88888' }).getByRole('link').first().click();
  await page.waitForURL(`**/bureau/checks/${van.id}`);
  const trace = await page.locator('main').innerText();
  for (const [what, text] of [
    ['decision in words', 'ESCORT 企业接车'],
    ['a key-area reason, in Chinese', '重点疫区'],
    ['the checkpoint', HUAQIAO.name],
    ['the device as labelled', '花桥 2 号机'],
    ['the plate', '鄂A88888'],
    ['the next event in its device chain, its link checked', '#2 ✓'],
    ['the temperature taken', '36.5'],
    ['the declared stay, with its last day', `420106 (${chinaDate(-3)})`],
    ['the delay between the check and the sync', '8 h 05 min 00 s'],
  ] as const) t.ok(trace.includes(text), what, { trace: trace.slice(0, 1500) });
  t.match(trace, new RegExp(`${yesterday.replaceAll('-', '[-/]')}|${Number(yesterday.slice(5, 7))}月${Number(yesterday.slice(8))}日`), 'received yesterday');
  t.match(trace, /T10:00:00(\.000)?\+08:00/, 'the device time as the scanner wrote it');

  // Back to the filtered list, and export it.
  await page.goBack();
  await page.waitForURL(/\/bureau\/checks\?/);
  const exportLink = page.locator('p.export a').first();
  t.match(await exportLink.innerText(), /2 条/, 'the export says how many rows before it starts');
  const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
  t.match(download.suggestedFilename(), /^kakou-checks-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await download.path())!);
  t.same([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark, so Excel reads it as UTF-8');
  // A strict decoder, as a spreadsheet importing UTF-8 would: any broken sequence throws.
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  const lines = text.split('\r\n').filter((l) => l !== '');
  t.equal(lines.length, 3, 'a header and the two rows');
  t.match(lines[0]!, /[\u4e00-\u9fff]/, 'the header is in Chinese');
  for (const plate of ['鄂A88888', '鄂B30303']) t.ok(lines.some((l) => l.includes(plate) && l.includes(HUAQIAO.name)), `${plate} with its checkpoint, Chinese intact`);
  t.notOk(text.includes('\ufffd'), 'no replacement characters');

  // The export is itself on the record, and the officer can see it there: 审计 → 操作日志.
  const exports = await serverRows<{ detail: string }>(server.dataDir, "SELECT detail FROM audit_log WHERE action = 'audit.export' ORDER BY seq");
  t.same(exports.map((e) => (JSON.parse(e.detail) as { stage?: string }).stage), ['start', 'done'], 'audited when it started and when it ended');
  t.match(exports.at(-1)!.detail, /"decision":"ESCORT"/, 'with the filter it used');
  t.match(exports.at(-1)!.detail, /"rows":2/, 'and the rows written');
  await page.locator('nav details summary', { hasText: '审计' }).click();
  await page.getByRole('link', { name: '操作日志' }).click();
  await page.waitForURL('**/bureau/audit/actions');
  await page.selectOption('select[name=action]', 'audit.export');
  await Promise.all([page.waitForURL(/\/bureau\/audit\/actions\?/), page.getByRole('button', { name: '检索' }).click()]);
  const logged = await page.locator('table.data tbody tr').allInnerTexts();
  t.equal(logged.length, 2, 'the start and the end of the export');
  t.ok(logged.every((r) => r.includes('导出审计检索结果') && r.includes('王审核')), 'named in words, with who did it', { logged });

  t.same(problems, [], 'no script errors, CSP refusals or server errors on any page');
});

t.test('the same search in English', async (t) => {
  const page = await officerPage();
  const lujia = atLujia[0]!;
  await page.goto(`/bureau/checks?from=${yesterday}&to=${yesterday}&decision=ESCORT`);
  // The portal's own switch: remembered on the officer's account.
  await Promise.all([page.waitForURL(/\/bureau\/checks\?/), page.locator('button[name=locale][value=en]').click()]);
  t.teardown(() => page.locator('button[name=locale][value=zh]').click());
  const body = await page.locator('main').innerText();
  t.match(body, /ESCORT Escort/, 'decision in English words', { body: body.slice(0, 800) });
  t.ok(body.includes('鄂A55555') && body.includes(LUJIA.name), 'no checkpoint filter: 陆家 is in');
  await page.goto(`/bureau/checks/${lujia.id}`);
  t.match(await page.locator('main').innerText(), /key area/i, 'the reason in English');
});
