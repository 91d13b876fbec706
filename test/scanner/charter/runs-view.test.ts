import t from 'tap';
import { currentRuns, expectedRun, priorityRuns } from '../../../scanner-app/src/app/charter/runs-view.js';
import { RUN, runsDoc, T0, DAY, HOUR } from '../../core/charter/fixtures.js';

const later = { ...RUN, run: 'R-later', jti: 'LaterPass01', from: T0 + DAY + 14 * HOUR, until: T0 + DAY + 20 * HOUR };
const tomorrow = { ...RUN, run: 'R-tomorrow', jti: 'Tomorrow001', from: T0 + 2 * DAY + HOUR, until: T0 + 2 * DAY + 5 * HOUR };
const gone = { ...RUN, run: 'R-gone', jti: 'GonePass001', from: T0 + DAY - 6 * HOUR, until: T0 + DAY - HOUR };
const record = { data: runsDoc({ runs: [later, tomorrow, RUN, gone], exp: T0 + 3 * DAY }) };
/** 2020-02-26 10:00 China time: RUN's window is open. */
const NOW_MS = Date.parse('2020-02-26T10:00:00+08:00');

t.test('priority list: today only, open windows first, past windows dropped', async (t) => {
  t.same(priorityRuns(record, NOW_MS).map((r) => [r.run.run, r.open]), [[RUN.run, true], ['R-later', false]]);
  t.same(priorityRuns(null, NOW_MS), []);
});

t.test('the run of a pass, only while the document is valid', async (t) => {
  t.equal(expectedRun(record, RUN.jti, NOW_MS)?.run, RUN.run);
  t.equal(expectedRun(record, 'nobody', NOW_MS), null);
  const expired = { data: runsDoc({ exp: T0 + DAY }) };
  t.equal(currentRuns(expired, (T0 + DAY + 301) * 1000), null, 'past exp and its tolerance: no runs');
  t.equal(expectedRun(expired, RUN.jti, (T0 + DAY + 301) * 1000), null);
  t.ok(currentRuns(expired, (T0 + DAY + 299) * 1000), 'within the tolerance still');
});
