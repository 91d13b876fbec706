import { signDeviceRequest, type DeviceRequestHeaders, type DevicePublicJwk } from '../../src/core/device/index.js';
import type { EnrollResponse } from '../../src/server/features/devices/schema.js';
import type { TestContext } from './app.js';
import type { App } from '../../src/server/app.js';

type InjectResponse = Awaited<ReturnType<App['inject']>>;

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Enrollment is limited per client address: every simulated device comes from its own. */
let nextAddress = 0;
export const freshAddress = () => {
  nextAddress += 1;
  return `10.77.${Math.floor(nextAddress / 250) % 250}.${(nextAddress % 250) + 1}`;
};

/**
 * What the scanner does first, with Web Crypto exactly as in a browser: a
 * non-extractable ECDSA P-256 key pair, and the public half exported as a JWK.
 */
export async function browserKeyPair(): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: DevicePublicJwk }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  if (pair.privateKey.extractable) throw new Error('the private key must not be extractable');
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } };
}

/** POST /api/v1/devices/enroll as the scanner sends it. */
export function enrollRequest(ctx: TestContext, body: unknown, remoteAddress = freshAddress()): Promise<InjectResponse> {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/devices/enroll',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
    remoteAddress,
  });
}

export interface DeviceRequestOptions {
  /** signing time (epoch ms or Date); defaults to now */
  now?: Date | number;
  /** a fixed nonce (to test replays) */
  nonce?: string;
  /** extra headers (e.g. if-none-match, a cookie) */
  headers?: Record<string, string>;
  /** send these bytes instead of the ones signed (to test tampering) */
  sendPayload?: string;
  /** send without any signature headers */
  unsigned?: boolean;
}

export interface SimulatedDevice {
  id: string;
  checkpointId: number;
  publicJwk: DevicePublicJwk;
  privateKey: CryptoKey;
  enrollment: EnrollResponse;
  remoteAddress: string;
  /** The signature headers and the exact body bytes for a request. */
  sign(method: Method, url: string, body?: unknown, opts?: Pick<DeviceRequestOptions, 'now' | 'nonce'>): Promise<{ headers: DeviceRequestHeaders; payload: string | undefined }>;
  /** Sends exactly what was given: for replaying a captured request. */
  send(method: Method, url: string, payload: string | undefined, headers: Record<string, string>): Promise<InjectResponse>;
  /** A signed request, as the scanner makes it: body serialised once, those bytes signed and sent. */
  request(method: Method, url: string, body?: unknown, opts?: DeviceRequestOptions): Promise<InjectResponse>;
}

/**
 * Enrolls a fresh device at `checkpointId` through the real API: the bureau
 * makes a code (through the service, as the admin page does), the "device"
 * makes its key with Web Crypto and enrolls with the code, and every later
 * request is signed with src/core/device's signDeviceRequest.
 */
export async function simulateDevice(ctx: TestContext, checkpointId: number, opts: { label?: string; appVersion?: string } = {}): Promise<SimulatedDevice> {
  const code = await ctx.app.services.devices.createEnrollmentCode(null, checkpointId, null);
  const keys = await browserKeyPair();
  const remoteAddress = freshAddress();
  const res = await enrollRequest(ctx, { code: code.code, publicJwk: keys.publicJwk, appVersion: opts.appVersion ?? '1.0.0-test', ...(opts.label ? { label: opts.label } : {}) }, remoteAddress);
  if (res.statusCode !== 201) throw new Error(`enrollment failed: ${res.statusCode} ${res.body}`);
  const enrollment = res.json() as EnrollResponse;

  const device: SimulatedDevice = {
    id: enrollment.deviceId,
    checkpointId: enrollment.checkpoint.id,
    publicJwk: keys.publicJwk,
    privateKey: keys.privateKey,
    enrollment,
    remoteAddress,
    async sign(method, url, body, o = {}) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers = await signDeviceRequest({
        method, path: url, body: payload, deviceId: enrollment.deviceId, privateKey: keys.privateKey,
        ...(o.now !== undefined ? { now: o.now } : {}), ...(o.nonce !== undefined ? { nonce: o.nonce } : {}),
      });
      return { headers, payload };
    },
    send(method, url, payload, headers) {
      return ctx.app.inject({
        method,
        url,
        headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(payload !== undefined ? { payload } : {}),
        remoteAddress,
      });
    },
    async request(method, url, body, o = {}) {
      if (o.unsigned) {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        return device.send(method, url, payload, o.headers ?? {});
      }
      const { headers, payload } = await device.sign(method, url, body, o);
      return device.send(method, url, o.sendPayload ?? payload, { ...headers, ...(o.headers ?? {}) });
    },
  };
  return device;
}
