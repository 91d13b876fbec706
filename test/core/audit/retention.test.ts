import t from 'tap';
import {
  DEFAULT_RETENTION_DAYS,
  ERASED,
  ERASED_OTHER,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  isErased,
  retentionCutoff,
  retentionDaysSchema,
} from '../../../src/core/audit/retention.js';

t.test('the erasure markers of docs/audit-log.md', async (t) => {
  t.equal(ERASED, '已删除/erased');
  t.equal(ERASED_OTHER, '已删除/erased ≠');
  t.ok(isErased(ERASED));
  t.ok(isErased(ERASED_OTHER));
  for (const v of ['王强', '', '已删除', 'erased', null, undefined, 0]) t.notOk(isErased(v), String(v));
});

t.test('the period: 15 to 3650 whole days, 180 by default', async (t) => {
  t.strictSame([MIN_RETENTION_DAYS, DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS], [15, 180, 3650]);
  for (const ok of [15, 180, 3650]) t.equal(retentionDaysSchema.parse(ok), ok);
  t.equal(retentionDaysSchema.parse('30'), 30, 'a form or settings value arrives as text');
  // 14 days would erase the name of someone whose 14-day isolation is still running.
  for (const bad of [14, 3651, 15.5, 0, -180, 'abc']) t.notOk(retentionDaysSchema.safeParse(bad).success, String(bad));
});

t.test('the cut-off is China midnight, days before the China day of now', async (t) => {
  // 01:00 in China on 25 Feb is still 24 Feb in UTC: the China day decides.
  t.strictSame(retentionCutoff(new Date('2020-02-24T17:00:00.000Z'), 15), { at: new Date('2020-02-09T16:00:00.000Z'), day: '2020-02-10' });
  t.strictSame(retentionCutoff(new Date('2020-02-25T15:59:59.999Z'), 15), { at: new Date('2020-02-09T16:00:00.000Z'), day: '2020-02-10' }, 'the last instant of that China day');
  t.strictSame(retentionCutoff(new Date('2020-02-25T16:00:00.000Z'), 15), { at: new Date('2020-02-10T16:00:00.000Z'), day: '2020-02-11' }, 'the next China day');
  t.strictSame(retentionCutoff(new Date('2020-08-23T12:00:00.000Z'), 180), { at: new Date('2020-02-24T16:00:00.000Z'), day: '2020-02-25' }, 'across the leap day');
});
