import t from 'tap';
import { escortCheck, escortWorld, upload } from '../escorts/fixtures.js';
import { loggedIn } from '../../helpers/client.js';

const H = 3_600_000;

t.test('an overdue escort: found by the escort sweep, copied by the anomaly sweep once, linked to its request and check', async (t) => {
  const w = await escortWorld(t);
  const { app } = w.ctx;
  const check = await w.dev.next(escortCheck(w));
  await upload(w.scanner, [check]);
  const since = Date.parse(check.deviceTime);
  const id = (await app.services.escorts.list(w.actorA, { status: 'all', overdue: 'any', page: 1, pageSize: 10 })).items[0]!.id;
  const overdue = () =>
    w.ctx.repos.store
      .q()
      .selectFrom('anomalies')
      .select(['kind', 'subject', 'at', 'event_id', 'escort_request_id', 'checkpoint_id', 'details'])
      .where('kind', 'in', ['escort_overdue', 'isolation_overdue'])
      .execute();

  await app.services.escorts.sweepOverdue(new Date(since + 2 * H));
  await app.services.anomalies.sweep(new Date(since + 2 * H));
  t.same(await overdue(), [], 'exactly at the limit: nothing');

  await app.services.escorts.sweepOverdue(new Date(since + 2 * H + 1000));
  await app.services.anomalies.sweep(new Date(since + 2 * H + 1000));
  await app.services.anomalies.sweep(new Date(since + 3 * H));
  const limit = new Date(since + 2 * H).toISOString();
  t.same(await overdue(), [{
    kind: 'escort_overdue', subject: `escort:${id}:wait`, at: limit, event_id: check.id, escort_request_id: id, checkpoint_id: w.checkpointId,
    details: JSON.stringify({ kind: 'wait', personIndex: null, since: limit }),
  }], 'once, at the moment the limit passed');

  const page = await (await loggedIn(app, 'officer')).request('GET', '/bureau/anomalies?kind=escort_overdue');
  t.match(page.body, /接车超时/);
  t.match(page.body, new RegExp(`href="/bureau/escorts/${id}"`), 'links to the escort request');
  t.match(page.body, new RegExp(`href="/bureau/checks/${check.id}"`), 'and to the check that started it');
});
