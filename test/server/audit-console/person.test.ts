import t from 'tap';
import { escortWorld, escortCheck, upload } from '../escorts/fixtures.js';
import { chinaDate, citizenId, fleet } from '../../helpers/fleet.js';

/**
 * The check search's person filter (name, ID suffix) against passes issued
 * through the service: the check carries only the pass id, the people are
 * found through pass_people → passes (docs/audit-console.md).
 */
t.test('check search by person: name, ID suffix, both', async (t) => {
  const w = await escortWorld(t);
  // A second pass of A: the same names (fleet registers 张建国 and 李卫东) with other ID numbers.
  const crew = await fleet(w.a, '苏E67890', '2');
  const created = await w.a.request('POST', '/api/v1/passes', {
    vehicleId: crew.vehicleId, driverId: crew.driverId, escortIds: [crew.escortId], validFrom: chinaDate(0), validTo: chinaDate(6),
    originRegion: '320583', destination: '昆山市开发区前进东路 88 号', cargoCategory: 'parts',
  });
  t.equal(created.statusCode, 201);
  const id = (created.json() as { id: number }).id;
  t.equal((await w.a.request('POST', `/api/v1/passes/${id}/submit`)).statusCode, 200);
  const approved = await w.officer.request('POST', `/api/v1/passes/${id}/approve`);
  t.equal(approved.statusCode, 200);
  const pass2 = (approved.json() as { passNo: string }).passNo;

  const driver1 = citizenId('32058319800101001').slice(-4);
  const driver2 = citizenId('32058319800101002').slice(-4);
  t.not(driver1, driver2);

  const check = (passNo: string | null) => w.dev.next({ type: 'check', payload: { ...escortCheck(w, { passNo }).payload, decision: 'RELEASE', reasons: ['pass.valid'] } });
  const c1 = await check(w.passNo);
  const c2 = await check(pass2);
  const c3 = await check(w.passNo);
  const none = await check(null);
  t.same((await upload(w.scanner, [c1, c2, c3, none])).map((r) => r.status), ['accepted', 'accepted', 'accepted', 'accepted']);

  const ids = async (query: string) => {
    const res = await w.officer.request('GET', `/api/v1/audit/checks?${query}`);
    t.equal(res.statusCode, 200, query);
    // One upload: equal receipt times, so the order is by id; the order itself is search.test.ts's.
    return (res.json() as { items: Array<{ id: string }> }).items.map((i) => i.id).sort();
  };
  const name = encodeURIComponent('张建国');
  t.same(await ids(`name=${name}`), [c3.id, c2.id, c1.id].sort(), 'a name: the checks of every pass that carries someone of that name');
  t.same(await ids(`idLast4=${driver2}`), [c2.id], 'an ID suffix: only the pass of that person');
  t.same(await ids(`name=${name}&idLast4=${driver1}`), [c3.id, c1.id].sort(), 'name and suffix: one person');
  t.same(await ids(`idLast4=${driver1.toLowerCase()}`), [c3.id, c1.id].sort(), 'the check letter X in either case');
  t.same(await ids(`name=${encodeURIComponent('李卫东')}&idLast4=${driver2}`), [], 'a suffix of someone else with that name: nothing');
  t.same(await ids(`name=${encodeURIComponent('王五')}`), [], 'an unknown name: nothing');
  t.same(await ids(`name=${name}&pass=${pass2}`), [c2.id], 'combined with another filter');
  t.equal((await w.officer.request('GET', '/api/v1/audit/checks?idLast4=12')).statusCode, 400, 'a malformed suffix is a 400');
  const page = await w.officer.request('GET', `/bureau/checks?name=${name}&idLast4=${driver2}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, `href="/bureau/checks/${c2.id}"`, 'the page lists the match');
  t.notMatch(page.body, `href="/bureau/checks/${c1.id}"`, '…and not the other person’s');
});
