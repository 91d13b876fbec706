import * as z from 'zod';
import { checkpointDirectionSchema, checkpointStatusSchema } from '../device/checkpoint-data.js';

/** What enrollment and `GET /api/v1/devices/me` say about the device's checkpoint. */
export const checkpointInfoResponseSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    location: z.string(),
    regionCode: z.string(),
    direction: checkpointDirectionSchema,
    status: checkpointStatusSchema,
  })
  .meta({ id: 'CheckpointInfo' });

const bundleKeySchema = z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string(), purpose: z.enum(['pass', 'bundle']).describe('always bundle here') });

/** POST /api/v1/devices/enroll (201) */
export const enrollResponseSchema = z.object({
  deviceId: z.string().describe('send in x-kakou-device with every signed request'),
  checkpoint: checkpointInfoResponseSchema,
  bundleKeys: z
    .object({ keys: z.array(bundleKeySchema) })
    .describe('public keys that sign the trust bundle and the checkpoint data: pin them'),
  serverTime: z.string().describe('server time (ISO), to check the device clock against: signed requests are refused 5 minutes off'),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

/** GET /api/v1/devices/checkpoint-data */
export const checkpointDataResponseSchema = z
  .object({
    data: z
      .string()
      .describe('compact JWS, typ kakou-checkpoint+jwt, EdDSA by a bundle key: verify with verifyCheckpointData (src/core/device/checkpoint-data.ts) before reading it'),
    etag: z.string().describe('Same as the ETag header; send it back as If-None-Match'),
  })
  .meta({ id: 'CheckpointDataResponse' });
