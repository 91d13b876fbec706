// Keeps the example in docs/pass-format.md true: it must be exactly what the
// code produces and what the verifier accepts.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { encodePassQrText, verifyPass } from '../../../src/core/pass/index.js';
import { DAY, T0, TEST_JWKS, decodeJwsPart, signTypical, verifyOptions } from './fixtures.js';

const doc = await readFile(new URL('../../../docs/pass-format.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```(?:json)?\n([\s\S]*?)\n```/g)].map((m) => (m[1] ?? '').trim());

t.test('example token in the doc', async (t) => {
  const jws = await signTypical();
  const qr = encodePassQrText(jws);
  t.ok(blocks.includes(jws), 'JWS block matches the code');
  t.ok(blocks.includes(qr), 'QR text block matches the code');
  t.ok(blocks.includes(JSON.stringify(decodeJwsPart(jws, 0))), 'header block');
  t.ok(blocks.includes(JSON.stringify(decodeJwsPart(jws, 1))), 'claims block');
  t.ok(blocks.includes(JSON.stringify(TEST_JWKS)), 'key set block');
  t.ok(doc.includes(`JWS (${jws.length} characters)`), 'JWS length');
  t.ok(doc.includes(`\`KK1/\` + ${qr.length - 4} digits`), 'digit count');

  const result = await verifyPass(qr, verifyOptions({ now: T0 + DAY }));
  t.equal(result.ok, true, 'the documented QR text verifies');
});
