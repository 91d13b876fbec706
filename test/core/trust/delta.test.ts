import t from 'tap';
import { applyRevocationDelta } from '../../../src/core/trust/index.js';

const current = { version: 7, passNos: ['Q7mZ2xKp9A', 'Z9yX8wV7uT', 'old0000001'] };

t.test('applies added and expired', async (t) => {
  const r = applyRevocationDelta(current, { fromVersion: 7, toVersion: 9, added: ['new0000001', 'Q7mZ2xKp9A'], expired: ['old0000001'] });
  t.same(r, { ok: true, revocations: { version: 9, passNos: ['Q7mZ2xKp9A', 'Z9yX8wV7uT', 'new0000001'] } });
  t.same(current.passNos, ['Q7mZ2xKp9A', 'Z9yX8wV7uT', 'old0000001'], 'input untouched');
  const noExpired = applyRevocationDelta(current, { fromVersion: 7, toVersion: 8, added: [] });
  t.same(noExpired, { ok: true, revocations: { version: 8, passNos: current.passNos } });
  const both = applyRevocationDelta(current, { fromVersion: 7, toVersion: 8, added: ['gone000001'], expired: ['gone000001'] });
  t.ok(both.ok && !both.revocations.passNos.includes('gone000001'), 'added and expired in one delta');
});

t.test('wrong base version: refetch the full bundle', async (t) => {
  const r = applyRevocationDelta(current, { fromVersion: 6, toVersion: 9, added: [] });
  t.equal(!r.ok && r.reason, 'version_mismatch');
  t.equal(!applyRevocationDelta(current, { fromVersion: 8, toVersion: 9, added: [] }).ok, true, 'a delta from the future');
});

t.test('invalid deltas', async (t) => {
  const reason = (d: unknown) => {
    const r = applyRevocationDelta(current, d as never);
    return r.ok ? 'ok' : r.reason;
  };
  t.equal(reason({ fromVersion: 7, toVersion: 7, added: [] }), 'invalid_delta', 'not moving forward');
  t.equal(reason({ fromVersion: 7, toVersion: 8, added: ['has space'] }), 'invalid_delta', 'not a pass id');
  t.equal(reason({ fromVersion: 7, toVersion: 8 }), 'invalid_delta', 'added missing');
  t.equal(reason({ fromVersion: 7, toVersion: 8, added: [], removed: ['Q7mZ2xKp9A'] }), 'invalid_delta', 'unknown member');
  t.equal(reason(null), 'invalid_delta');
  const r = applyRevocationDelta({ version: -1, passNos: [] }, { fromVersion: 0, toVersion: 1, added: [] });
  t.equal(!r.ok && r.reason, 'invalid_delta', 'bad current list');
});

t.test('refusals say why, for the log of a device that must refetch', async (t) => {
  t.same(applyRevocationDelta(current, { fromVersion: 7, toVersion: 7, added: [] }), {
    ok: false,
    reason: 'invalid_delta',
    detail: '✖ toVersion must be after fromVersion\n  → at toVersion',
  });
  t.same(applyRevocationDelta(current, { fromVersion: 6, toVersion: 9, added: [] }), { ok: false, reason: 'version_mismatch', detail: 'delta from 6, device has 7' });
  t.match(applyRevocationDelta({ version: -1, passNos: [] }, { fromVersion: 0, toVersion: 1, added: [] }), { ok: false, reason: 'invalid_delta', detail: /^current list: ✖ .*\n  → at version/ });
});
