import t from 'tap';
import { JSON_LIMITS, checkPayloadSchema, jsonLimitBreach } from '../../../src/core/events/index.js';
import { bodies } from './fixtures.js';

/** `levels` nested containers, the outermost counting as 1 (docs: JSON_LIMITS.maxDepth). */
const nestedArrays = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};
const nestedObjects = (levels: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

t.test('the limits', async (t) => {
  t.strictSame({ ...JSON_LIMITS }, { maxDepth: 8, maxString: 256, maxItems: 64 });
});

t.test('depth: 8 levels pass, 9 do not, arrays and objects alike', async (t) => {
  t.equal(jsonLimitBreach(nestedArrays(8)), null);
  t.equal(jsonLimitBreach(nestedArrays(9)), 'nested deeper than 8 levels');
  t.equal(jsonLimitBreach(nestedObjects(8)), null);
  t.equal(jsonLimitBreach(nestedObjects(9)), 'nested deeper than 8 levels');
  t.equal(jsonLimitBreach({ a: [{ b: [{ c: [{ d: [null] }] }] }] }), null, 'mixed, 8 levels, with a null leaf');
  t.equal(jsonLimitBreach({ a: [{ b: [{ c: [{ d: [{}] }] }] }] }), 'nested deeper than 8 levels', 'an empty container is a level too');
  t.equal(jsonLimitBreach(nestedArrays(100_000)), 'nested deeper than 8 levels', 'hostile depth: an answer, not a stack overflow');
});

t.test('strings and member names: 256 UTF-16 units pass, 257 do not', async (t) => {
  t.equal(jsonLimitBreach('x'.repeat(256)), null);
  t.equal(jsonLimitBreach('x'.repeat(257)), 'a string is longer than 256 characters');
  t.equal(jsonLimitBreach({ a: ['ok', { b: 'x'.repeat(257) }] }), 'a string is longer than 256 characters', 'deep inside');
  t.equal(jsonLimitBreach({ ['k'.repeat(256)]: 1 }), null);
  t.equal(jsonLimitBreach({ ['k'.repeat(257)]: 1 }), 'a member name is longer than 256 characters');
  t.equal(jsonLimitBreach(['😀'.repeat(129)]), 'a string is longer than 256 characters', 'code units, not characters');
});

t.test('items: 64 per array or object pass, 65 do not', async (t) => {
  t.equal(jsonLimitBreach(Array.from({ length: 64 }, () => 0)), null);
  t.equal(jsonLimitBreach(Array.from({ length: 65 }, () => 0)), 'more than 64 items in one array or object');
  const members = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}`, i]));
  t.equal(jsonLimitBreach(members(64)), null);
  t.equal(jsonLimitBreach(members(65)), 'more than 64 items in one array or object');
  t.equal(jsonLimitBreach({ a: Array.from({ length: 64 }, () => [1, 2]) }), null, 'the limit is per container, not a total');
});

t.test('scalars are within any limit', async (t) => {
  for (const v of [null, 0, -1.5, true, false, '', undefined]) t.equal(jsonLimitBreach(v), null, String(v));
});

t.test('limits can be given', async (t) => {
  const tight = { maxDepth: 2, maxString: 3, maxItems: 2 };
  t.equal(jsonLimitBreach([[1]], tight), null);
  t.equal(jsonLimitBreach([[[1]]], tight), 'nested deeper than 2 levels');
  t.equal(jsonLimitBreach(['abcd'], tight), 'a string is longer than 3 characters');
  t.equal(jsonLimitBreach({ abcd: 1 }, tight), 'a member name is longer than 3 characters');
  t.equal(jsonLimitBreach([1, 2, 3], tight), 'more than 2 items in one array or object');
});

t.test("a check's observations are held to the limits, the breach named", async (t) => {
  const check = bodies[1]!;
  if (check.type !== 'check') throw new Error('fixture');
  // observations is level 1, so a value in it may nest 7 more levels.
  t.ok(checkPayloadSchema.safeParse({ ...check.payload, observations: { a: nestedArrays(7) } }).success);
  const r = checkPayloadSchema.safeParse({ ...check.payload, observations: { a: nestedArrays(8) } });
  t.strictSame(r.success ? null : r.error.issues.map((i) => [i.path, i.message]), [[['observations'], 'observations: nested deeper than 8 levels']]);
});
