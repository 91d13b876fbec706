import * as z from 'zod';

/** POST /api/v1/devices/heartbeat: how the scanner is doing. */
export const heartbeatBodySchema = z.object({
  appVersion: z.string().trim().min(1).max(40).optional(),
  queueLength: z.number().int().min(0).max(100_000_000),
  bundleAgeSec: z.number().int().min(0).max(10 * 365 * 86_400).nullable().describe('null when the device has no bundle yet'),
});
export type HeartbeatBody = z.infer<typeof heartbeatBodySchema>;

export const heartbeatResponseSchema = z.object({ serverTime: z.string() });
export type HeartbeatResponse = z.infer<typeof heartbeatResponseSchema>;
