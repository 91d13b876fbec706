import { base64url, importJWK } from 'jose';
import type { JWK } from 'jose';
import { duplicateMember } from './duplicate-member.js';

/**
 * The compact-JWS checks that passes, trust bundles and checkpoint data share
 * (RFC 7515 compact serialization, Ed25519 only). Pure: jose and Web Crypto,
 * no node:*, so it bundles for the scanner's browser. Failures are reported
 * as a `step` with the offending value; each caller maps them to its own
 * error codes and texts.
 */

/** The only algorithm any Kakou token is signed with. */
export const JWS_ALG = 'EdDSA';

// The signature may be empty here so that an unsigned (`alg: none`) token is reported as such, not as malformed.
export const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface VerifyCompactJwsOptions {
  /** The expected `typ` header. */
  typ: string;
  /** Trusted public keys. Keys are looked up here only, never from the token. */
  keys: unknown;
  /**
   * Also refuse a `b64` header that is not named in `crit`. jose ignores such
   * a header, but a format that never uses it may as well say so.
   */
  refuseB64?: boolean;
  /**
   * What the token is: a key published with a different `purpose` member
   * (docs/pass-format.md, section 4) is never a candidate, so a bundle key
   * cannot vouch for a pass even when both key sets are loaded together.
   */
  purpose?: KeyPurpose;
}

/** The `purpose` member Kakou adds to each published JWK: which kind of token the key signs. */
export type KeyPurpose = 'pass' | 'bundle' | 'audit';

export type CompactJwsFailure =
  /** not three base64url parts */
  | { ok: false; step: 'shape' }
  /** a part has spare bits set or is not base64url at all */
  | { ok: false; step: 'encoding' }
  /** the header is not a JSON object */
  | { ok: false; step: 'header' }
  | { ok: false; step: 'alg'; alg: unknown }
  | { ok: false; step: 'typ'; typ: unknown }
  /** a `crit` header (or, with `refuseB64`, a `b64` one) */
  | { ok: false; step: 'crit'; crit: unknown }
  /** no usable `kid` in the header */
  | { ok: false; step: 'kid' }
  /** no trusted key has this kid */
  | { ok: false; step: 'unknown_kid'; kid: string }
  /** no trusted key with this kid verifies the signature */
  | { ok: false; step: 'signature'; kid: string };

export type CompactJwsResult = { ok: true; kid: string; header: Record<string, unknown>; payload: Uint8Array } | CompactJwsFailure;

/**
 * Verifies a compact JWS, in this order: shape, canonical base64url, header
 * (a JSON object, `alg` EdDSA, the expected `typ`, no `crit`, a `kid`), a key
 * with that kid in the trusted set, the Ed25519 signature. The payload is
 * returned only once the signature holds; nothing in it has been looked at.
 * May throw only on an unexpected failure; callers turn that into their own
 * "malformed".
 */
export async function verifyCompactJws(jws: string, options: VerifyCompactJwsOptions): Promise<CompactJwsResult> {
  if (!JWS_SHAPE.test(jws)) return { ok: false, step: 'shape' };
  // Stryker disable next-line StringLiteral: the defaults never apply, JWS_SHAPE above guarantees three parts
  const [encHeader = '', encPayload = '', encSignature = ''] = jws.split('.');
  // A lenient base64url decoder ignores the spare low bits of the last
  // character, so one signature would have several spellings that all verify.
  // Requiring the canonical spelling makes the token string itself unique.
  // Each part is decoded once here and its bytes used below.
  const headerBytes = canonicalBase64urlBytes(encHeader);
  const payload = canonicalBase64urlBytes(encPayload);
  const signature = canonicalBase64urlBytes(encSignature);
  if (!headerBytes || !payload || !signature) return { ok: false, step: 'encoding' };

  // Header: unverified, used only to refuse and to pick a trusted key.
  const header = parseJsonObjectBytes(headerBytes);
  if (!header) return { ok: false, step: 'header' };
  if (header.alg !== JWS_ALG) return { ok: false, step: 'alg', alg: header.alg };
  if (header.typ !== options.typ) return { ok: false, step: 'typ', typ: header.typ };
  // No extension is understood, so any `crit` must be refused (RFC 7515 §4.1.11). jose would refuse most too;
  // checking here gives a clear code and also covers `b64`, which jose does understand.
  if (header.crit !== undefined || (options.refuseB64 === true && header.b64 !== undefined)) return { ok: false, step: 'crit', crit: header.crit };
  const kid = header.kid;
  if (typeof kid !== 'string' || kid.length === 0) return { ok: false, step: 'kid' };

  const candidates = trustedKeysFor(options.keys, kid, options.purpose);
  if (candidates.length === 0) return { ok: false, step: 'unknown_kid', kid };

  // Everything jose's compactVerify would check before the signature is checked above (alg pinned to
  // EdDSA, no crit, so b64 is ignored and the payload is base64url), so the signature goes straight to
  // WebCrypto over the ASCII signing input (RFC 7515 §5.2).
  const signingInput = ascii(jws, encHeader.length + 1 + encPayload.length);
  for (const jwk of candidates) {
    const key = await importVerifyKey(jwk);
    if (!key) continue; // a broken entry in the key set must not hide a good one with the same kid
    try {
      if (await crypto.subtle.verify(ED25519, key, signature, signingInput)) return { ok: true, kid, header, payload };
    } catch {
      // try the next candidate
    }
  }
  return { ok: false, step: 'signature', kid };
}

const ED25519 = { name: 'Ed25519' } as const;

