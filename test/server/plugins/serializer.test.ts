import t from 'tap';
import Fastify from 'fastify';
import * as z from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseEqualsEncode, serializerCompiler } from '../../../src/server/plugins/serializer.js';
import { evaluateResponseSchema } from '../../../src/server/features/checks/schema.js';
import { DEFAULT_RULE_SET } from '../../../src/core/rules/index.js';

t.test('parse is used only where it gives what encode gives', async (t) => {
  t.ok(parseEqualsEncode(evaluateResponseSchema), 'the evaluate answer is plain');
  t.ok(parseEqualsEncode(z.object({ a: z.array(z.union([z.string(), z.null()])), b: z.record(z.string(), z.number()).optional() })));
  const plain = z.object({ n: z.number() });
  for (const [name, s] of Object.entries({
    transform: z.object({ a: z.string().transform((v) => v.length) }),
    default: z.object({ a: z.array(z.object({ b: z.number().default(1) })) }),
    pipe: z.object({ a: z.union([plain, z.string().pipe(z.string())]) }),
    codec: z.object({ a: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }) }),
    catch: z.tuple([z.string(), z.number().catch(0)]),
    lazy: z.object({ a: z.lazy(() => plain) }),
  })) {
    t.notOk(parseEqualsEncode(s), name);
  }
});

t.test('answers are still checked and stripped against their schema', async (t) => {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setSerializerCompiler(serializerCompiler);
  t.teardown(() => app.close());
  const schema = z.object({ id: z.number(), name: z.string() });
  const codec = z.object({ at: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }) });
  app.get('/extra', { schema: { response: { 200: schema } } }, async () => ({ id: 1, name: 'a', secret: 'never sent' }) as never);
  app.get('/wrong', { schema: { response: { 200: schema } } }, async () => ({ id: 'one', name: 'a' }) as never);
  app.get('/codec', { schema: { response: { 200: codec } } }, async () => ({ at: new Date(Date.UTC(2026, 0, 2)) }));
  const extra = await app.inject('/extra');
  t.same(extra.json(), { id: 1, name: 'a' }, 'unknown keys are stripped');
  t.equal((await app.inject('/wrong')).statusCode, 500, 'an answer off its schema is refused');
  t.same((await app.inject('/codec')).json(), { at: '2026-01-02T00:00:00.000Z' }, 'a codec is still encoded');
});

t.test('the evaluate answer: parse and encode serialise it alike', async (t) => {
  const answer = {
    decision: {
      decision: 'RELEASE', reasons: [{ code: 'x', zh: '甲', en: 'a', facts: { n: 1, s: 's', b: true, z: null } }], steps: [],
      ruleSetVersion: DEFAULT_RULE_SET.version, keyArea: { involved: false, sources: [{ kind: 'origin', region: '320583' }] }, pendingMeasurements: [],
    },
    pass: { ok: true, reason: null, detail: null, kid: 'k1', claims: { jti: 'j', iss: 'i', nbf: 1, exp: 2, pl: 'p', ppl: [['a', '1234']], ent: 'e', org: 'o', extra: 'dropped' } },
    receivingEnterprise: null, ruleSet: { version: 1, source: 'active' }, now: '2026-01-01T00:00:00.000Z', trustAgeSec: 0, recorded: false,
  };
  t.same(z.safeParse(evaluateResponseSchema, answer).data, z.safeEncode(evaluateResponseSchema, answer as never).data);
  t.notOk('extra' in (z.safeParse(evaluateResponseSchema, answer).data!.pass!.claims as object));
});
