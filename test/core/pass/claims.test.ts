// The claim schemas one by one: what each refuses and the message it gives. The messages reach staff and
// the audit log through verifyPass's claims_invalid detail, so they are checked word for word.
import t from 'tap';
import type * as z from 'zod';
import {
  id4Schema,
  jtiSchema,
  passClaimsSchema,
  passPersonSchema,
  plateSchema,
  regionCodeSchema,
  usccSchema,
} from '../../../src/core/pass/index.js';
import { T0, decodeJwsPart, signTypical } from './fixtures.js';

const claims = decodeJwsPart(await signTypical(), 1);

/** The issues of a failed parse as path and message, or 'ok'. */
function issuesOf(schema: z.ZodType, value: unknown): Array<{ path: PropertyKey[]; message: string }> | 'ok' {
  const r = schema.safeParse(value);
  return r.success ? 'ok' : r.error.issues.map(({ path, message }) => ({ path, message }));
}

t.test('control: the typical claims parse', async (t) => {
  t.equal(issuesOf(passClaimsSchema, claims), 'ok');
});

t.test('anchored patterns: junk before or after a valid value is refused', async (t) => {
  const cases: Array<[string, z.ZodType, string, string]> = [
    ['org', regionCodeSchema, '320583', 'not a GB/T 2260 code'],
    ['ent', usccSchema, '91350100M000100Y43', 'not a unified social credit code'],
    ['id4', id4Schema, '002X', 'last four ID characters, e.g. 002X'],
    ['jti', jtiSchema, 'Q7mZ2xKp9A', 'base64url characters only'],
  ];
  for (const [name, schema, value, message] of cases) {
    t.equal(issuesOf(schema, value), 'ok', `${name} ${value}`);
    t.same(issuesOf(schema, `#${value}`), [{ path: [], message }], `${name}: junk before`);
    t.same(issuesOf(schema, `${value}#`), [{ path: [], message }], `${name}: junk after`);
  }
  t.same(issuesOf(regionCodeSchema, '032058'), [{ path: [], message: 'not a GB/T 2260 code' }], 'no division code starts with 0');
});

t.test('plate: only the canonical spelling', async (t) => {
  t.equal(issuesOf(plateSchema, '苏E12345'), 'ok');
  t.same(issuesOf(plateSchema, '苏e12345'), [{ path: [], message: 'not a canonical GA 36 plate number' }]);
});

t.test('person names: length, padding and hidden characters, each with its message', async (t) => {
  t.equal(issuesOf(passPersonSchema, ['阿卜杜热合曼·买买提', '002X']), 'ok', 'ten characters');
  t.same(issuesOf(passPersonSchema, ['阿卜杜热合曼·买买提一', '002X']), [{ path: [0], message: 'at most 10 characters' }]);
  // The signed claim is not trimmed for the verifier: a padded name is refused, not silently repaired.
  t.same(issuesOf(passPersonSchema, [' 张建国', '002X']), [{ path: [0], message: 'no leading or trailing spaces' }]);
  t.same(issuesOf(passPersonSchema, ['张建国 ', '002X']), [{ path: [0], message: 'no leading or trailing spaces' }]);
  t.same(issuesOf(passPersonSchema, ['张\u202E国', '002X']), [{ path: [0], message: 'no control or format characters' }]);
  t.same(issuesOf(passPersonSchema, ['张建国', '002x']), [{ path: [1], message: 'last four ID characters, e.g. 002X' }]);
});

t.test('exp must be after nbf, reported on exp', async (t) => {
  t.same(issuesOf(passClaimsSchema, { ...claims, exp: T0 }), [{ path: ['exp'], message: 'exp must be after nbf' }]);
  t.equal(issuesOf(passClaimsSchema, { ...claims, exp: T0 + 1 }), 'ok', 'one second is enough');
});
