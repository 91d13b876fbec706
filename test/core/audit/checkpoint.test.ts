import t from 'tap';
import { AUDIT_CHECKPOINT_TYP, parseCheckpointPayload } from '../../../src/core/audit/checkpoint.js';

t.test('the JWS type of docs/audit-log.md', async (t) => {
  t.equal(AUDIT_CHECKPOINT_TYP, 'kakou-audit-checkpoint+jws');
});

t.test('a payload is size, head and time; anything else is left out', async (t) => {
  const head = 'A'.repeat(43);
  t.strictSame(parseCheckpointPayload({ size: 12, head, at: '2026-11-30T00:00:00.000Z', extra: 1 }), { size: 12, head, at: '2026-11-30T00:00:00.000Z' });
  t.strictSame(parseCheckpointPayload({ size: 0, head, at: 'x' }), { size: 0, head, at: 'x' }, 'the empty log can be signed');
});

t.test('what is no checkpoint payload', async (t) => {
  const good = { size: 3, head: 'h', at: '2026-11-30T00:00:00.000Z' };
  const bad: Array<[unknown, string]> = [
    [null, 'null'],
    ['{"size":3}', 'a string'],
    [[3, 'h', 'at'], 'an array'],
    [{ ...good, size: -1 }, 'negative size'],
    [{ ...good, size: 1.5 }, 'fractional size'],
    [{ ...good, size: '3' }, 'size as text'],
    [{ ...good, size: 2 ** 53 }, 'size beyond safe integers'],
    [{ ...good, head: 7 }, 'head not a string'],
    [{ ...good, at: 7 }, 'at not a string'],
    [{ size: 3, head: 'h' }, 'no at'],
  ];
  for (const [v, why] of bad) t.equal(parseCheckpointPayload(v), null, why);
});
