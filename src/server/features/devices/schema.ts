import { z } from 'zod';
import { checkpointInfoResponseSchema } from '../../../core/sync/enroll.js';
import { idSchema } from '../../ids.js';
import { freeText } from '../../free-text.js';

export const deviceStatusSchema = z.enum(['active', 'revoked']);
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

/** A device as the bureau sees it. */
export const deviceSchema = z
  .object({
    id: z.string(),
    checkpointId: z.number().int(),
    checkpointName: z.string(),
    label: z.string().nullable(),
    status: deviceStatusSchema,
    enrolledAt: z.string(),
    lastSeenAt: z.string().nullable().describe('last authenticated request'),
    appVersion: z.string().nullable().describe('as last reported by the device'),
    queueLength: z.number().int().nullable().describe('events waiting on the device to be uploaded, as last reported'),
    bundleAgeSec: z.number().int().nullable().describe('age of the trust bundle the device decides with, as last reported'),
    reportedAt: z.string().nullable().describe('when the device last reported the three values above'),
    revokedAt: z.string().nullable(),
    revokeReason: z.string().nullable(),
  })
  .meta({ id: 'Device' });
export type Device = z.infer<typeof deviceSchema>;

export const deviceListQuerySchema = z.object({
  checkpointId: idSchema.optional(),
  status: z.enum(['active', 'revoked', 'all']).default('all'),
});
export type DeviceListQuery = z.infer<typeof deviceListQuerySchema>;

export const revokeBodySchema = z.object({ reason: freeText(z.string().trim().min(2).max(200)) });

/**
 * The public key as sent at enrollment. Checked again with the core's
 * devicePublicJwkSchema (canonical coordinates, no private member) and by
 * importing it (the point must be on the curve) before anything is stored.
 */
export const enrollJwkSchema = z
  .looseObject({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().max(64),
    y: z.string().max(64),
  })
  .describe('ECDSA P-256 public key (JWK) of a key pair the device generated as non-extractable');

export const enrollBodySchema = z.object({
  code: z.string().max(64).describe('enrollment code as shown or read from the QR, e.g. K7QM-3XBD-9F2H-TWCN'),
  publicJwk: enrollJwkSchema,
  appVersion: z.string().trim().min(1).max(40).optional(),
  label: freeText(z.string().trim().min(1).max(60)).optional().describe('a name for the device, e.g. 入城 2 号机'),
});
export type EnrollBody = z.infer<typeof enrollBodySchema>;




export const enrollmentCodeResponseSchema = z.object({
  code: z.string().describe('shown once: 16 characters in 4 groups; single use'),
  qrText: z.string().describe('KKENROLL:<base url>:<code>'),
  checkpointId: z.number().int(),
  expiresAt: z.string(),
  maxAttempts: z.number().int(),
});
export type EnrollmentCodeResponse = z.infer<typeof enrollmentCodeResponseSchema>;

// The heartbeat body and answer are the sync contract: src/core/sync/heartbeat.ts.

export const selfResponseSchema = z.object({
  deviceId: z.string(),
  checkpoint: checkpointInfoResponseSchema,
  serverTime: z.string(),
});


export { checkpointInfoResponseSchema, enrollResponseSchema, checkpointDataResponseSchema } from '../../../core/sync/enroll.js';
export type { EnrollResponse } from '../../../core/sync/enroll.js';
