import { base64url } from 'jose';
import { deviceIdSchema, resolveDeviceVerifyKey, signWithDeviceKey, verifyWithDeviceKey } from './keys.js';
import type { DeviceVerifyKey } from './keys.js';

/** First line of the string to sign; names the scheme so a signature made for anything else never matches. */
export const DEVICE_REQUEST_SCHEME = 'KAKOU-DEVICE-V1';

export const DEVICE_HEADER = 'x-kakou-device';
export const TIMESTAMP_HEADER = 'x-kakou-timestamp';
export const NONCE_HEADER = 'x-kakou-nonce';
export const SIGNATURE_HEADER = 'x-kakou-signature';

/**
 * Five minutes each way: scanners run offline for hours and their clocks
 * drift, but the server's nonce cache must hold every nonce for the whole
 * window (2 × maxSkewMs), so the window stays short.
 */
export const DEFAULT_MAX_SKEW_MS = 300_000;

/** 16 random bytes (128 bits): a collision between honest requests inside one window is out of reach. */
export const NONCE_BYTES = 16;
// ≥ 22 base64url characters carry ≥ 16 bytes; the upper bound only keeps cache keys small.
const NONCE_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
const TIMESTAMP_PATTERN = /^(0|[1-9][0-9]{0,15})$/;
/**
 * The request target exactly as sent (path and query, no scheme or host).
 * Printable ASCII without spaces: clients percent-encode the rest, and a
 * newline here could shift the lines of the string to sign.
 */
const PATH_PATTERN = /^\/[\x21-\x7e]*$/;
const METHOD_PATTERN = /^[A-Za-z]{1,16}$/;

export type DeviceRequestBody = string | Uint8Array | ArrayBuffer | null | undefined;

// A type alias, not an interface, so it can be passed where a header record (with an index signature) is expected, e.g. to fetch.
export type DeviceRequestHeaders = {
  'x-kakou-device': string;
  'x-kakou-timestamp': string;
  'x-kakou-nonce': string;
  'x-kakou-signature': string;
};

export interface SignDeviceRequestOptions {
  method: string;
  /** path with query, exactly as it will be sent, e.g. `/api/device/events?batch=3` */
  path: string;
  /** the exact bytes that will be sent; a string is sent as UTF-8 */
  body?: DeviceRequestBody;
  deviceId: string;
  privateKey: CryptoKey;
  /** epoch milliseconds or a Date; defaults to the current time */
  now?: Date | number;
  /** For tests only: a fixed nonce. Never reuse a nonce: the server refuses the second request. */
  nonce?: string;
}

/** Throws TypeError for input the server could never accept (bad method, path, device id or nonce). */
export async function signDeviceRequest(options: SignDeviceRequestOptions): Promise<DeviceRequestHeaders> {
  const { method, path, deviceId, privateKey } = options;
  if (!METHOD_PATTERN.test(method)) throw new TypeError('method must be an HTTP method name');
  if (!PATH_PATTERN.test(path)) throw new TypeError('path must start with / and contain only printable ASCII (percent-encode the rest)');
  if (!deviceIdSchema.safeParse(deviceId).success) throw new TypeError('invalid device id');
  const nonce = options.nonce ?? base64url.encode(crypto.getRandomValues(new Uint8Array(NONCE_BYTES)));
  if (!NONCE_PATTERN.test(nonce)) throw new TypeError('nonce must be at least 16 bytes of base64url');
  const timestamp = String(Math.floor(toMillis(options.now)));
  if (!TIMESTAMP_PATTERN.test(timestamp)) throw new TypeError('invalid time');

  const toSign = deviceRequestSigningString({ method, path, timestamp, nonce, bodyHash: await bodyHash(options.body) });
  return {
    [DEVICE_HEADER]: deviceId,
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: await signWithDeviceKey(privateKey, utf8(toSign)),
  };
}

export interface SigningStringParts {
  method: string;
  path: string;
  timestamp: string;
  nonce: string;
  /** base64url SHA-256 of the body, or '' when there is no body */
  bodyHash: string;
}

/** Exported for other implementations and for debugging a mismatch; the method is upper-cased on both sides. */
export function deviceRequestSigningString(parts: SigningStringParts): string {
  return [DEVICE_REQUEST_SCHEME, parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, parts.bodyHash].join('\n');
}

/**
 * '' for no body and for an empty one alike, so a GET sent with or without
 * `Content-Length: 0` signs the same. Hash the raw bytes on the wire, never a
 * re-serialised parse: JSON.stringify(JSON.parse(body)) need not give the
 * bytes back.
 */
