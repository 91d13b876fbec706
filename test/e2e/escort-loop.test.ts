/**
 * Issue 12's loop end to end, in Chromium against the real server: a Wuhan
 * van is checked offline (ESCORT); the scanner syncs; the enterprise's home
 * page shows the request without a reload and a local webhook receiver gets
 * a signed delivery; the enterprise sends an escort; the scanner shows who is
 * coming and records the handover; the enterprise confirms arrival and the
 * isolation; the request closes with its whole timeline. A second vehicle,
 * checked by a scanner whose clock says three hours ago, is flagged overdue.
 */
import t, { type Test } from 'tap';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { Page } from 'playwright-core';
import { clickAndWait, signIn } from '../helpers/browser.js';
import { scannerE2E, enrollTyped, signInStaff, wedge, typeReading, decideNow, scannerEvents } from '../helpers/scanner-e2e.js';
import { chinaDate } from '../helpers/fleet.js';

interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
}

/** The enterprise's webhook receiver: a plain HTTP server on loopback that keeps what it got. */
async function receiver(t: Test) {
  const got: Delivery[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  const addr = server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/kakou`, got };
}

/** docs/webhooks.md: v1 = hex HMAC-SHA256 over "<timestamp>.<body>", keyed with the whole secret text. */
function signatureHolds(d: Delivery, secret: string): boolean {
  const ts = String(d.headers['x-kakou-timestamp']);
  const sent = String(d.headers['x-kakou-signature']).replace(/^v1=/, '');
  const mine = createHmac('sha256', secret).update(`${ts}.${d.body}`).digest('hex');
  return sent.length === mine.length && timingSafeEqual(Buffer.from(sent), Buffer.from(mine));
}

const lastEvent = async (page: Page, type: string) => (await scannerEvents(page)).filter((e) => e.type === type).at(-1)!.id;

async function syncScanner(scanner: Page) {
  await scanner.getByTestId('tab-status').click();
  await scanner.getByTestId('sync-now').click();
  await scanner.waitForFunction(() => document.querySelector('[data-testid=status-last-sync]')?.textContent?.includes('成功') && document.querySelector('[data-testid=status-outbox]')?.textContent === '0');
}

t.test('ESCORT decision → request → webhook → dispatch → handover → arrival → isolation → closed', async (t) => {
  const hook = await receiver(t);
  const env = await scannerE2E(t, () => [], { KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: '1' });
  const { world } = env;

  // The enterprise sets up its webhook and keeps its home page open.
  const { context: entContext, page: ent } = await env.newScanner({ viewport: { width: 1280, height: 900 } });
  await signIn(ent, 'jincheng', world.accounts.jincheng!);
  await ent.goto('/enterprise/webhooks');
  await ent.fill('#f-url', hook.url);
  await clickAndWait(ent, 'form[action="/enterprise/webhooks"] button[type=submit]');
  const secret = (await ent.locator('code.token-text').textContent())!.trim();
  t.match(secret, /^whsec_/, 'the signing secret, shown once');
  await ent.goto('/');
  const rows = ent.locator('#escort-requests tbody tr');
  const before = await rows.count();

  // The checkpoint: enrolled, signed in, then the network goes.
  const { context, page: scanner } = await env.newScanner();
  const staff = world.staff[0]!;
  await enrollTyped(scanner, world.enrollmentCode);
  await signInStaff(scanner, staff.badge, staff.pin);
  await context.setOffline(true);
  await scanner.getByTestId('net-state').filter({ hasText: '离线' }).waitFor();
  await wedge(scanner, world.wuhanPass.qrText);
  await scanner.getByTestId('plate-confirm').click();
  await scanner.getByTestId('id4-0').fill('0037');
  await typeReading(scanner, 0, '366');
  t.equal(await decideNow(scanner), 'ESCORT', 'a key-area vehicle waits for its enterprise');
  await scanner.getByTestId('next-vehicle').click();
  const checkEventId = await lastEvent(scanner, 'check');
  await scanner.waitForTimeout(500);
  t.equal(await rows.count(), before, 'nothing reaches the enterprise while the checkpoint is offline');

  // Back online: the scanner syncs by itself, the enterprise's page changes without a reload.
  await context.setOffline(false);
  await ent.waitForFunction((n) => document.querySelectorAll('#escort-requests tbody tr').length > n, before, { timeout: 30_000 });
  t.ok(await ent.locator('#escort-requests').getAttribute('data-refreshed'), 'the list was swapped in live, not by a reload');
  const list = (await (await ent.request.get('/api/v1/escort-requests?status=active')).json()) as { items: Array<{ id: number; checkEventId: string; status: string }> };
  const request = list.items.find((r) => r.checkEventId === checkEventId)!;
  t.equal(request?.status, 'open');

  await t.resolves(
    (async () => {
      for (let i = 0; i < 100 && !hook.got.some((d) => d.headers['x-kakou-event'] === 'escort.requested'); i++) await new Promise((r) => setTimeout(r, 100));
    })(),
  );
  const requested = hook.got.find((d) => d.headers['x-kakou-event'] === 'escort.requested');
  t.ok(requested, 'the webhook receiver got escort.requested');
  t.ok(requested && signatureHolds(requested, secret), 'its signature holds by the documented recipe');
  t.match(JSON.parse(requested?.body ?? '{}'), { type: 'escort.requested' });

  // A colleague sends 周明 while the home page's own connection is down: nothing could announce the change to
  // it, so when it is back the page's stream connects again and the list is fetched afresh.
  await ent.locator('#escort-requests[data-live=stream]').waitFor();
  const row = ent.locator('#escort-requests tbody tr').filter({ has: ent.locator(`a[href="/enterprise/escorts/${request.id}"]`) });
  await row.locator('.badge-escort-open').waitFor();
  await entContext.setOffline(true);
  const colleague = (await env.newScanner({ viewport: { width: 1280, height: 900 } })).page;
  await signIn(colleague, 'jincheng', world.accounts.jincheng!);
  await colleague.goto(`/enterprise/escorts/${request.id}`);
  await colleague.fill('#f-escortName', '周明');
  await colleague.fill('#f-escortPhone', '13812345678');
  await clickAndWait(colleague, `form[action="/enterprise/escorts/${request.id}/dispatch"] button[type=submit]`);
  await ent.waitForTimeout(500);
  t.equal(await row.locator('.badge-escort-dispatched').count(), 0, 'the page, offline, does not know yet');
  await entContext.setOffline(false);
  await row.locator('.badge-escort-dispatched').waitFor({ timeout: 30_000 });
  t.pass('back online, the page shows the dispatch made while it was away, without a reload');

  // The checkpoint sees who is coming and hands the van over.
  await syncScanner(scanner);
  await scanner.getByTestId('tab-waiting').click();
  const waiting = scanner.getByTestId('waiting-item').filter({ hasText: '鄂A88888' });
  await waiting.getByTestId('waiting-escort').filter({ hasText: '周明' }).waitFor();
  t.match(await waiting.getByTestId('waiting-escort').textContent(), /5678/, 'with the phone’s last four');
  await waiting.getByTestId('waiting-handover').click();
  t.equal(await scanner.getByTestId('handover-name').inputValue(), '周明', 'the form names the escort the enterprise sent');
  await scanner.getByTestId('handover-phone').fill('13812345678');
  for (const d of '365') await scanner.getByTestId(`keypad-key-${d}`).click();
  await scanner.getByTestId('keypad-ok').click();
  await scanner.getByTestId('handover-submit').click();
  await scanner.getByTestId('waiting-empty').or(scanner.getByTestId('waiting-item').first()).waitFor();
  await syncScanner(scanner);

  // The enterprise: in transit, then arrival, isolation, its end.
  const inTransit = (await (await ent.request.get(`/api/v1/escort-requests/${request.id}`)).json()) as { status: string; handover: { differentEscort: boolean } };
  t.equal(inTransit.status, 'in_transit');
  t.equal(inTransit.handover.differentEscort, false, 'the escort who came is the one sent');
  await ent.goto(`/enterprise/escorts/${request.id}`);
  await clickAndWait(ent, `form[action="/enterprise/escorts/${request.id}/arrival"] button[type=submit]`);
  await ent.fill('#f-place', '本企业隔离宿舍 3 号楼');
  await ent.fill('#f-startDate', chinaDate(0));
  await ent.fill('#f-plannedEnd', chinaDate(14));
  await ent.fill('#f-responsible', '李调度');
  await clickAndWait(ent, `form[action="/enterprise/escorts/${request.id}/isolations"] button[type=submit]`);
  await clickAndWait(ent, `form[action^="/enterprise/escorts/${request.id}/isolations/"][action$="/end"] button[type=submit]`);

  const closed = (await (await ent.request.get(`/api/v1/escort-requests/${request.id}`)).json()) as { status: string };
  t.equal(closed.status, 'closed', 'the request closes');
  const timeline = (await (await ent.request.get(`/api/v1/escort-requests/${request.id}/timeline`)).json()) as { items?: Array<{ kind: string }> } | Array<{ kind: string }>;
  const kinds = (Array.isArray(timeline) ? timeline : timeline.items ?? []).map((e) => e.kind);
  for (const k of ['requested', 'notified', 'dispatched', 'handed_over', 'arrived', 'isolation_started', 'isolation_ended', 'closed']) {
    t.ok(kinds.includes(k), `timeline has ${k}`);
  }
  await ent.goto(`/enterprise/escorts/${request.id}`);
  t.match(await ent.locator('section:has(#timeline)').textContent(), /卡口判定须企业接车/, 'the timeline page reads in words');
  const types = new Set(hook.got.map((d) => String(d.headers['x-kakou-event'])));
  for (const k of ['escort.requested', 'escort.dispatched', 'escort.handed_over', 'escort.arrived', 'escort.closed']) t.ok(types.has(k), `webhook got ${k}`);
  t.ok(hook.got.every((d) => signatureHolds(d, secret)), 'every delivery is signed');

  // Overdue: a Hubei lorry checked by a scanner whose clock reads three hours ago.
  await scanner.clock.install();
  await scanner.clock.setSystemTime(Date.now() - 3 * 3600_000);
  await scanner.getByTestId('tab-scan').click();
  await scanner.getByTestId('no-pass').click();
  await scanner.getByTestId('plate-input').fill('鄂A12345');
  await scanner.getByTestId('add-person-name').fill('赵六');
  await scanner.getByTestId('add-person').click();
  await typeReading(scanner, 0, '366');
  await scanner.getByTestId('receiver-search').fill(world.enterprise.creditCode.slice(0, 8));
  await scanner.getByTestId(`receiver-option-${world.enterprise.creditCode}`).click();
  t.equal(await decideNow(scanner), 'ESCORT');
  await scanner.getByTestId('next-vehicle').click();
  await syncScanner(scanner);
  await ent.goto('/');
  const late = ent.locator('#escort-requests tbody tr', { hasText: '鄂A12345' });
  t.match(await late.getAttribute('class'), /flagged/, 'past the longest allowed wait: flagged on the enterprise’s page');

  const bureau = (await env.newScanner({ viewport: { width: 1280, height: 900 } })).page;
  await signIn(bureau, 'officer', world.accounts.officer!);
  await bureau.goto('/bureau/escorts?overdue=yes');
  t.match(await bureau.locator('main').textContent(), /鄂A12345/, 'and to the bureau');
  t.same(env.problems, [], 'no script errors, CSP refusals or 5xx');
});
