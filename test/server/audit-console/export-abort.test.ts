import t from 'tap';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { seedAuditEventsIn } from '../../helpers/audit-seed.js';

/**
 * Each export is itself an audited action, and that includes an export the
 * client gives up on: the entry is written before the first byte (with the
 * filter and the expected row count); the end is recorded as 'done' or, when
 * the client went away, 'aborted'. Real HTTP: the client reads the headers,
 * then closes the socket while the server still has most of the file to send.
 */
t.test('an export aborted by the client is on record', async (t) => {
  const ctx = await setup(t);
  // ~12 MB of CSV: far more than the loopback socket buffers hold, so the client leaves mid-file.
  await seedAuditEventsIn(ctx.repos.store, { events: 60_000, seed: 3 });
  await ctx.user('bureau_officer', 'officer');
  const officer = await loggedIn(ctx.app, 'officer');
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as AddressInfo;
  const exports = async () =>
    (await ctx.repos.store.q().selectFrom('audit_log').select('detail').where('action', '=', 'audit.export').orderBy('seq').execute()).map(
      (r) => JSON.parse(r.detail) as { stage: string; expected: number; rows?: number; view: string },
    );

  const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/bureau/checks.csv', headers: { cookie: officer.cookieHeader } }, (res) => {
      // Nothing read: the server's writes back up; then the client goes away.
      res.pause();
      resolve(res.headers);
      setImmediate(() => req.destroy());
    });
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    req.end();
  });
  t.equal(headers['x-total-count'], '60000', 'the announced count');
  const started = await exports();
  t.equal(started[0]?.stage, 'start', 'recorded at the start, before the client read a byte');
  t.equal(started[0]?.expected, 60_000, 'with the expected row count');
  t.equal(started[0]?.view, 'checks');

  // The end entry is written when the server notices the closed socket; wait for it (no timing asserted).
  for (let i = 0; i < 200 && (await exports()).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
  const ended = await exports();
  t.equal(ended.length, 2, 'one entry for the end');
  t.equal(ended[1]?.stage, 'aborted', 'recorded as aborted');
  t.ok((ended[1]?.rows ?? 60_000) < 60_000, `with the rows read before the client left (${ended[1]?.rows})`);
});
