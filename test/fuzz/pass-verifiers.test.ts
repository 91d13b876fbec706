import t from 'tap';
import fc from 'fast-check';
import { base64url } from 'jose';
import { encodePassQrText, generatePassKeyPair, signPass, verifyPass } from '../../src/core/pass/index.js';
import { encodeCharterQrText, signCharterPass, verifyCharterPass } from '../../src/core/charter/index.js';
import { DAY, T0, TEST_KID, largeInput, signOptions, signTypical, verifyOptions } from '../core/pass/fixtures.js';
import { charterInput, signCharter, signOpts as charterSignOpts, verifyOpts as charterVerifyOpts } from '../core/charter/fixtures.js';
import { JWS_CHARS, applyMutation, jwsMutation } from '../helpers/jws-mutation.js';
import { applyJsonEdit, fuzz, jsonEdit, watchForCrashes } from '../helpers/fuzz.js';

/**
 * The two signed QR formats under random and mutated input. Invariants: the
 * verifiers never throw; any change to what the signature covers (header,
 * payload, signature bytes) is refused; what the signature does not cover
 * (whitespace around the text, the prefix's letter case, QR text versus bare
 * JWS) changes nothing in the result.
 */
watchForCrashes(t);

interface Format {
  name: string;
  tokens: string[];
  verify: (input: string, now?: number) => Promise<{ ok: boolean; reason?: string; claims?: unknown }>;
  toQr: (jws: string) => string;
  prefix: string;
}

const freight: Format = {
  name: 'freight pass',
  tokens: [await signTypical(), await signPass(largeInput, signOptions)],
  // Inside both tokens' windows, so only the mutation can make a baseline fail.
  verify: (input) => verifyPass(input, verifyOptions({ now: T0 + 2 * DAY })),
  toQr: encodePassQrText,
  prefix: 'KK1/',
};
const charter: Format = {
  name: 'charter pass',
  tokens: [await signCharter(), await signCharter({ jti: 'D1xV4zMr6C', passengerCount: 1, nbf: T0 + DAY / 2 })],
  verify: (input) => verifyCharterPass(input, charterVerifyOpts({ now: T0 + DAY })),
  toQr: encodeCharterQrText,
  prefix: 'KC1/',
};

const utf8 = new TextEncoder();
const decodePart = (part: string): unknown => JSON.parse(new TextDecoder().decode(base64url.decode(part)));
const encodePart = (value: unknown): string => base64url.encode(utf8.encode(JSON.stringify(value)));

/** A verifier result that threw is a crash: this turns a throw into a failed property with the error. */
async function safely(format: Format, input: string) {
  try {
    return await format.verify(input);
  } catch (error) {
    throw new Error(`${format.name} verifier threw on ${JSON.stringify(input.slice(0, 80))}: ${String(error)}`);
  }
}

