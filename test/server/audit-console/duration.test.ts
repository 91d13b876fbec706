import t from 'tap';
import { duration } from '../../../src/server/features/audit-console/views.js';

t.test('receipt − device time, as the event page writes it', async (t) => {
  t.equal(duration(0), '0.0 s');
  t.equal(duration(1_234), '1.2 s');
  t.equal(duration(-3_250), '−3.3 s', 'a fast device clock: device time after receipt');
  t.equal(duration(59_949), '59.9 s');
  t.equal(duration(60_000), '1 min 00 s', 'from a minute on, whole seconds');
  t.equal(duration(29_100_000), '8 h 05 min 00 s', 'a shift synced at its end');
  t.equal(duration(-(2 * 3_600_000 + 61_000)), '−2 h 01 min 01 s');
  t.equal(duration(3 * 86_400_000), '72 h 00 min 00 s', 'days stay in hours: the figure is compared with hour-long limits');
});
