import t from 'tap';
import { createRepeatFilter } from '../../scanner-app/src/app/scan/repeat-filter.js';

t.test('the same text is ignored until the window has passed since it was let through', async (t) => {
  let now = 0;
  const isNew = createRepeatFilter(3_000, () => now);
  t.equal(isNew('A'), true);
  now = 1_000;
  t.equal(isNew('A'), false);
  t.equal(isNew('B'), true, 'another text is not held back');
  now = 2_999;
  t.equal(isNew('A'), false, 'seen again within the window does not extend it');
  now = 3_000;
  t.equal(isNew('A'), true, 'window over');
  t.equal(isNew('B'), false, 'B was let through at 1000');
  now = 4_000;
  t.equal(isNew('B'), true);
});

t.test('a zero window lets everything through', async (t) => {
  const isNew = createRepeatFilter(0, () => 5);
  t.equal(isNew('A'), true);
  t.equal(isNew('A'), true);
});