for (const format of [freight, charter]) {
  const baselines = await Promise.all(format.tokens.map((jws) => format.verify(jws)));
  t.ok(baselines.every((r) => r.ok), `${format.name}: baselines verify`);
  const target = `${format.name} verifier`;
  const token = fc.nat({ max: format.tokens.length - 1 });

  t.test(`${format.name}: byte-wise mutations of the JWS are refused`, async (t) => {
    await fuzz(t, target, 'mutated JWS', fc.asyncProperty(token, fc.array(jwsMutation(10_000), { minLength: 1, maxLength: 6 }), async (i, edits) => {
      const jws = format.tokens[i]!;
      const mutated = edits.reduce(applyMutation, jws);
      if (mutated === jws) return true;
      return (await safely(format, mutated)).ok === false;
    }), 4);
  });

  t.test(`${format.name}: mutations of the QR text are refused unless they only touch what is not signed`, async (t) => {
    // Any edit of the digits changes a JWS character (two digits per character) or the length: refused.
    const digitEdit = fc.record({ at: fc.nat({ max: 10_000 }), digit: fc.constantFrom(...'0123456789'), drop: fc.boolean() });
    await fuzz(t, target, 'mutated QR digits', fc.asyncProperty(token, fc.array(digitEdit, { minLength: 1, maxLength: 4 }), async (i, edits) => {
      const qr = format.toQr(format.tokens[i]!);
      let digits = qr.slice(4);
      for (const { at, digit, drop } of edits) {
        const k = at % digits.length;
        digits = digits.slice(0, k) + (drop ? '' : digit) + digits.slice(k + 1);
      }
      const mutated = format.prefix + digits;
      if (mutated === qr) return true;
      return (await safely(format, mutated)).ok === false;
    }), 2);

    // Whitespace around the text (wedge scanners add CR/LF) and the prefix's case are outside the signature by design.
    const space = fc.string({ unit: fc.constantFrom(' ', '\t', '\r', '\n', '\u3000', '\ufeff'), maxLength: 3 });
    await fuzz(t, target, 'unsigned edits keep the same result', fc.asyncProperty(token, space, space, fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }), fc.boolean(), async (i, before, after, upper, bare) => {
      const jws = format.tokens[i]!;
      const casedPrefix = [...format.prefix].map((c, k) => (k < 2 && upper[k] === false ? c.toLowerCase() : c)).join('');
      const text = bare ? jws : casedPrefix + format.toQr(jws).slice(4);
      const result = await safely(format, before + text + after);
      return result.ok === true && JSON.stringify(result.claims) === JSON.stringify(baselines[i]!.claims);
    }));
  });

  t.test(`${format.name}: structural changes to header or payload without re-signing are refused`, async (t) => {
    await fuzz(t, target, 'edited header/payload, original signature', fc.asyncProperty(token, fc.boolean(), fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), async (i, inHeader, edits) => {
      const [h, p, s] = format.tokens[i]!.split('.') as [string, string, string];
      const part = inHeader ? h : p;
      const edited = encodePart(edits.reduce(applyJsonEdit, decodePart(part)));
      if (edited === part) return true;
      const forged = inHeader ? `${edited}.${p}.${s}` : `${h}.${edited}.${s}`;
      return (await safely(format, forged)).ok === false;
    }), 3);
  });

  t.test(`${format.name}: forgeries signed with a key that is not trusted are refused`, async (t) => {
    const stranger = await generatePassKeyPair();
    const sign = format === freight
      ? (over: Record<string, unknown>) => signPass({ ...largeInput, ...over } as typeof largeInput, { ...signOptions, privateKey: stranger.privateKey, kid: TEST_KID })
      : (over: Record<string, unknown>) => signCharterPass({ ...charterInput, ...over } as typeof charterInput, { ...charterSignOpts, privateKey: stranger.privateKey, kid: TEST_KID });
    // The stranger claims the trusted kid: only the signature can tell them apart.
    await fuzz(t, target, 'stranger-signed with the trusted kid', fc.asyncProperty(fc.constantFrom('Q7mZ2xKp9A', 'AAAAAAAAAA', 'C8nW3yLq5B'), fc.integer({ min: -DAY, max: DAY }), async (jti, shift) => {
      const forged = await sign({ jti, nbf: T0 + shift, exp: T0 + 10 * DAY });
      return (await safely(format, forged)).ok === false && (await safely(format, format.toQr(forged))).ok === false;
    }), 0.3);
    // A genuine signature spliced onto another token's header and payload.
    await fuzz(t, target, 'spliced signatures', fc.asyncProperty(fc.nat({ max: freight.tokens.length + charter.tokens.length - 1 }), token, async (j, i) => {
      const donor = [...freight.tokens, ...charter.tokens][j]!;
      const [h, p] = format.tokens[i]!.split('.');
      const spliced = `${h}.${p}.${donor.split('.')[2]}`;
      if (spliced === format.tokens[i]) return true;
      return (await safely(format, spliced)).ok === false;
    }), 0.3);
  });

  t.test(`${format.name}: the other format's genuine tokens are refused`, async (t) => {
    const other = format === freight ? charter : freight;
    await fuzz(t, target, 'format confusion', fc.asyncProperty(fc.nat({ max: other.tokens.length - 1 }), fc.boolean(), async (i, qr) => {
      const jws = other.tokens[i]!;
      return (await safely(format, qr ? other.toQr(jws) : jws)).ok === false;
    }), 0.2);
  });

  t.test(`${format.name}: arbitrary input never throws and never verifies`, async (t) => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(...JWS_CHARS), maxLength: 400 }),
      fc.string({ unit: fc.constantFrom(...`${format.prefix}0123456789`), maxLength: 600 }),
      fc.tuple(fc.jsonValue(), fc.jsonValue(), fc.string({ unit: fc.constantFrom(...JWS_CHARS), maxLength: 90 })).map(([h, p, s]) => `${encodePart(h)}.${encodePart(p)}.${s}`),
      fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([h, p]) => `${encodePart({ alg: 'none', typ: format === freight ? 'kkp' : 'kkc', kid: TEST_KID, ...(typeof h === 'object' && h && !Array.isArray(h) ? h : {}) })}.${encodePart(p)}.`),
    );
    await fuzz(t, target, 'arbitrary strings', fc.asyncProperty(text, async (s) => {
      const result = await safely(format, s);
      return result.ok === false && typeof result.reason === 'string';
    }), 4);
    // Not a string at all (the scanner's decoder could hand anything over).
    await fuzz(t, target, 'non-string input', fc.asyncProperty(fc.anything(), async (value) => {
      if (typeof value === 'string') return true;
      const result = await format.verify(value as string);
      return result.ok === false && result.reason === 'malformed';
    }), 0.5);
  });
}
