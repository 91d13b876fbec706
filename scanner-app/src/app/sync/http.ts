/**
 * HTTP to the Kakou server: device requests signed with the device key
 * (src/core/device/request-signature.ts), answers parsed with the sync
 * contract's zod schemas, failures turned into one typed error.
 */
import { signDeviceRequest } from '../../../../src/core/device/request-signature.js';
import type { DeviceRecord } from '../storage/schema.js';

export type FailureKind =
  /** no answer at all: offline, DNS, TLS, timeout */
  | 'network'
  /** the server answered with a problem (RFC 9457) */
  | 'problem'
  /** the answer was not what the contract says */
  | 'bad_answer';

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly kind: FailureKind,
    /** the problem's `code` (e.g. device_revoked), or the kind */
    readonly code: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
  /** Worth trying again later: the network, the server being busy or down, or a clock we can correct. */
  get transient(): boolean {
    if (this.kind === 'network') return true;
    if (this.status === null) return false;
    return this.status >= 500 || this.status === 429 || this.status === 408 || this.code === 'device_clock_skew';
  }
}

const TIMEOUT_MS = 20_000;

/**
 * Device clock minus server clock, learnt from each answer's Date header.
 * Scanners run offline for days and their clocks drift; the server refuses
 * signatures more than five minutes off, so requests are stamped with the
 * corrected time (events keep the device's own clock: that is evidence).
 */
let clockOffsetMs = 0;
export function serverNow(): number {
  return Date.now() - clockOffsetMs;
}
function learnClock(response: Response, sentAt: number): void {
  const date = response.headers.get('date');
  const server = date ? Date.parse(date) : NaN;
  if (!Number.isFinite(server)) return;
  const local = (sentAt + Date.now()) / 2;
  // Date has one-second resolution: only correct offsets the server could notice.
  if (Math.abs(local - server) > 2_000) clockOffsetMs = local - server;
}

async function send(url: string, init: RequestInit): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    return await fetch(url, { ...init, signal: controller.signal, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    throw new SyncError('network', 'network', null, error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

async function problemOf(response: Response): Promise<SyncError> {
  let code = `http_${response.status}`;
  let text = response.statusText;
  try {
    const body = (await response.json()) as { code?: unknown; title?: unknown; detail?: unknown };
    if (typeof body.code === 'string') code = body.code;
    text = [body.title, body.detail].filter((x) => typeof x === 'string').join(': ') || text;
  } catch {
    // not problem+json: keep the status line
  }
  return new SyncError('problem', code, response.status, text);
}

export interface Answer {
  status: number;
  body: unknown;
  etag: string | null;
}

/** A plain request (enrollment: the device has no identity yet). */
export async function postJson(baseUrl: string, path: string, body: unknown): Promise<Answer> {
  const response = await send(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await problemOf(response);
  return { status: response.status, body: await readJson(response), etag: response.headers.get('etag') };
}

export interface DeviceRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  ifNoneMatch?: string | null;
}

/** A signed device request. One retry after a clock-skew refusal, with the offset the refusal taught us. */
export async function deviceFetch(device: DeviceRecord, request: DeviceRequest): Promise<Answer> {
  try {
    return await deviceFetchOnce(device, request);
  } catch (error) {
    if (error instanceof SyncError && error.code === 'device_clock_skew') return deviceFetchOnce(device, request);
    throw error;
  }
}

async function deviceFetchOnce(device: DeviceRecord, request: DeviceRequest): Promise<Answer> {
  const bodyText = request.body === undefined ? undefined : JSON.stringify(request.body);
  const signature = await signDeviceRequest({
    method: request.method,
    path: request.path,
    body: bodyText,
    deviceId: device.deviceId,
    privateKey: device.privateKey,
    now: serverNow(),
  });
  const headers: Record<string, string> = { ...signature, accept: 'application/json' };
  if (bodyText !== undefined) headers['content-type'] = 'application/json';
  if (request.ifNoneMatch) headers['if-none-match'] = request.ifNoneMatch;
  const sentAt = Date.now();
  const response = await send(device.baseUrl + request.path, { method: request.method, headers, body: bodyText });
  learnClock(response, sentAt);
  if (response.status === 304) return { status: 304, body: null, etag: response.headers.get('etag') };
  if (!response.ok) throw await problemOf(response);
  return { status: response.status, body: await readJson(response), etag: response.headers.get('etag') };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new SyncError('bad_answer', 'bad_answer', response.status, 'the answer is not JSON');
  }
}
