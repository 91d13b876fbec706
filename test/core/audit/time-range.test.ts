import t from 'tap';
import { instantOrDaySchema, utcRange } from '../../../src/core/audit/time-range.js';

t.test('a China day or an instant, as stored UTC bounds', async (t) => {
  t.same(utcRange({}), { from: undefined, to: undefined });
  t.same(utcRange({ from: '2020-02-25', to: '2020-02-25' }), { from: '2020-02-24T16:00:00.000Z', to: '2020-02-25T16:00:00.000Z' }, 'one China day: from its midnight to the next one');
  t.same(utcRange({ from: '2020-02-25T10:00:00+08:00', to: '2020-02-25T12:30:00Z' }), { from: '2020-02-25T02:00:00.000Z', to: '2020-02-25T12:30:00.000Z' }, 'instants taken as they are');
  t.same(utcRange({ to: '2020-02-28' }), { from: undefined, to: '2020-02-28T16:00:00.000Z' }, 'into a leap day');
  t.same(utcRange({ from: '2020-12-31', to: '2020-12-31' }).to, '2020-12-31T16:00:00.000Z', 'across the year');
});

t.test('what a bound may be', async (t) => {
  for (const ok of ['2020-02-29', '2020-02-25T10:00:00+08:00', '2020-02-25T02:00:00Z']) t.ok(instantOrDaySchema.safeParse(ok).success, ok);
  for (const bad of ['2021-02-29', '2020-02-25T10:00:00', '25/02/2020', '2020-2-5', '']) t.notOk(instantOrDaySchema.safeParse(bad).success, bad);
});
