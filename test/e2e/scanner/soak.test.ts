/**
 * The offline soak's short form (issue 15): 150 checks through the
 * real app in Chromium with the network cut, three reloads on the way, then
 * back online. The long form is `npm run soak -- --checks 10000`
 * (docs/reliability/soak.md); both run test/helpers/scanner-soak.ts.
 */
import t from 'tap';
import { scannerE2E } from '../../helpers/scanner-e2e.js';
import { formatSoak, runScannerSoak } from '../../helpers/scanner-soak.js';

// 150: a tap file has 120 s, and 200 checks ran past it once on this shared 2-core machine under other test runs.
const CHECKS = Number(process.env.KAKOU_SOAK_CHECKS ?? 150);

t.test(`${CHECKS} checks offline with reloads: every event arrives once, the chain holds`, async (t) => {
  const env = await scannerE2E(t);
  const r = await runScannerSoak(env, { checks: CHECKS, reloads: 3 });
  t.comment(formatSoak(r));

  t.equal(r.reloads, 3, 'the page was reloaded three times while offline');
  for (const c of r.reloadChecks) {
    t.equal(c.outboxShown, `待上传 ${c.expectedOutbox}`, `after the reload at check ${c.afterCheck} the outbox still holds every check`);
    t.equal(c.headSeq, c.expectedOutbox + 1, 'and the chain head is the last check (the sign-in is seq 1)');
  }
  t.equal(r.appEvents, CHECKS + 1, 'the device recorded the sign-in and every check');
  t.equal(r.serverEvents, r.appEvents, 'the server holds as many events as the device');
  t.equal(r.serverDistinct, r.serverEvents, 'each once');
  t.same(r.missing, [], 'none missing on the server');
  t.same(r.extra, [], 'none the device did not record');
  t.equal(r.flagged, 0, 'no gap, broken link or fork on the server');
  t.equal(r.refused, 0, 'nothing refused');
  t.ok(r.chainOk, `the device chain is unbroken${r.chainProblem ? `: ${r.chainProblem}` : ''}`);
  // The end/start time per check is printed above, not asserted here: over 150 checks it follows the machine's
  // load more than the outbox (1.47 once while a benchmark ran beside the suite). The long form
  // (npm run soak, 10,000 checks, alone) fails above 1.2×; docs/reliability/soak.md.
  t.ok(r.startMs > 0 && r.endMs > 0, 'the app marked its time per check at the start and at the end');
  t.same(env.problems, [], 'no script errors, CSP refusals or 5xx');
});
