import t from 'tap';
import { base64url, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { importedKeyCount, verifyCompactJws } from '../../../src/core/jws/compact.js';

// verifyCompactJws keeps imported keys across calls: a key that changes (or goes) must never keep verifying.
const TYP = 'test+jwt';
const enc = (value: unknown): string => base64url.encode(new TextEncoder().encode(JSON.stringify(value)));

async function keyPair(): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA', use: 'sig' } };
}

async function sign(privateKey: CryptoKey): Promise<string> {
  const input = `${enc({ alg: 'EdDSA', typ: TYP, kid: 'k1' })}.${enc({ n: 1 })}`;
  const signature = await crypto.subtle.sign('Ed25519', privateKey, new TextEncoder().encode(input));
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

const a = await keyPair();
const b = await keyPair();
const tokenA = await sign(a.privateKey);
const tokenB = await sign(b.privateKey);
const step = async (token: string, keys: unknown) => {
  const r = await verifyCompactJws(token, { typ: TYP, keys });
  return r.ok ? 'ok' : r.step;
};

t.test('a key is imported once and then reused', async (t) => {
  const keys = { keys: [{ ...a.jwk }] };
  t.equal(await step(tokenA, keys), 'ok');
  const held = importedKeyCount();
  t.equal(await step(tokenA, keys), 'ok');
  t.equal(await step(tokenA, { keys: [{ ...a.jwk }] }), 'ok', 'an equal key in a new set');
  t.equal(importedKeyCount(), held, 'nothing imported again');
});

t.test('each new key is held once more; a key that fails to import is not held', async (t) => {
  const before = importedKeyCount();
  const c = await keyPair();
  const d = await keyPair();
  t.equal(await step(tokenA, { keys: [c.jwk] }), 'signature');
  t.equal(await step(tokenA, { keys: [d.jwk] }), 'signature');
  t.equal(importedKeyCount(), before + 2, 'two keys, two entries: a new key does not push out an old one below the bound');
  // Failed imports fail the same way each time: nothing is kept for them.
  t.equal(await step(tokenA, { keys: [{ ...a.jwk, x: 'AAAA' }] }), 'signature');
  t.equal(importedKeyCount(), before + 2, 'the broken key left no entry');
});

t.test('a different key under the same kid is not served from the cache', async (t) => {
  t.equal(await step(tokenA, { keys: [a.jwk] }), 'ok', 'control');
  t.equal(await step(tokenA, { keys: [b.jwk] }), 'signature', 'kid k1 now names key B');
  t.equal(await step(tokenB, { keys: [b.jwk] }), 'ok');
  t.equal(await step(tokenB, { keys: [a.jwk] }), 'signature', 'and back');
});

t.test('a key set changed in place is read again', async (t) => {
  const keys = { keys: [{ ...a.jwk }] };
  t.equal(await step(tokenA, keys), 'ok', 'control');
  keys.keys[0]!.x = b.jwk.x;
  t.equal(await step(tokenA, keys), 'signature', 'x replaced in the same object');
  t.equal(await step(tokenB, keys), 'ok');
  keys.keys.pop();
  t.equal(await step(tokenB, keys), 'unknown_kid', 'key removed');
});

t.test('a key that does not import never borrows a cached one', async (t) => {
  t.equal(await step(tokenA, { keys: [a.jwk] }), 'ok', 'control');
  t.equal(await step(tokenA, { keys: [{ ...a.jwk, x: `${a.jwk.x!.slice(0, -2)}` }] }), 'signature', 'a truncated x');
});

t.test('the cache is bounded', async (t) => {
  for (let i = 0; i < 80; i++) {
    const k = await keyPair();
    await step(tokenA, { keys: [k.jwk] });
  }
  t.equal(importedKeyCount(), 64, 'full, and no more than full');
  t.equal(await step(tokenA, { keys: [a.jwk] }), 'ok', 'an evicted key imports again');
});