/** The first `length` characters of a string known to be ASCII (base64url and '.'), as bytes. */
function ascii(text: string, length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Imported public keys, by the exact JWK they came from (every member, so
 * any change to a key is a different entry and a removed key is simply never
 * asked for: the candidates come from the caller's key set on every call).
 * Importing costs about as much as a verify; a checkpoint verifies with the
 * same few keys all day. Failed imports are not kept, so they fail the same
 * way each time. Bounded, oldest first out, so a caller cycling through
 * generated keys cannot grow it without end.
 */
const importedKeys = new Map<string, CryptoKey>();
const MAX_IMPORTED_KEYS = 64;

async function importVerifyKey(jwk: JWK): Promise<CryptoKey | undefined> {
  const id = JSON.stringify(jwk);
  const cached = importedKeys.get(id);
  if (cached) return cached;
  let key;
  try {
    key = await importJWK(jwk, JWS_ALG);
  } catch {
    return undefined;
  }
  if (key instanceof Uint8Array) return undefined;
  if (importedKeys.size >= MAX_IMPORTED_KEYS) importedKeys.delete(importedKeys.keys().next().value!);
  importedKeys.set(id, key);
  return key;
}

/** How many imported keys are held: for the test that proves a changed key is imported again. */
export function importedKeyCount(): number {
  return importedKeys.size;
}

/**
 * The reason codes every token format shares for these checks (a subset of
 * each format's own codes), with a detail for logs. A format maps the few it
 * names differently, e.g. a trust bundle has no `crit_unsupported`.
 */
export type CompactJwsReason = 'malformed' | 'alg_not_allowed' | 'wrong_typ' | 'crit_unsupported' | 'unknown_kid' | 'bad_signature';

export function describeJwsFailure(failure: CompactJwsFailure): { reason: CompactJwsReason; detail?: string } {
  switch (failure.step) {
    case 'shape':
      return { reason: 'malformed', detail: 'not a compact JWS' };
    case 'encoding':
      return { reason: 'malformed', detail: 'non-canonical base64url' };
    case 'header':
      return { reason: 'malformed', detail: 'header is not a JSON object' };
    case 'alg':
      return { reason: 'alg_not_allowed', detail: `alg ${show(failure.alg)}` };
    case 'typ':
      return { reason: 'wrong_typ', detail: `typ ${show(failure.typ)}` };
    case 'crit':
      return { reason: 'crit_unsupported', detail: `crit ${show(failure.crit)}` };
    case 'kid':
      return { reason: 'malformed', detail: 'kid missing' };
    case 'unknown_kid':
      return { reason: 'unknown_kid', detail: `kid ${show(failure.kid)}` };
    case 'signature':
      return { reason: 'bad_signature' };
  }
}

/**
 * Candidate keys: same kid, Ed25519 public key, meant for signatures. `alg`
 * on the JWK may be absent (RFC 7517 makes it optional) but if present must be
 * EdDSA, so a key published for another algorithm is never reused for this one;
 * likewise a `purpose` other than the one asked for.
 */
export function trustedKeysFor(jwks: unknown, kid: string, purpose?: KeyPurpose): JWK[] {
  if (!isPlainObject(jwks) || !Array.isArray(jwks.keys)) return [];
  return (jwks.keys as unknown[]).filter((k): k is JWK => {
    if (!isPlainObject(k)) return false;
    if (k.kid !== kid || k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string') return false;
    if (k.d !== undefined) return false; // private keys have no place in a trust list
    if (k.use !== undefined && k.use !== 'sig') return false;
    if (k.alg !== undefined && k.alg !== JWS_ALG) return false;
    if (k.key_ops !== undefined && !(Array.isArray(k.key_ops) && k.key_ops.includes('verify'))) return false;
    // A key marked for another purpose is not a candidate; an unmarked key (a set built by hand) still is.
    if (purpose !== undefined && k.purpose !== undefined && k.purpose !== purpose) return false;
    return true;
  });
}

export function isCanonicalBase64url(part: string): boolean {
  return canonicalBase64urlBytes(part) !== undefined;
}

/** The bytes of a base64url part, or undefined unless it is their canonical spelling. */
function canonicalBase64urlBytes(part: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const bytes = base64url.decode(part) as Uint8Array<ArrayBuffer>;
    return base64url.encode(bytes) === part ? bytes : undefined;
    // Stryker disable next-line BlockStatement: an emptied catch falls off the end, which returns undefined too
  } catch {
    return undefined;
  }
}

/** The JSON object in a base64url part, or undefined for anything else (duplicate member names included). */
export function parseJsonObject(encoded: string): Record<string, unknown> | undefined {
  try {
    return parseJsonObjectBytes(base64url.decode(encoded));
    // Stryker disable next-line BlockStatement: an emptied catch falls off the end, which returns undefined too
  } catch {
    return undefined;
  }
}

function parseJsonObjectBytes(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = parseJsonBytes(bytes);
    return isPlainObject(value) ? value : undefined;
    // Stryker disable next-line BlockStatement: an emptied catch falls off the end, which returns undefined too
  } catch {
    return undefined;
  }
}

/**
 * Strict UTF-8, then JSON with no member name twice in one object. Throws
 * (TypeError or SyntaxError) for anything else.
 */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  const text = utf8.decode(bytes);
  const value: unknown = JSON.parse(text);
  const twice = duplicateMember(text);
  if (twice !== null) throw new SyntaxError(`duplicate member ${JSON.stringify(twice)}`);
  return value;
}

/** A thrown value as short text for a result's detail. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Unverified header values end up in logs: quote them and keep them short. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'missing';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
