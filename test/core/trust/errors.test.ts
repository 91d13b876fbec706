import t from 'tap';
import { BUNDLE_ERROR_CODES, BUNDLE_ERROR_TEXT, BundleError, bundleErrorText, isBundleErrorCode } from '../../../src/core/trust/index.js';

t.test('isBundleErrorCode: exactly the codes', async (t) => {
  for (const code of BUNDLE_ERROR_CODES) t.equal(isBundleErrorCode(code), true, code);
  for (const other of ['', 'crit_unsupported', 'wrong_checkpoint', 'EXPIRED', 'toString', 42, null, undefined, ['expired']]) {
    t.equal(isBundleErrorCode(other), false, String(other));
  }
});

t.test('bundleErrorText: the zh and en text of a code', async (t) => {
  for (const code of BUNDLE_ERROR_CODES) t.equal(bundleErrorText(code), BUNDLE_ERROR_TEXT[code], code);
  t.same(bundleErrorText('expired'), { zh: '信任数据包已过期，请联网同步；在此之前只能人工判定', en: 'The trust bundle has expired; sync it. Until then decisions are manual' });
});

t.test('BundleError: the English text, then the detail if there is one', async (t) => {
  const plain = new BundleError('expired');
  t.match(plain, { name: 'BundleError', code: 'expired', detail: undefined });
  // t.match on a string only asks that it be contained: "…: undefined" would pass it.
  t.equal(plain.message, BUNDLE_ERROR_TEXT.expired.en, 'no detail: the text alone');
  t.ok(plain instanceof Error);
  const detailed = new BundleError('claims_invalid', 'exp must be after iat');
  t.match(detailed, { name: 'BundleError', code: 'claims_invalid', detail: 'exp must be after iat' });
  t.equal(detailed.message, `${BUNDLE_ERROR_TEXT.claims_invalid.en}: exp must be after iat`);
  t.equal(new BundleError('malformed', '').message, `${BUNDLE_ERROR_TEXT.malformed.en}: `, 'an empty detail is still a detail');
});
