import t from 'tap';
import { chinaDate, formatChinaTime, passCardModel, telHref } from '../../../scanner-app/src/app/check/pass-card-model.js';
import { DIRECTORY, ENTERPRISE, T0, DAY, verifiedPass } from './fixtures.js';

t.test('a valid pass: people with roles, enterprise from the directory', async (t) => {
  const m = passCardModel(await verifiedPass(), DIRECTORY);
  t.equal(m.valid, true);
  t.equal(m.problem, null);
  t.same(m.details?.people, [
    { passIndex: 0, name: '张建国', id4: '002X', role: 'driver' },
    { passIndex: 1, name: '李卫东', id4: '1234', role: 'escort' },
  ]);
  t.same(m.details?.enterprise, ENTERPRISE);
  t.equal(m.details?.origin, '320583');
  t.equal(m.details?.validFrom, T0);
  t.equal(m.details?.validUntil, T0 + 14 * DAY);
});

t.test('a revoked pass says why and still shows whose it is', async (t) => {
  const m = passCardModel(await verifiedPass(['Q7mZ2xKp9A']), DIRECTORY);
  t.equal(m.valid, false);
  t.same(m.problem, { zh: '通行证已被撤销', en: 'The pass has been revoked' });
  t.equal(m.details?.plate, '苏E12345');
});

t.test('a forged pass shows nothing from its payload; an unknown enterprise is null', async (t) => {
  const m = passCardModel({ ok: false, reason: 'bad_signature' }, DIRECTORY);
  t.equal(m.details, null);
  t.match(m.problem?.zh, /签名无效/);
  t.equal(passCardModel(await verifiedPass(), new Map()).details?.enterprise, null);
});

t.test('times in China time, tel links', (t) => {
  t.equal(formatChinaTime(T0 * 1000), '2020-02-25 00:00');
  t.equal(chinaDate(Date.parse('2020-02-25T17:00:00Z')), '2020-02-26', 'past 16:00 UTC it is the next day in China');
  t.equal(telHref('0512-57001234'), 'tel:051257001234');
  t.equal(telHref('0512 5000 1111转 22'), 'tel:051250001111,22');
  t.equal(telHref('+86 138 1234 5678'), 'tel:+8613812345678');
  t.end();
});
