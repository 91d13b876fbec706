import t from 'tap';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalManifest, isCanonicalManifest, manifestDigest, manifestSchema } from '../../../src/core/charter/index.js';
import type { ManifestPassenger } from '../../../src/core/charter/index.js';
import { ENT_A, ENT_B, MANIFEST, MD, thirtyPassengers } from './fixtures.js';

t.test('digest definition: base64url SHA-256 of the JCS of the canonical array', async (t) => {
  const one: ManifestPassenger[] = [{ name: '王芳', id4: '1234', org: '510100', stays: [], ent: ENT_A }];
  // Written out by hand: members sorted, no spaces, UTF-8.
  const jcs = '[{"ent":"91350100M000100Y43","id4":"1234","name":"王芳","org":"510100","stays":[]}]';
  t.equal(await manifestDigest(one), createHash('sha256').update(jcs, 'utf8').digest('base64url'));
  t.match(MD, /^[A-Za-z0-9_-]{43}$/);
});

t.test('canonical order: by enterprise, then id4, then name; stays by last day', async (t) => {
  const shuffled = [...thirtyPassengers()].reverse();
  t.same(canonicalManifest(shuffled), MANIFEST, 'entry order does not matter');
  t.equal(await manifestDigest(canonicalManifest(shuffled)), MD, 'so neither does the digest');
  t.ok(isCanonicalManifest(MANIFEST));
  const ents = MANIFEST.map((p) => p.ent);
  t.same(ents, [...ents].sort(), 'grouped by enterprise');
  t.ok(ents.includes(ENT_A) && ents.includes(ENT_B));
  const swapped = [MANIFEST[1], MANIFEST[0], ...MANIFEST.slice(2)] as ManifestPassenger[];
  t.notOk(isCanonicalManifest(swapped));
  await t.rejects(manifestDigest(swapped), TypeError, 'a list out of order is refused, not hashed');
  t.notOk(manifestSchema.safeParse(swapped).success);
  const stays = canonicalManifest([
    { name: '王芳', id4: '1234', org: '510100', ent: ENT_A, stays: [{ region: '420100', lastDay: '2020-02-20' }, { region: '310000', lastDay: '2020-02-10' }] },
  ]);
  t.same(stays[0]?.stays.map((s) => s.lastDay), ['2020-02-10', '2020-02-20']);
});

t.test('any change of any passenger changes the digest', async (t) => {
  const edits: Array<[string, (p: ManifestPassenger) => ManifestPassenger]> = [
    ['name', (p) => ({ ...p, name: `${p.name}一` })],
    ['id4', (p) => ({ ...p, id4: p.id4 === '0000' ? '0001' : '0000' })],
    ['org', (p) => ({ ...p, org: p.org === '510100' ? '510104' : '510100' })],
    ['stays', (p) => ({ ...p, stays: [...p.stays, { region: '310000', lastDay: '2020-02-01' }] })],
    ['ent', (p) => ({ ...p, ent: p.ent === ENT_A ? ENT_B : ENT_A })],
  ];
  const seen = new Set([MD]);
  for (const [field, edit] of edits) {
    for (const i of [0, 14, 29]) {
      const changed = canonicalManifest(MANIFEST.map((p, j) => (j === i ? edit(p) : p)));
      const d = await manifestDigest(changed);
      t.notOk(seen.has(d), `${field} of passenger ${i + 1}`);
      seen.add(d);
    }
  }
  t.not(await manifestDigest(MANIFEST.slice(1)), MD, 'one passenger fewer');
  t.not(await manifestDigest(canonicalManifest([...MANIFEST, { name: '新人', id4: '9999', org: '510100', stays: [], ent: ENT_A }])), MD, 'one more');
});