export async function bodyHash(body: DeviceRequestBody): Promise<string> {
  const bytes = toBytes(body);
  if (bytes.length === 0) return '';
  return base64url.encode(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

export type DeviceRequestFailureReason = 'missing_headers' | 'stale' | 'bad_signature' | 'malformed';

export const DEVICE_REQUEST_FAILURE_TEXT: Readonly<Record<DeviceRequestFailureReason, { zh: string; en: string }>> = Object.freeze({
  missing_headers: { zh: '请求缺少设备签名头', en: 'The request lacks the device signature headers' },
  stale: { zh: '请求时间与服务器时间相差过大，请校准设备时钟', en: 'The request time is too far from server time; check the device clock' },
  bad_signature: { zh: '设备签名无效', en: 'Invalid device signature' },
  malformed: { zh: '设备签名头格式错误', en: 'Malformed device signature headers' },
});

export type VerifyDeviceRequestResult =
  | { ok: true; deviceId: string; nonce: string; timestamp: number }
  | { ok: false; reason: DeviceRequestFailureReason; detail?: string };

/** Node's IncomingHttpHeaders (lower-case keys), a plain record, or a fetch `Headers`. */
export type IncomingHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyDeviceRequestOptions {
  method: string;
  /** the raw request target as received (e.g. Fastify's `request.url`), not a decoded or normalised path */
  path: string;
  /** the raw body bytes as received */
  body?: DeviceRequestBody;
  headers: IncomingHeaders;
  /** the enrolled public key of the device named in `x-kakou-device` (see readDeviceId) */
  publicJwk: DeviceVerifyKey;
  /** epoch milliseconds or a Date; defaults to the current time */
  now?: Date | number;
  maxSkewMs?: number;
}

/**
 * Never throws. On success the caller must still refuse a nonce it has seen
 * (keep each for 2 × maxSkewMs) and a device that has been revoked: this
 * function knows neither.
 */
export async function verifyDeviceRequest(options: VerifyDeviceRequestOptions): Promise<VerifyDeviceRequestResult> {
  try {
    return await verifyUnsafe(options);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: `unexpected: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function verifyUnsafe(options: VerifyDeviceRequestOptions): Promise<VerifyDeviceRequestResult> {
  const values: Partial<Record<keyof DeviceRequestHeaders, string>> = {};
  const missing: string[] = [];
  for (const name of [DEVICE_HEADER, TIMESTAMP_HEADER, NONCE_HEADER, SIGNATURE_HEADER] as const) {
    const value = readHeader(options.headers, name);
    if (value === undefined || value === '') missing.push(name);
    else if (value === null) return { ok: false, reason: 'malformed', detail: `${name} sent more than once` };
    else values[name] = value;
  }
  if (missing.length > 0) return { ok: false, reason: 'missing_headers', detail: missing.join(', ') };
  const deviceId = values[DEVICE_HEADER] ?? '';
  const timestampText = values[TIMESTAMP_HEADER] ?? '';
  const nonce = values[NONCE_HEADER] ?? '';
  const signature = values[SIGNATURE_HEADER] ?? '';

  if (!deviceIdSchema.safeParse(deviceId).success) return { ok: false, reason: 'malformed', detail: 'device id' };
  if (!TIMESTAMP_PATTERN.test(timestampText)) return { ok: false, reason: 'malformed', detail: 'timestamp' };
  if (!NONCE_PATTERN.test(nonce)) return { ok: false, reason: 'malformed', detail: 'nonce' };
  if (typeof options.method !== 'string' || !METHOD_PATTERN.test(options.method)) return { ok: false, reason: 'malformed', detail: 'method' };
  if (typeof options.path !== 'string' || !PATH_PATTERN.test(options.path)) return { ok: false, reason: 'malformed', detail: 'path' };

  // Freshness first: a replayed old request costs no signature check.
  const timestamp = Number(timestampText);
  const now = toMillis(options.now);
  // NaN would make the comparison false and let every timestamp through.
  if (!Number.isFinite(now)) return { ok: false, reason: 'malformed', detail: 'verification time is not a valid date' };
  const maxSkew = options.maxSkewMs !== undefined && Number.isFinite(options.maxSkewMs) && options.maxSkewMs >= 0 ? options.maxSkewMs : DEFAULT_MAX_SKEW_MS;
  if (Math.abs(now - timestamp) > maxSkew) {
    return { ok: false, reason: 'stale', detail: `timestamp ${timestamp}, server time ${now}` };
  }

  const key = await resolveDeviceVerifyKey(options.publicJwk);
  // A key that cannot be imported is the server's problem, but it must still refuse the request.
  if (!key) return { ok: false, reason: 'bad_signature', detail: 'enrolled key unusable' };
  const toSign = deviceRequestSigningString({ method: options.method, path: options.path, timestamp: timestampText, nonce, bodyHash: await bodyHash(options.body) });
  if (!(await verifyWithDeviceKey(key, signature, utf8(toSign)))) return { ok: false, reason: 'bad_signature' };
  return { ok: true, deviceId, nonce, timestamp };
}

/**
 * The device id claimed by a request, to look up its enrolled key before
 * verifying. Unauthenticated until verifyDeviceRequest succeeds.
 */
export function readDeviceId(headers: IncomingHeaders): string | undefined {
  const value = readHeader(headers, DEVICE_HEADER);
  return typeof value === 'string' && deviceIdSchema.safeParse(value).success ? value : undefined;
}

/** undefined = absent; null = sent more than once (ambiguous, so refused). */
function readHeader(headers: IncomingHeaders, name: string): string | null | undefined {
  if (typeof (headers as Headers).get === 'function') {
    const value = (headers as Headers).get(name);
    // fetch's Headers joins repeated fields with ", "; none of our values may contain a comma.
    if (value === null) return undefined;
    return value.includes(',') ? null : value;
  }
  // Node joins a repeated unknown header with ", " too, so the comma check applies here as well.
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let found: string | null | undefined;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== name) continue;
    const value = record[key];
    if (value === undefined) continue;
    if (found !== undefined || typeof value !== 'string') return null;
    found = value;
  }
  return typeof found === 'string' && found.includes(',') ? null : found;
}

function toBytes(body: DeviceRequestBody): Uint8Array<ArrayBuffer> {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === 'string') return utf8(body);
  // Copied so a view over a shared or larger buffer hashes exactly its own bytes.
  return body instanceof ArrayBuffer ? new Uint8Array(body.slice(0)) : new Uint8Array(body);
}

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

function toMillis(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return now instanceof Date ? now.getTime() : now;
}
