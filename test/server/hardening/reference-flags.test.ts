import t from 'tap';
import { setup } from '../../helpers/app.js';
import { loggedIn } from '../../helpers/client.js';
import { simulateDevice } from '../../helpers/device.js';
import { SimDevice, count, enroll, ingestWorld } from '../ingest/fixtures.js';
import type { Store } from '../../../src/server/db/store.js';

const staff = (store: Store, checkpointId: number, badge: string) =>
  store.q().insertInto('staff').values({ checkpoint_id: checkpointId, badge, name: '测试', pin_hash: 'pbkdf2-sha256$1$x$y' }).execute();

const referenceFlags = async (store: Store, id: string) => {
  const r = await store.q().selectFrom('events').select(['unknown_staff', 'cross_checkpoint']).where('id', '=', id).executeTakeFirstOrThrow();
  return [...(r.unknown_staff ? ['unknown_staff'] : []), ...(r.cross_checkpoint ? ['cross_checkpoint'] : [])];
};

const check = (badge: string) => ({
  type: 'check',
  payload: { passNo: null, plate: '鄂A12345', observations: {}, decision: 'ESCORT', reasons: ['keyarea.plate'], ruleSetVersion: 1, bundleAgeSec: 60, staffBadge: badge },
});
const handover = (checkEventId: string, badge: string) => ({
  type: 'escort_handover',
  payload: { checkEventId, escortName: '王强', enterpriseUscc: '91350100M000100Y43', staffBadge: badge },
});

t.test("a badge of another checkpoint, or of nobody, is stored and flagged unknown_staff", async (t) => {
  const { store: db, service } = await ingestWorld(t);
  const a = await SimDevice.create('dev-a');
  const b = await SimDevice.create('dev-b');
  const cpA = await enroll(db, a);
  const cpB = await enroll(db, b);
  await staff(db, cpA, 'A001');
  await staff(db, cpB, 'B001');
  const own = await b.next(check('B001'));
  const foreign = await b.next(check('A001'));
  const nobody = await b.next(check('ZZ999'));
  const r = await service.ingest(b.ingestDevice, [own, foreign, nobody]);
  t.same(r.map((x) => x.status), ['accepted', 'accepted', 'accepted'], 'stored: the record is evidence');
  t.same(await referenceFlags(db, own.id), []);
  t.same(await referenceFlags(db, foreign.id), ['unknown_staff'], 'checkpoint 1’s badge used at checkpoint 2');
  t.same(await referenceFlags(db, nobody.id), ['unknown_staff'], 'a badge that does not exist');
});

t.test('a handover naming another checkpoint’s check is flagged, whichever arrives first', async (t) => {
  for (const order of ['check first', 'handover first'] as const) {
    const { store: db, service } = await ingestWorld(t);
    const a = await SimDevice.create('dev-a');
    const b = await SimDevice.create('dev-b');
    const a2 = await SimDevice.create('dev-a2');
    const cpA = await enroll(db, a);
    await enroll(db, b);
    await enroll(db, a2, cpA);
    await staff(db, cpA, 'A001');
    const aCheck = await a.next(check('A001'));
    const foreignHandover = await b.next(handover(aCheck.id, 'A001'));
    const sameCheckpointHandover = await a2.next(handover(aCheck.id, 'A001'));
    const handoverOfHandover = await a2.next(handover(sameCheckpointHandover.id, 'A001'));
    if (order === 'check first') {
      await service.ingest(a.ingestDevice, [aCheck]);
      await service.ingest(b.ingestDevice, [foreignHandover]);
      await service.ingest(a2.ingestDevice, [sameCheckpointHandover, handoverOfHandover]);
    } else {
      await service.ingest(b.ingestDevice, [foreignHandover]);
      await service.ingest(a2.ingestDevice, [sameCheckpointHandover, handoverOfHandover]);
      t.same(await referenceFlags(db, foreignHandover.id), ['unknown_staff'], `${order}: the check is not known yet, only the badge is wrong`);
      await service.ingest(a.ingestDevice, [aCheck]);
    }
    t.same(await referenceFlags(db, foreignHandover.id), ['unknown_staff', 'cross_checkpoint'], `${order}: another checkpoint's check (and badge)`);
    t.same(await referenceFlags(db, sameCheckpointHandover.id), [], `${order}: a second device of the same checkpoint may complete it`);
    t.same(await referenceFlags(db, handoverOfHandover.id), ['cross_checkpoint'], `${order}: a handover must complete a check`);
    t.equal(await count(db, 'events'), 4);
  }
});

t.test('the bureau sees the flags and can filter by them', async (t) => {
  const ctx = await setup(t);
  const cp1 = await ctx.repos.checkpoints.insert({ name: '花桥', location: '昆山 G312 花桥', regionCode: '320583', direction: 'inbound' });
  const cp2 = await ctx.repos.checkpoints.insert({ name: '千灯', location: '昆山 S224 千灯', regionCode: '320583', direction: 'inbound' });
  await staff(ctx.repos.store, cp1.id, 'HQ001');
  const d2 = await simulateDevice(ctx, cp2.id);
  const dev = new SimDevice(d2.id, { privateKey: d2.privateKey, publicJwk: d2.publicJwk });
  const e = await dev.next(check('HQ001'));
  t.equal((await d2.request('POST', '/api/v1/devices/events', { events: [e] })).statusCode, 200);
  await ctx.user('bureau_officer', 'officer1');
  const officer = await loggedIn(ctx.app, 'officer1', { remoteAddress: '10.9.0.1' });
  const all = (await officer.request('GET', '/api/v1/events')).json() as Array<{ id: string; referenceFlags: string[] }>;
  t.same(all.find((x) => x.id === e.id)?.referenceFlags, ['unknown_staff']);
  const flagged = (await officer.request('GET', '/api/v1/events?flag=unknown_staff')).json() as Array<{ id: string }>;
  t.same(flagged.map((x) => x.id), [e.id]);
  t.same((await officer.request('GET', '/api/v1/events?flag=cross_checkpoint')).json(), []);
});