const passenger = fc.record({
  name: fc.constantFrom('王芳', '李伟', '欧阳娜', '阿卜杜热合曼·买买提', 'Ли'),
  id4: fc.stringMatching(/^[0-9]{3}[0-9X]$/),
  org: fc.constantFrom('510100', '420100', '320583'),
  stays: fc.array(fc.record({ region: fc.constantFrom('420100', '310000'), lastDay: fc.constantFrom('2020-02-10', '2020-02-20') }), { maxLength: 3 }),
  ent: fc.constantFrom(ENT_A, ENT_B),
});

t.test('properties', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(passenger, { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.nat()), async (list, rnd) => {
      const canonical = canonicalManifest(list);
      // Idempotent, independent of entry order, and always accepted by the schema.
      const shuffled = [...list].sort(() => (rnd.next().value % 3) - 1);
      t.same(canonicalManifest(canonical), canonical);
      t.equal(await manifestDigest(canonicalManifest(shuffled)), await manifestDigest(canonical));
      t.ok(manifestSchema.safeParse(canonical).success);
    }),
    { numRuns: 60 },
  );
});

const one = (p: Partial<ManifestPassenger> = {}): ManifestPassenger => ({ name: '王芳', id4: '1234', org: '510100', stays: [], ent: ENT_A, ...p });
const problems = (list: unknown) => manifestSchema.safeParse(list).error?.issues.map((i) => ({ path: i.path, message: i.message }));

t.test('names: 1 to 20 code points, no surrounding spaces, no control or format characters', async (t) => {
  // Code points, not UTF-16 units: a name in CJK Extension B characters is as long as it looks.
  t.equal(problems([one({ name: '\u{20000}'.repeat(20) })]), undefined, '20 astral characters');
  t.equal(problems([one({ name: '阿卜杜热合曼·买买提' })]), undefined);
  t.same(problems([one({ name: '\u{20000}'.repeat(21) })]), [{ path: [0, 'name'], message: 'at most 20 characters' }]);
  t.same(problems([one({ name: '' })])?.map((i) => i.path), [[0, 'name']]);
  for (const name of [' 王芳', '王芳 ', '王芳\u3000']) {
    t.same(problems([one({ name })]), [{ path: [0, 'name'], message: 'no leading or trailing spaces' }], JSON.stringify(name));
  }
  for (const name of ['王\u0000芳', '王\u200b芳', '王\u2028芳', '王\u202e芳']) {
    // The label names the code point: U+2028 itself would break the TAP output line.
    t.same(problems([one({ name })]), [{ path: [0, 'name'], message: 'no control or format characters' }], `U+${name.codePointAt(1)!.toString(16).padStart(4, '0')}`);
  }
});

t.test('stays: at most 14 per passenger', async (t) => {
  const days = (n: number) => Array.from({ length: n }, (_, i) => ({ region: '420100', lastDay: `2020-02-${String(i + 1).padStart(2, '0')}` }));
  t.equal(problems([one({ stays: days(14) })]), undefined);
  t.same(problems([one({ stays: days(15) })])?.map((i) => i.path), [[0, 'stays']]);
});

t.test('a manifest has 1 to 99 passengers', async (t) => {
  const people = (n: number) => canonicalManifest(Array.from({ length: n }, (_, i) => one({ id4: String(1000 + i) })));
  t.equal(problems(people(1)), undefined);
  t.equal(problems(people(99)), undefined);
  t.same(problems([])?.map((i) => i.path), [[]], 'no passengers');
  t.same(problems(people(100))?.map((i) => i.path), [[]], '100 passengers');
});

t.test('canonical order: stays of the same day by region; a list out of order is named as such', async (t) => {
  const stays = [{ region: '420100', lastDay: '2020-02-20' }, { region: '310000', lastDay: '2020-02-20' }];
  t.same(canonicalManifest([one({ stays })])[0]?.stays, [stays[1], stays[0]]);
  t.same(problems([one({ stays })]), [{ path: [], message: 'passengers (or their stays) are not in canonical order' }]);
  await t.rejects(manifestDigest([one({ stays })]), { name: 'TypeError', message: 'manifest is not in canonical order; use canonicalManifest first' });
});
