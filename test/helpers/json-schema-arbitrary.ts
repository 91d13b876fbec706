// JSON Schema (as the app's OpenAPI document states it) → fast-check arbitrary, for the API fuzz test. No tests here.
import fc from 'fast-check';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  prefixItems?: Schema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

const SAFE = 1_000_000;

/**
 * Values that mostly fit the schema, so a request gets past the first field
 * check and into the handler; the fuzz test then breaks them on purpose.
 * Patterns the generator cannot follow, and depth past 5, fall back to
 * plain values (still useful input, just less likely to be valid).
 */
export function arbitraryFor(schema: Schema | undefined, components: Record<string, Schema>, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.jsonValue({ maxDepth: 1 });
  if (schema.$ref) return arbitraryFor(components[schema.$ref.replace('#/components/schemas/', '')], components, depth + 1);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, components, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) return arbitraryFor(schema.allOf[0], components, depth + 1);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => arbitraryFor({ ...schema, type }, components, depth)));
  switch (schema.type) {
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) model[k] = arbitraryFor(s, components, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case 'array': {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => arbitraryFor(s, components, depth + 1)));
      const minLength = Math.min(schema.minItems ?? 0, 4);
      return fc.array(arbitraryFor(schema.items, components, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)) });
    }
    case 'string':
      return stringFor(schema);
    case 'integer': {
      const min = Math.max(schema.minimum ?? -SAFE, -SAFE);
      const max = Math.min(schema.maximum ?? SAFE, SAFE);
      return min <= max ? fc.oneof(fc.integer({ min, max }), fc.integer({ min: Math.max(min, 0), max: Math.max(Math.min(max, 12), Math.max(min, 0)) })) : fc.integer();
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: Math.max(schema.minimum ?? -SAFE, -SAFE), max: Math.min(schema.maximum ?? SAFE, SAFE) });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

const patternCache = new Map<string, fc.Arbitrary<string> | null>();

function stringFor(schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return fc.date({ min: new Date('2019-01-01'), max: new Date('2031-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'date') return fc.date({ min: new Date('2019-01-01'), max: new Date('2031-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.pattern) {
    let arb = patternCache.get(schema.pattern);
    if (arb === undefined) {
      try {
        const candidate = fc.stringMatching(new RegExp(schema.pattern));
        fc.sample(candidate, { numRuns: 1, seed: 1 });
        arb = candidate.filter((s) => s.length <= (schema.maxLength ?? 200));
      } catch {
        arb = null;
      }
      patternCache.set(schema.pattern, arb);
    }
    if (arb) return arb;
  }
  const minLength = Math.min(schema.minLength ?? 0, 40);
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ minLength, maxLength, unit: fc.constantFrom(...'苏沪京鄂昆山市路号ABCDEFGHJK0123456789 ') }),
  );
}
