import { CompactSign } from 'jose';
import type { CryptoKey, KeyObject } from 'jose';
import * as z from 'zod';
import { trustBundleSchema } from './bundle.js';
import type { TrustBundleInput } from './bundle.js';
import { BundleError } from './errors.js';

/** Bundles are signed like passes: Ed25519, short RFC 7638 kid (see src/core/pass/jwk.ts for generating and naming keys). */
export const BUNDLE_ALG = 'EdDSA';

/**
 * Explicit type (RFC 8725 §3.11), distinct from a pass's `kkp`: even if one
 * key ever signed both, a pass could not be taken for a bundle or the other
 * way round. Bundles are not in a QR code, so the full name costs nothing.
 */
export const BUNDLE_TYP = 'kakou-bundle+jwt';

// A type alias, not an interface, so it is assignable to jose's header type (which has an index signature).
export type BundleHeader = {
  alg: typeof BUNDLE_ALG;
  kid: string;
  typ: typeof BUNDLE_TYP;
};

export interface SignBundleOptions {
  privateKey: CryptoKey | KeyObject;
  /** kid of the bundle-signing key (kidFor in src/core/pass/jwk.ts) */
  kid: string;
}

/**
 * Validates the payload with the verifier's schema and signs it as a compact
 * JWS. Throws BundleError('claims_invalid') for a payload no scanner would
 * accept: publishing happens on the server, where a loud failure is right.
 */
export async function signBundle(payload: TrustBundleInput, options: SignBundleOptions): Promise<string> {
  if (typeof options.kid !== 'string' || options.kid.length === 0) throw new TypeError('kid is required');
  const parsed = trustBundleSchema.safeParse(payload);
  if (!parsed.success) throw new BundleError('claims_invalid', z.prettifyError(parsed.error));
  const header: BundleHeader = { alg: BUNDLE_ALG, kid: options.kid, typ: BUNDLE_TYP };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(parsed.data))).setProtectedHeader(header).sign(options.privateKey);
}
