import t from 'tap';
import fc from 'fast-check';
import { eventSchema, verifyEventSignature } from '../../../src/core/events/index.js';
import { device, makeChain } from './fixtures.js';

const chain = await makeChain(5);

/** Every leaf path of a JSON value, e.g. ['payload', 'observations', 'temps', 1]. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.length === 0 ? [prefix] : value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [prefix] : entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

function setAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy = [...root];
    copy[head as number] = setAt(copy[head as number], rest, replacement);
    return copy;
  }
  const record = root as Record<string, unknown>;
  return { ...record, [head]: setAt(record[head], rest, replacement) };
}

function getAt(root: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}

const jsonValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('RELEASE', 'HOLD', 'KS0428', '苏E12346', 'AAAA', '2020-02-25T14:00:00.000+08:00', 2, 0, -0, ''),
);

t.test('any single-field change breaks the signature or the schema', async (t) => {
  let schemaCaught = 0;
  let signatureCaught = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...chain), fc.nat(), jsonValue, fc.boolean(), async (event, pick, replacement, remove) => {
      // Not `sig` itself: changing the signature is the mutation test of verify; here we change what it covers.
      const paths = leafPaths(event).filter((p) => p[0] !== 'sig');
      const path = paths[pick % paths.length] ?? [];
      const mutated = remove && path.length > 0 ? deleteAt(event, path) : setAt(event, path, replacement);
      if (!remove && getAt(event, path) === replacement) return true; // not a change (=== on purpose: 0 and -0 are one JSON value)
      const schemaOk = eventSchema.safeParse(mutated).success;
      const signatureOk = await verifyEventSignature(mutated, device.publicJwk);
      if (!schemaOk) schemaCaught++;
      if (!signatureOk) signatureCaught++;
      // In fact the signature alone always catches it; the schema is a second, independent line.
      return !signatureOk;
    }),
    { numRuns: 800 },
  );
  t.ok(signatureCaught > 0 && schemaCaught > 0, `signature caught ${signatureCaught}, schema ${schemaCaught}`);
});

t.test('an added member anywhere breaks the signature', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...chain), fc.nat(), fc.string({ minLength: 1 }), jsonValue, async (event, pick, key, value) => {
      const objects = [[], ['payload']].concat(event.type === 'check' ? [['payload', 'observations']] : []);
      const at = objects[pick % objects.length] ?? [];
      const target = getAt(event, at) as Record<string, unknown>;
      if (key in target || key === 'sig') return true;
      const mutated = setAt(event, at, { ...target, [key]: value });
      return !(await verifyEventSignature(mutated, device.publicJwk));
    }),
    { numRuns: 300 },
  );
  t.pass('300 runs');
});

t.test('random signature strings never verify', async (t) => {
  const base64urlChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...chain), fc.string({ unit: base64urlChar, minLength: 80, maxLength: 90 }), async (event, sig) => {
      return sig === event.sig || !(await verifyEventSignature({ ...event, sig }, device.publicJwk));
    }),
    { numRuns: 200 },
  );
  t.pass('200 runs');
});

function deleteAt(root: unknown, path: (string | number)[]): unknown {
  const parent = path.slice(0, -1);
  const last = path[path.length - 1] as string | number;
  const container = getAt(root, parent);
  if (Array.isArray(container)) return setAt(root, parent, container.filter((_, i) => i !== last));
  const { [last]: _removed, ...rest } = container as Record<string | number, unknown>;
  return setAt(root, parent, rest);
}
