import * as z from 'zod';

/**
 * GET /api/v1/devices/escort-requests: the escort requests of the calling
 * device's checkpoint from the last 48 hours, so the scanner's waiting list
 * can show that the enterprise has sent someone (and whom) once it syncs.
 * Keyed by the check event the device itself recorded; nothing else of the
 * enterprise is sent (a phone only as its last four, as the handover records it).
 */
export const ESCORT_REQUEST_STATUSES = ['open', 'dispatched', 'in_transit', 'arrived', 'closed'] as const;
export type EscortRequestStatus = (typeof ESCORT_REQUEST_STATUSES)[number];

/** How far back the device list reaches: a vehicle waits hours, never days. */
export const DEVICE_ESCORT_WINDOW_SEC = 48 * 3600;

export const deviceEscortSchema = z.object({
  name: z.string(),
  phoneLast4: z.string().regex(/^[0-9]{4}$/).nullable(),
  /** ISO 8601, when the enterprise says the escort set off */
  dispatchedAt: z.string(),
});
export type DeviceEscort = z.infer<typeof deviceEscortSchema>;

export const deviceEscortRequestSchema = z.object({
  checkEventId: z.string(),
  status: z.enum(ESCORT_REQUEST_STATUSES),
  escort: deviceEscortSchema.nullable(),
});
export type DeviceEscortRequest = z.infer<typeof deviceEscortRequestSchema>;

export const deviceEscortRequestsResponseSchema = z.object({ items: z.array(deviceEscortRequestSchema) });
export type DeviceEscortRequestsResponse = z.infer<typeof deviceEscortRequestsResponseSchema>;
