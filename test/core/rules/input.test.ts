/**
 * The input schema (input.ts) that scanner and server both parse with. What
 * it lets through, decide() acts on; what it refuses becomes MANUAL
 * `input.invalid`, never a throw and never a decision built on missing data.
 */
import t from 'tap';
import { checkInputSchema, decide, STAY_IN_FUTURE } from '../../../src/core/rules/index.js';
import type { CheckInput } from '../../../src/core/rules/index.js';
import { NOW, NOW_MS, checkInput, claims, codes, daysBeforeNow, noPassInput, passenger } from './fixtures.js';

const scannedOk = (c: Record<string, unknown>): CheckInput['pass'] =>
  ({ kind: 'scanned', result: { ok: true, claims: c, kid: '-aZXzCUU', header: {} } }) as CheckInput['pass'];

t.test('verified claims must carry what the match reads: jti, plate, people (at least the driver), origin', async (t) => {
  const withoutClaim = (key: string) => {
    const c: Record<string, unknown> = claims();
    delete c[key];
    return c;
  };
  const rows: Array<[string, Record<string, unknown>]> = [
    ['no jti', withoutClaim('jti')],
    ['no plate', withoutClaim('pl')],
    ['no people', withoutClaim('ppl')],
    ['no origin', withoutClaim('org')],
    ['an empty people list (no driver)', claims({ ppl: [] })],
    ['a person without the ID suffix', claims({ ppl: [['张建国']] })],
    ['claims that are not an object', 'eyJhbGciOi' as unknown as Record<string, unknown>],
  ];
  for (const [name, c] of rows) {
    const input = checkInput({ pass: scannedOk(c) });
    t.notOk(checkInputSchema.safeParse(input).success, `${name}: refused by the schema`);
    const d = decide(input);
    t.equal(d.decision, 'MANUAL', `${name}: MANUAL, not a throw or a release`);
    t.same(codes(d), ['input.invalid'], name);
  }
  // Fields the rules do not read pass through: the claims format may grow.
  t.equal(decide(checkInput({ pass: scannedOk(claims({ ent: { uscc: 'x' }, extra: [1, 2] })) })).decision, 'RELEASE');
});

t.test('a stay after the check date is refused whether now is epoch ms or ISO text', async (t) => {
  const tomorrow = { region: '420100', lastDay: daysBeforeNow(-1) };
  for (const now of [NOW, NOW_MS]) {
    const input = noPassInput({ now, observed: { people: [passenger({ stays: [tomorrow] })] } });
    const parsed = checkInputSchema.safeParse(input);
    t.notOk(parsed.success, `${typeof now}: refused`);
    // The issue is the refinement's own: code custom, the stable message, the exact path.
    t.strictSame(
      parsed.error?.issues.map((i) => ({ code: i.code, message: i.message, path: i.path })),
      [{ code: 'custom', message: STAY_IN_FUTURE, path: ['observed', 'people', 0, 'stays', 0, 'lastDay'] }],
      `${typeof now}: the issue`,
    );
    const d = decide(input);
    t.equal(d.decision, 'MANUAL', `${typeof now}: never counted as a recent Wuhan stay (ESCORT)`);
    t.same(codes(d), ['input.invalid']);
  }
  t.ok(checkInputSchema.safeParse(noPassInput({ now: NOW_MS, observed: { people: [passenger({ stays: [{ region: '420100', lastDay: daysBeforeNow(0) }] })] } })).success, 'today is fine');
});
