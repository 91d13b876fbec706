// Shared test data (no tests here; tap lists this file as skipped).
import { base64url } from 'jose';
import type { JWK } from 'jose';
import { importPassPrivateKey, passJwks, signPass } from '../../../src/core/pass/index.js';
import type { PassInput, PassPublicJwk, SignPassOptions, VerifyPassOptions } from '../../../src/core/pass/index.js';

/**
 * TEST-ONLY key, published in docs/pass-format.md so the example there can be
 * checked. Never use it to sign real passes.
 */
export const TEST_PRIVATE_JWK: JWK = {
  kty: 'OKP',
  crv: 'Ed25519',
  d: 'e62pFAP3mWJzPj77qhpJm2uUWMDfGYpY5dO8oNAE5ag',
  x: 'PaYF_3KxnLi4A307UcN6SuSeEMqZ2xmBvCvwbEe9o80',
  kid: '-aZXzCUU',
  alg: 'EdDSA',
  use: 'sig',
};
export const TEST_PUBLIC_JWK: PassPublicJwk = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: 'PaYF_3KxnLi4A307UcN6SuSeEMqZ2xmBvCvwbEe9o80',
  kid: '-aZXzCUU',
  alg: 'EdDSA',
  use: 'sig',
};
export const TEST_KID = TEST_PUBLIC_JWK.kid;
export const TEST_JWKS = passJwks([TEST_PUBLIC_JWK]);
export const testPrivateKey = await importPassPrivateKey(TEST_PRIVATE_JWK);

/** 2020-02-25 00:00:00 +08:00, the day of the Kunshan measures. */
export const T0 = 1582560000;
export const DAY = 86400;

/**
 * A typical pass: Jiangsu plate, driver and one escort with three-character
 * names, valid for 14 days from a China-time midnight, signed the afternoon
 * before. The jti is fixed (10 characters, the length newPassId makes) so the
 * documented example is reproducible.
 */
export const typicalInput: PassInput = {
  jti: 'Q7mZ2xKp9A',
  plate: '苏E12345',
  driver: { name: '张建国', id4: '002X' },
  escorts: [{ name: '李卫东', id4: '1234' }],
  enterprise: { uscc: '91350100M000100Y43' },
  origin: '320583',
  nbf: T0,
  exp: T0 + 14 * DAY,
};

/** A bigger realistic pass: trailer plate, driver + 3 escorts, one minority name with a middle dot. */
export const largeInput: PassInput = {
  jti: 'Z9yX8wV7uT',
  plate: '苏E1234挂',
  driver: { name: '欧阳建国', id4: '002X' },
  escorts: [
    { name: '阿卜杜热合曼·买买提', id4: '1234' },
    { name: '诸葛明亮', id4: '5678' },
    { name: '上官婉儿', id4: '901X' },
  ],
  enterprise: { uscc: '91350100M000100Y43' },
  origin: '420100',
  nbf: T0 + DAY,
  exp: T0 + 15 * DAY,
};

/** Issued the afternoon before the pass starts. */
export const SIGNED_AT = T0 - 8 * 3600;
export const signOptions: SignPassOptions = { privateKey: testPrivateKey, kid: TEST_KID, issuer: 'KSJT', now: SIGNED_AT };

export function verifyOptions(overrides: Partial<VerifyPassOptions> = {}): VerifyPassOptions {
  return { keys: TEST_JWKS, now: T0 + DAY, clockToleranceSec: 60, isRevoked: () => false, ...overrides };
}

export async function signTypical(overrides: Partial<PassInput> = {}): Promise<string> {
  return signPass({ ...typicalInput, ...overrides }, signOptions);
}

const enc = (value: unknown): string => base64url.encode(new TextEncoder().encode(JSON.stringify(value)));

/** Signs an arbitrary header and payload with the trusted test key, bypassing signPass's checks, to build hostile but authentic tokens. */
export async function signRaw(header: Record<string, unknown> | string, payload: unknown): Promise<string> {
  // A string is taken as the JSON text itself, to sign what JSON.stringify cannot write (duplicate members).
  const part = (v: unknown) => (typeof v === 'string' && /^[{[]/.test(v) ? base64url.encode(new TextEncoder().encode(v)) : enc(v));
  const signingInput = `${part(header)}.${part(payload)}`;
  const signature = await crypto.subtle.sign('Ed25519', testPrivateKey, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64url.encode(new Uint8Array(signature))}`;
}

export function encodeJson(value: unknown): string {
  return enc(value);
}

export function decodeJwsPart(jws: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64url.decode(jws.split('.')[index] ?? ''))) as Record<string, unknown>;
}
