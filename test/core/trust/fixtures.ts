// Shared test data (no tests here; tap lists this file as skipped).
import { base64url } from 'jose';
import { generatePassKeyPair, passJwks } from '../../../src/core/pass/index.js';
import type { TrustBundleInput } from '../../../src/core/trust/index.js';

/** The bundle-signing key a device pinned at enrollment. */
export const bundleKey = await generatePassKeyPair();
export const trustedKeys = { keys: [bundleKey.publicJwk] };
/** A pass-signing key, carried inside the bundle. */
export const passKey = await generatePassKeyPair();

/** 2020-02-25 00:00:00 +08:00 */
export const T0 = 1582560000;
export const HOUR = 3600;
export const MAX_AGE = 72 * HOUR;

export const payload: TrustBundleInput = {
  v: 1,
  iss: 'KSJT',
  iat: T0,
  exp: T0 + MAX_AGE,
  seq: 42,
  jwks: passJwks([passKey.publicJwk]),
  revocations: { version: 7, passNos: ['Q7mZ2xKp9A', 'Z9yX8wV7uT'] },
  ruleSets: {
    active: { version: 3, keyAreas: ['420000'], effectiveFrom: '2020-02-20T00:00:00+08:00' },
    scheduled: [{ version: 4, keyAreas: ['420000', '330300'], effectiveFrom: '2020-02-27T00:00:00+08:00' }],
  },
  enterprises: [
    ['91350100M000100Y43', '昆山示例精密机械有限公司', '0512-57501234'],
    ['91320583MA1XXXXX0A', 'Kunshan Example Logistics Co., Ltd.', '13812345678'],
  ],
};

const enc = (value: unknown): string => base64url.encode(new TextEncoder().encode(JSON.stringify(value)));

/** Signs any header and payload with the trusted bundle key, bypassing signBundle's checks, to build hostile but authentic tokens. */
export async function signRaw(header: Record<string, unknown>, body: unknown): Promise<string> {
  const input = `${enc(header)}.${typeof body === 'string' ? base64url.encode(new TextEncoder().encode(body)) : enc(body)}`;
  const signature = await crypto.subtle.sign('Ed25519', bundleKey.privateKey, new TextEncoder().encode(input));
  return `${input}.${base64url.encode(new Uint8Array(signature))}`;
}

export function encodeJson(value: unknown): string {
  return enc(value);
}
