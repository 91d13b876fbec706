import t from 'tap';
import type { Page } from 'playwright-core';
import { scannerE2E, enrollTyped, signInStaff } from '../../helpers/scanner-e2e.js';
import { serverRows } from '../../helpers/server-db.js';

interface Row {
  id: string;
  seq: number;
  type: string;
  flags: number;
}

/** Every event of the device the server stored, in seq order. */
const stored = (dataDir: string) =>
  serverRows<Row>(dataDir, "SELECT id, seq, type, (gap + broken_link + fork) AS flags FROM events WHERE device_id NOT IN (SELECT id FROM devices WHERE label LIKE '演示%') ORDER BY seq");

const outbox = (page: Page) => page.getByTestId('outbox').textContent();

t.test('events made offline arrive exactly once when the network is back; a replayed batch changes nothing', async (t) => {
  const env = await scannerE2E(t);
  const { world, server } = env;
  const { context, page } = await env.newScanner();
  const [a, b] = world.staff;

  await enrollTyped(page, world.enrollmentCode);
  await signInStaff(page, a!.badge, a!.pin);
  // "Right away" is the next sync the app runs, not a time limit: on a loaded CI machine (the server also logs each
  // event to the audit chain and looks for anomalies) that took longer than the context's 15 s default once.
  await page.waitForFunction(() => document.querySelector('[data-testid=outbox]')?.textContent === '待上传 0', undefined, { timeout: 45_000 });
  t.same((await stored(server.dataDir)).map((r) => r.type), ['staff_sign_in'], 'the sign-in was uploaded right away');

  await context.setOffline(true);
  await page.getByTestId('net-state').filter({ hasText: '离线' }).waitFor();
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-screen').waitFor();
  await signInStaff(page, b!.badge, b!.pin);
  t.equal(await outbox(page), '待上传 2', 'two events wait while offline');
  t.equal((await stored(server.dataDir)).length, 1, 'nothing arrived meanwhile');

  await context.setOffline(false);
  await page.waitForFunction(() => document.querySelector('[data-testid=outbox]')?.textContent === '待上传 0', undefined, { timeout: 45_000 });
  const after = await stored(server.dataDir);
  t.same(after.map((r) => [r.seq, r.type]), [[1, 'staff_sign_in'], [2, 'staff_sign_out'], [3, 'staff_sign_in']], 'each event once, in order');
  t.ok(after.every((r) => Number(r.flags) === 0), 'no gap, broken link or fork');

  // Replay: the device forgets it was acknowledged and uploads the same signed events again.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('kakou-scanner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('events', 'readwrite');
          const store = tx.objectStore('events');
          store.getAll().onsuccess = (e) => {
            for (const r of (e.target as IDBRequest<Array<Record<string, unknown>>>).result) store.put({ ...r, sync: 'pending' });
          };
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.getByTestId('tab-status').click();
  await page.getByTestId('sync-now').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status-outbox]')?.textContent === '0', undefined, { timeout: 20_000 });
  t.same(await stored(server.dataDir), after, 'the replayed batch changed nothing on the server');
  t.same(await serverRows(server.dataDir, 'SELECT * FROM event_conflicts'), [], 'and recorded no conflict');
  t.equal(await page.getByTestId('status-refused').textContent(), '0', 'duplicates count as acknowledged, not refused');
  t.same(env.problems, []);
});
