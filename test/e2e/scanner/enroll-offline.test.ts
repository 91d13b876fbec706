import t from 'tap';
import { scannerE2E, enrollTyped, signInStaff, waitForOfflineReady } from '../../helpers/scanner-e2e.js';

t.test('enroll with a typed code, refuse a wrong PIN, sign in, then start and work offline', async (t) => {
  const env = await scannerE2E(t);
  const { world } = env;
  const { context, page } = await env.newScanner();

  await enrollTyped(page, world.enrollmentCode);
  // The staff list and trust bundle came down with the first sync.
  const staff = world.staff[0]!;
  await page.getByTestId('badge').fill(staff.badge);
  await page.getByTestId('pin').fill(staff.pin === '0000' ? '1111' : '0000');
  await page.getByTestId('sign-in').click();
  await t.resolves(page.getByTestId('sign-in-error').waitFor(), 'a wrong PIN is refused');
  t.match(await page.getByTestId('sign-in-error').textContent(), /工号或 PIN 码错误/);

  await signInStaff(page, staff.badge.toLowerCase(), staff.pin);
  t.equal(await page.getByTestId('staff-on-duty').textContent(), staff.name, 'the person on duty is shown');
  t.match(await page.getByTestId('bundle-age').textContent(), /数据 0 分钟/, 'a fresh bundle, its age visible');
  await waitForOfflineReady(page);

  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('scan-screen').waitFor();
  await t.resolves(page.getByTestId('net-state').filter({ hasText: '离线' }).waitFor(), 'offline is shown');
  t.equal(await page.getByTestId('staff-on-duty').textContent(), staff.name, 'still signed in after the reload');

  // English on request, remembered across restarts.
  await page.getByTestId('lang').click();
  t.equal(await page.getByTestId('net-state').textContent(), 'Offline');
  await page.reload();
  t.equal(await page.getByTestId('net-state').textContent(), 'Offline');

  t.same(env.problems, [], 'no script errors, CSP refusals or 5xx');
});
