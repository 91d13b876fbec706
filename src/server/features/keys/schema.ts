import { z } from 'zod';
import { PASS_KID_LENGTH } from '../../../core/pass/index.js';

/** 'pass' keys sign passes; 'bundle' keys sign the scanners' trust bundle; 'audit' keys sign audit-log checkpoints (docs/audit-log.md). */
export const keyPurposeSchema = z.enum(['pass', 'bundle', 'audit']);
export type KeyPurpose = z.infer<typeof keyPurposeSchema>;

/** next: published, not signing yet; active: signs (one per purpose); retired: published while what it signed is valid. */
export const keyStateSchema = z.enum(['next', 'active', 'retired']);
export type KeyState = z.infer<typeof keyStateSchema>;

/** A public Ed25519 key exactly as published: these members and no others (never `d`). */
export const publicJwkSchema = z
  .strictObject({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string(),
    kid: z.string().describe(`Prefix of the RFC 7638 SHA-256 thumbprint (${PASS_KID_LENGTH} characters)`),
    alg: z.literal('EdDSA'),
    use: z.literal('sig'),
    purpose: keyPurposeSchema.describe('pass: verifies passes (and only passes); bundle: verifies the trust bundle and checkpoint data. A pass verifier must use only pass keys'),
  })
  .meta({ id: 'PublicJwk' });

export const jwksSchema = z
  .object({ keys: z.array(publicJwkSchema) })
  .meta({ id: 'Jwks', description: 'Keys that verify passes and trust bundles: next, active, and retired ones whose signatures are still valid' });

export const keyInfoSchema = z
  .object({
    kid: z.string(),
    purpose: keyPurposeSchema,
    state: keyStateSchema,
    createdAt: z.string(),
    activatedAt: z.string().nullable(),
    retiredAt: z.string().nullable(),
    lastExp: z.number().int().nullable().describe('Latest expiry (epoch seconds) of anything the key signed'),
    published: z.boolean().describe('Whether /.well-known/jwks.json lists the key now'),
    publishedUntil: z.string().nullable().describe('For a retired key still published: when it drops out of the key set'),
    publicJwk: publicJwkSchema,
  })
  .meta({ id: 'SigningKey' });
export type KeyInfo = z.infer<typeof keyInfoSchema>;

export const purposeBodySchema = z.object({ purpose: keyPurposeSchema.default('pass') });

export const promotedSchema = z.object({ active: keyInfoSchema, retired: keyInfoSchema.nullable() });
