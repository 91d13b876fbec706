// Keeps the worked example in docs/charter-pass.md true.
import t from 'tap';
import { readFile } from 'node:fs/promises';
import { encodeCharterQrText, verifyCharterPass } from '../../../src/core/charter/index.js';
import { canonicalize } from '../../../src/core/events/canonical.js';
import { DEFAULT_RULE_SET, decideCharter } from '../../../src/core/rules/index.js';
import { decodeJwsPart } from '../pass/fixtures.js';
import { EXAMPLE_MANIFEST, EXAMPLE_MD, exampleJws } from './example.js';
import { DAY, RUN, T0, verifyOpts } from './fixtures.js';

const doc = await readFile(new URL('../../../docs/charter-pass.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```(?:json)?\n([\s\S]*?)\n```/g)].map((m) => (m[1] ?? '').trim());

t.test('the example in the doc is what the code produces', async (t) => {
  const jws = await exampleJws();
  const qr = encodeCharterQrText(jws);
  t.ok(blocks.includes(canonicalize(EXAMPLE_MANIFEST)), 'manifest JCS');
  t.ok(blocks.includes(EXAMPLE_MD), 'digest');
  t.ok(blocks.includes(JSON.stringify(decodeJwsPart(jws, 0))), 'header');
  t.ok(blocks.includes(JSON.stringify(decodeJwsPart(jws, 1))), 'claims');
  t.ok(blocks.includes(jws), 'JWS');
  t.ok(blocks.includes(qr), 'QR text');
  t.ok(doc.includes(`JWS (${jws.length} characters)`));
  t.ok(doc.includes(`\`KC1/\` + ${qr.length - 4} digits`));
  const verified = await verifyCharterPass(qr, verifyOpts({ now: T0 + DAY }));
  t.equal(verified.ok, true, 'it verifies');

  const run = { ...RUN, md: EXAMPLE_MD, passengers: EXAMPLE_MANIFEST };
  const d = decideCharter({
    pass: verified,
    run,
    observed: {
      plate: '苏E12345',
      driver: { id4Matches: true, readings: [36.4], stays: [] },
      passengers: EXAMPLE_MANIFEST.map(() => ({ present: true, id4Matches: true, readings: [36.6], stays: [] })),
      unlisted: [],
      staffKeyAreaFlag: false,
    },
    now: '2020-02-26T10:00:00+08:00',
    ruleSet: DEFAULT_RULE_SET,
    trustAgeSec: 600,
  });
  t.equal(d.decision, 'CUSTODY', 'the coach decision the doc states');
  t.same(d.passengers.map((p) => p.outcome), ['RELEASE', 'CUSTODY', 'RELEASE']);
  t.same(d.custody, [{ ent: '91350100M000100Y43', passengers: [1] }]);
});
