/**
 * The camera pipeline for real: Chromium's fake video device plays a Y4M file
 * that alternates, once a second, between the checkpoint's enrollment QR and
 * a pass QR issued by the server. The app enrolls from the first, and after
 * sign-in decodes the second into the pass card.
 */
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scannerE2E, signInStaff } from '../../helpers/scanner-e2e.js';
import { writeY4m } from '../../helpers/y4m.js';
import { qrFrame } from '../../helpers/qr-frame.js';

t.test('enrollment QR and a pass QR through the camera', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-cam-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const video = join(dir, 'camera.y4m');
  const env = await scannerE2E(t, (world) => {
    writeY4m(video, [qrFrame(world.enrollmentQr), qrFrame(world.localPass.qrText)], { fps: 1 });
    return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`];
  });
  const { world } = env;
  const { page } = await env.newScanner();

  await page.goto('/scanner/');
  await page.getByTestId('enroll-scan').click();
  await t.resolves(page.getByTestId('sign-in-screen').waitFor({ timeout: 30_000 }), 'enrolled from the QR the camera saw');

  const staff = world.staff[0]!;
  await signInStaff(page, staff.badge, staff.pin);
  await page.getByTestId('pass-card').waitFor({ timeout: 30_000 });
  t.equal(await page.getByTestId('pass-plate').textContent(), world.localPass.plate, 'the pass the camera saw, verified and shown');
  t.match(await page.getByTestId('pass-status').textContent(), /有效/);
  t.same(env.problems, []);
});
