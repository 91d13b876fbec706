import t from 'tap';
import { encodeCharterQrText } from '../../../src/core/charter/index.js';
import { verifyCharterWithTrust } from '../../../scanner-app/src/app/session/trust-view.js';
import type { LoadedTrust } from '../../../scanner-app/src/app/session/trust-view.js';
import { TEST_JWKS, charterInput, signCharter } from '../../core/charter/fixtures.js';

/** 2020-02-26 10:00 China time: inside the fixture pass's validity. */
const NOW_MS = Date.parse('2020-02-26T10:00:00+08:00');
const qr = encodeCharterQrText(await signCharter());
const trust = (revoked: string[] = []) => ({ record: { bundle: { jwks: TEST_JWKS } }, revoked: new Set(revoked) }) as unknown as LoadedTrust;

t.test('the charter pass is verified offline as the freight pass: the bundle keys, its revocations, the device clock', async (t) => {
  t.match(await verifyCharterWithTrust(trust(), qr, NOW_MS), { ok: true, claims: { jti: charterInput.jti } });
  t.match(await verifyCharterWithTrust(trust([charterInput.jti!]), qr, NOW_MS), { ok: false, reason: 'revoked', claims: { jti: charterInput.jti } }, 'revoked by pass id');
  t.match(await verifyCharterWithTrust(null, qr, NOW_MS), { ok: false, reason: 'unknown_kid' }, 'no trust data: no key');
  t.match(await verifyCharterWithTrust(trust(), qr, Date.parse('2020-03-10T00:00:00+08:00')), { ok: false, reason: 'expired' });
  t.match(await verifyCharterWithTrust(trust(), `KC2/${qr.slice(4)}`, NOW_MS), { ok: false, reason: 'unsupported_version' });
});
