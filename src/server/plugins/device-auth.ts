import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { PassThrough, type Readable } from 'node:stream';
import { DEFAULT_MAX_SKEW_MS, readDeviceId, verifyDeviceRequest } from '../../core/device/index.js';
import { Problem } from '../problem.js';
import { admitsDevice, claimsDevice } from './access.js';

/** Signed requests more than this far from server time are refused (the core's default: 5 minutes). */
export const DEVICE_MAX_SKEW_MS = DEFAULT_MAX_SKEW_MS;
/**
 * A nonce is kept until no request carrying it could pass the clock check any
 * more: its timestamp + the skew window, doubled for margin as the core advises.
 */
export const NONCE_RETENTION_MS = 2 * DEVICE_MAX_SKEW_MS;
const PURGE_EVERY_MS = 60_000;

// Fastify's bodyless methods: it never parses a body for them, so none is signed either.
const BODYLESS = new Set(['GET', 'HEAD', 'TRACE']);
const EMPTY = Buffer.alloc(0);

/** Why a device request was refused; the problem `detail` is the catalogue key `device.auth.<reason>`. */
export type DeviceAuthRefusal = 'missing_headers' | 'malformed' | 'bad_signature' | 'unknown_device' | 'replayed';

const refuse = (reason: DeviceAuthRefusal) => new Problem('device_auth_failed', { detail: `device.auth.${reason}` });

/**
 * Authenticates checkpoint devices. On a route whose policy admits devices,
 * a request that carries the `x-kakou-*` signature headers is judged as a
 * device's and nothing else:
 *
 * 1. the raw body is read as received (before any parsing) and handed on
 *    unchanged to the body parser;
 * 2. verifyDeviceRequest checks method, raw request target (`request.url`,
 *    query included), timestamp, nonce and body hash against the device's
 *    enrolled public key — a stale timestamp is `device_clock_skew`;
 * 3. a revoked device is `device_revoked` (only once its signature held, so
 *    nobody learns a device's state from its id alone);
 * 4. the nonce goes into `device_nonces`; one seen before is a replay;
 * 5. `request.device` is set, `last_seen_at` updated, and any session cookie
 *    the request came with is ignored (`request.actor` = null), so a
 *    device request is never also a user's — which is what makes skipping
 *    the CSRF check for it safe.
 *
 * All refusals are 401. Elsewhere the headers mean nothing: a device has no
 * session, so portal and admin routes refuse it like any anonymous caller.
 */
export default fp(
  async (app) => {
    const { repos } = app;
    const purge = () => repos.devices.purgeNonces(Date.now());
    await purge();
    app.jobs.every('devices.purge-nonces', PURGE_EVERY_MS, purge);

    app.decorateRequest('device', null);

    async function authenticate(request: FastifyRequest, body: Buffer): Promise<void> {
      const now = Date.now();
      const claimedId = readDeviceId(request.headers);
      const record = claimedId ? await repos.devices.forAuth(claimedId) : undefined;
      const result = await verifyDeviceRequest({
        method: request.method,
        path: request.url,
        body,
        headers: request.headers,
        // An unknown device still goes through the header and clock checks, with a key that verifies nothing.
        publicJwk: record?.publicJwk ?? {},
        now,
        maxSkewMs: DEVICE_MAX_SKEW_MS,
      });
      if (!result.ok) {
        request.log.info({ device: claimedId, reason: result.reason, detail: result.detail }, 'device request refused');
        if (result.reason === 'stale') throw new Problem('device_clock_skew', { detail: 'device.auth.stale' });
        if (result.reason === 'missing_headers' || result.reason === 'malformed') throw refuse(result.reason);
        throw refuse(record ? 'bad_signature' : 'unknown_device');
      }
      if (!record) throw refuse('unknown_device');
      if (record.revoked) {
        request.log.info({ device: record.id }, 'revoked device refused');
        throw new Problem('device_revoked');
      }
      if (!(await repos.devices.useNonce(record.id, result.nonce, result.timestamp + NONCE_RETENTION_MS))) {
        request.log.warn({ device: record.id }, 'device request replayed');
        throw refuse('replayed');
      }
      await repos.devices.touch(record.id, new Date(now).toISOString(), request.ip);
      request.device = { id: record.id, checkpointId: record.checkpointId, publicJwk: record.publicJwk };
      // A device request is the device's alone, whatever cookies the browser it runs in sent along.
      request.actor = null;
      request.sessionTokenHash = null;
    }

    app.addHook('preParsing', async (request, _reply, payload) => {
      if (!admitsDevice(request.routeOptions.config.access) || !claimsDevice(request)) return payload;
      if (BODYLESS.has(request.method)) {
        await authenticate(request, EMPTY);
        return payload;
      }
      const body = await readAll(payload, request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024);
      await authenticate(request, body);
      // The parser gets exactly the bytes that were verified.
      const replay = new PassThrough();
      (replay as PassThrough & { receivedEncodedLength: number }).receivedEncodedLength = body.length;
      replay.end(body);
      return replay;
    });
  },
  { name: 'kakou-device-auth', dependencies: ['kakou-session'] },
);

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > limit) throw new Problem('payload_too_large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
