/**
 * Every decision through the real app against the real server: RELEASE,
 * HOLD after a re-test, REFUSE for a revoked pass, ESCORT with the handover,
 * a vehicle with no pass, and MANUAL once the trust data is over age. Passes
 * are issued by the server and typed by a keyboard wedge. Screens at 360 px
 * are kept in .tap/scanner-e2e/ for people to look at.
 */
import t from 'tap';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { noHorizontalOverflow, REPO_ROOT } from '../../helpers/browser.js';
import { scannerE2E, enrollTyped, signInStaff, wedge, typeReading, decideNow, scannerEvents } from '../../helpers/scanner-e2e.js';
import { serverRows } from '../../helpers/server-db.js';

const shots = resolve(REPO_ROOT, '.tap', 'scanner-e2e');
mkdirSync(shots, { recursive: true });

t.test('each decision, recorded on the device and uploaded', async (t) => {
  const env = await scannerE2E(t);
  const { world, server } = env;
  const { context, page } = await env.newScanner({ viewport: { width: 360, height: 740 } });
  const staff = world.staff[0]!;
  await enrollTyped(page, world.enrollmentCode);
  await signInStaff(page, staff.badge, staff.pin);

  const nextVehicle = async () => {
    await page.getByTestId('next-vehicle').click();
    await page.getByTestId('scan-screen').waitFor();
  };

  await t.test('RELEASE: valid pass, people and plate match, normal temperatures', async (t) => {
    await wedge(page, world.localPass.qrText);
    await page.getByTestId('pass-card').waitFor();
    t.equal(await page.getByTestId('pass-plate').textContent(), '苏E12345');
    t.match(await page.getByTestId('pass-enterprise').textContent(), world.enterprise.name, 'enterprise name from the directory');
    await page.getByTestId('plate-confirm').click();
    await page.getByTestId('id4-0').fill('0016');
    await page.getByTestId('id4-1').fill('002x');
    await typeReading(page, 0, '365');
    await typeReading(page, 1, '368');
    await page.screenshot({ path: join(shots, 'check-360.png'), fullPage: true });
    t.ok((await noHorizontalOverflow(page)).ok, 'the check screen fits 360 px');
    t.equal(await decideNow(page), 'RELEASE');
    t.match(await page.getByTestId('decision-kind').textContent(), /放行/);
    await page.screenshot({ path: join(shots, 'decision-release-360.png') });
    t.ok((await noHorizontalOverflow(page)).ok, 'the decision screen fits 360 px');
    await nextVehicle();
  });

  await t.test('HOLD: a reading at the threshold asks for a re-test, the re-test confirms it', async (t) => {
    await wedge(page, world.localPass.qrText);
    await page.getByTestId('plate-confirm').click();
    await page.getByTestId('id4-0').fill('0016');
    await page.getByTestId('id4-1').fill('002X');
    await typeReading(page, 0, '365');
    await typeReading(page, 1, '378');
    t.equal(await page.getByTestId('temp-status-1').getAttribute('data-status'), 'retest', 're-test asked');
    await typeReading(page, 1, '381');
    t.equal(await decideNow(page), 'HOLD');
    await page.screenshot({ path: join(shots, 'decision-hold-360.png') });
    await nextVehicle();
  });

  await t.test('REFUSE: a pass the bureau revoked', async (t) => {
    await wedge(page, world.revokedPass.qrText);
    await page.getByTestId('pass-card').waitFor();
    t.match(await page.getByTestId('pass-card').textContent(), /通行证已被撤销/, 'the reason in words');
    await page.getByTestId('plate-confirm').click();
    await typeReading(page, 0, '365');
    t.equal(await decideNow(page), 'REFUSE');
    await page.screenshot({ path: join(shots, 'decision-refuse-360.png') });
    await nextVehicle();
  });

  let escortEventId = '';
  await t.test('ESCORT: a Wuhan van waits for its enterprise, the escort takes it over', async (t) => {
    await wedge(page, world.wuhanPass.qrText);
    await page.getByTestId('plate-confirm').click();
    await page.getByTestId('id4-0').fill('0037');
    await typeReading(page, 0, '366');
    t.equal(await decideNow(page), 'ESCORT');
    await page.screenshot({ path: join(shots, 'decision-escort-360.png') });
    await nextVehicle();
    await page.getByTestId('tab-waiting').click();
    await page.getByTestId('waiting-item').waitFor();
    t.match(await page.getByTestId('waiting-plate').textContent(), '鄂A88888');
    t.match(await page.getByTestId('waiting-item').textContent(), '王海涛');
    await page.getByTestId('waiting-handover').click();
    await page.getByTestId('handover-name').fill('周明');
    await page.getByTestId('handover-phone').fill('13812345678');
    for (const d of '365') await page.getByTestId(`keypad-key-${d}`).click();
    await page.getByTestId('keypad-ok').click();
    await page.getByTestId('handover-submit').click();
    await page.getByTestId('waiting-empty').waitFor();
    const rows = await scannerEvents(page);
    t.equal(rows.at(-1)?.type, 'escort_handover', 'the handover is an event');
    escortEventId = rows.filter((r) => r.type === 'check').at(-1)!.id;
  });

  await t.test('a vehicle with no pass, receiver picked from the directory', async (t) => {
    await page.getByTestId('tab-scan').click();
    await page.getByTestId('no-pass').click();
    await page.getByTestId('plate-input').fill('苏E7K512');
    await page.getByTestId('add-person-name').fill('赵六');
    await page.getByTestId('add-person').click();
    await typeReading(page, 0, '366');
    await page.getByTestId('receiver-search').fill(world.enterprise.creditCode.slice(0, 8));
    await page.getByTestId(`receiver-option-${world.enterprise.creditCode}`).click();
    // No pass is not a refusal by itself (item 6 is about a faster lane); a local plate with normal temperatures passes.
    t.equal(await decideNow(page), 'RELEASE');
    await nextVehicle();
  });

  await t.test('uploaded: every check and the handover on the server, the handover linked to its check', async (t) => {
    await page.waitForFunction(() => document.querySelector('[data-testid=outbox]')?.textContent === '待上传 0', undefined, { timeout: 20_000 });
    // The payload read in the test: the same query on both engines (JSON paths are spelled per engine).
    const events = (await serverRows<{ type: string; payload: string; cross: number }>(
      server.dataDir,
      "SELECT type, payload, cross_checkpoint AS cross FROM events WHERE device_id IN (SELECT id FROM devices WHERE label IS NULL OR label NOT LIKE '演示%') ORDER BY seq",
    )).map((r) => ({ ...r, payload: JSON.parse(r.payload) as { decision?: string; checkEventId?: string; passNo?: string | null; plate?: string; observations?: { receivingEnterprise?: string } } }));
    const rows = events.map((r) => ({ type: r.type, decision: r.payload.decision ?? null, check_id: r.payload.checkEventId ?? null, cross: r.cross }));
    t.same(rows.filter((r) => r.type === 'check').map((r) => r.decision).slice(0, 4), ['RELEASE', 'HOLD', 'REFUSE', 'ESCORT']);
    const handover = rows.find((r) => r.type === 'escort_handover');
    t.equal(handover?.check_id, escortEventId, 'the handover names the ESCORT check');
    t.equal(handover?.cross, 0, 'and is not flagged');
    const noPass = events.filter((r) => r.payload.plate === '苏E7K512').map((r) => ({ receiver: r.payload.observations?.receivingEnterprise, pass: r.payload.passNo ?? null }));
    t.same(noPass, [{ receiver: world.enterprise.creditCode, pass: null }], 'the no-pass check names its receiving enterprise');
  });

  await t.test('the idle lock covers a check in progress; the PIN brings it back as it was', async (t) => {
    await page.clock.install();
    await page.reload();
    await page.getByTestId('scan-screen').waitFor();
    await wedge(page, world.localPass.qrText);
    await page.getByTestId('plate-confirm').click();
    await page.getByTestId('id4-0').fill('0016');
    await page.clock.fastForward('05:30');
    await page.getByTestId('sign-in-screen').waitFor();
    t.notOk(await page.getByTestId('pass-card').isVisible(), 'the pass card is hidden while locked');
    await page.getByTestId('pin').fill(staff.pin);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('pass-card').waitFor();
    t.equal(await page.getByTestId('id4-0').inputValue(), '0016', 'what was typed is still there');
    t.equal(await page.getByTestId('plate-confirmed').count(), 1, 'the plate is still confirmed');
    await page.getByTestId('check-cancel').click();
    t.equal(await page.getByTestId('check-cancel').getAttribute('data-confirm'), 'yes', 'one tap only asks');
    t.ok(await page.getByTestId('pass-card').isVisible(), 'and keeps the check');
    await page.getByTestId('check-cancel').click();
    await page.getByTestId('scan-screen').waitFor();
  });

  await t.test('MANUAL once the trust data is past its maximum age', async (t) => {
    await context.setOffline(true);
    await page.clock.setSystemTime(Date.now() + 4 * 86_400_000);
    await page.reload();
    await page.getByTestId('scan-screen').or(page.getByTestId('sign-in-screen')).waitFor();
    if (await page.getByTestId('sign-in-screen').isVisible()) await signInStaff(page, staff.badge, staff.pin);
    await page.getByTestId('trust-banner').waitFor();
    t.match(await page.getByTestId('trust-banner').textContent(), /人工处理/, 'the banner says every vehicle is MANUAL');
    await wedge(page, world.localPass.qrText);
    await page.getByTestId('plate-confirm').click();
    await page.getByTestId('id4-0').fill('0016');
    await page.getByTestId('id4-1').fill('002X');
    await typeReading(page, 0, '365');
    await typeReading(page, 1, '366');
    t.equal(await decideNow(page), 'MANUAL');
    await page.screenshot({ path: join(shots, 'decision-manual-360.png') });
  });

  t.same(env.problems, [], 'no script errors, CSP refusals or 5xx');
});
