import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JSONWebKeySet, JWK, KeyObject } from 'jose';

/** The one JWS algorithm passes use (RFC 8037). See docs/pass-format.md for why not RFC 9864 "Ed25519". */
export const PASS_ALG = 'EdDSA';

/**
 * `kid` = the first 8 characters of the base64url SHA-256 JWK thumbprint
 * (RFC 7638): 48 bits, and every character saved is two QR digits. The kid
 * only selects a key among trusted ones and is never a security decision by
 * itself: keys come from the trusted set alone, so grinding a key with a
 * matching kid (2⁴⁸ work) gains an attacker nothing. Accidental clashes among
 * the issuer's own keys are ruled out by the issuer, which refuses to create
 * a key whose kid equals that of any key it has ever published (the keys
 * service generates again).
 */
export const PASS_KID_LENGTH = 8;

export interface PassPublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof PASS_ALG;
  use: 'sig';
  /** Added when published: `pass` keys sign passes, `bundle` keys the trust bundle and checkpoint data, `audit` keys the audit log's checkpoints. */
  purpose?: 'pass' | 'bundle' | 'audit';
}

export interface PassKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** to publish in /.well-known/jwks.json */
  publicJwk: PassPublicJwk;
  /** to store on the issuing server (contains `d`); keep secret */
  privateJwk: JWK;
  kid: string;
}

export async function kidFor(publicJwk: JWK): Promise<string> {
  // The thumbprint covers only the required members (crv, kty, x), so a private JWK gives the same kid as its public half.
  const thumbprint = await calculateJwkThumbprint(publicJwk, 'sha256');
  return thumbprint.slice(0, PASS_KID_LENGTH);
}

export async function exportPassPublicJwk(key: CryptoKey | KeyObject | JWK): Promise<PassPublicJwk> {
  const jwk = isJwk(key) ? key : await exportJWK(key);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new TypeError('pass keys must be Ed25519 (kty OKP, crv Ed25519)');
  }
  // Rebuilt member by member so a private `d` can never leak into a published key.
  const pub = { kty: 'OKP', crv: 'Ed25519', x: jwk.x } as const;
  return { ...pub, kid: await kidFor(pub), alg: PASS_ALG, use: 'sig' };
}

export async function generatePassKeyPair(): Promise<PassKeyPair> {
  // jose 6 accepts both 'Ed25519' and 'EdDSA' here on Node 20 and browsers; the key is identical.
  const { privateKey, publicKey } = await generateKeyPair('Ed25519', { extractable: true });
  const publicJwk = await exportPassPublicJwk(publicKey);
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid: publicJwk.kid, alg: PASS_ALG, use: 'sig' };
  return { privateKey, publicKey, publicJwk, privateJwk, kid: publicJwk.kid };
}

/** Imports a stored private JWK (from generatePassKeyPair().privateJwk) for signPass. */
export async function importPassPrivateKey(privateJwk: JWK): Promise<CryptoKey> {
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || typeof privateJwk.d !== 'string') {
    throw new TypeError('expected a private Ed25519 JWK');
  }
  const key = await importJWK(privateJwk, PASS_ALG);
  if (key instanceof Uint8Array) throw new TypeError('expected a private Ed25519 JWK');
  return key;
}

/** The JSON Web Key Set served at /.well-known/jwks.json and synced to scanners. */
export function passJwks(publicJwks: readonly PassPublicJwk[]): { keys: PassPublicJwk[] } & JSONWebKeySet {
  return { keys: publicJwks.map((k) => ({ ...k })) };
}

function isJwk(key: unknown): key is JWK {
  return typeof key === 'object' && key !== null && 'kty' in key && typeof (key as { kty: unknown }).kty === 'string';
}
