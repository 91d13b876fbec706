import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressAllowed, bareHost, type TargetPolicy } from './address-policy.js';

/** One HTTP POST of a delivery, as the worker asks for it. */
export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}
/** What came back: the status of an answer (any status: the worker judges it). A failure to get one throws. */
export interface OutboundResponse {
  status: number;
}
/** Sends one delivery. Injected, so tests can replace the network; the real one is `httpSender`. */
export type WebhookSender = (request: OutboundRequest) => Promise<OutboundResponse>;

/** Refused before any byte left: the target is not a public address. */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'EKAKOU_BLOCKED_ADDRESS';
}

/** Enough of an answer to finish reading it; the body is never stored or logged. */
const MAX_RESPONSE_BYTES = 64 * 1024;

type Resolve = (hostname: string, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;
const systemResolve: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true, verbatim: true }, callback);

/**
 * A connection-time resolver that refuses the connection unless every address
 * the name resolves to is allowed. Checking at connect time (not before) means
 * the address checked is the address used: no window for DNS rebinding.
 */
export function guardedLookup(policy: TargetPolicy, resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
      if (wanted.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if (!wanted.every((a) => addressAllowed(a.address, policy))) return callback(new BlockedAddressError(`${hostname} resolves to a non-public address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, wanted);
      callback(null, wanted[0]!.address, wanted[0]!.family);
    });
  };
}

/**
 * The real sender: one POST with node:http(s), no redirect followed (a 3xx is
 * an answer like any other, and not a success), no proxy, no keep-alive, an
 * overall deadline, and the target's addresses checked at connect time.
 */
export function httpSender(policy: TargetPolicy, resolve?: Resolve): WebhookSender {
  const lookup = guardedLookup(policy, resolve);
  return (req) =>
    new Promise<OutboundResponse>((done, fail) => {
      const url = new URL(req.url);
      const host = bareHost(url);
      // Node skips the lookup for an IP literal: check it here.
      if (isIP(host) !== 0 && !addressAllowed(host, policy)) return fail(new BlockedAddressError(`${host} is not a public address`));
      if (url.protocol === 'http:' && !policy.allowHttpLoopback) return fail(new BlockedAddressError('plain http is not allowed'));
      const options: RequestOptions = {
        method: 'POST',
        headers: { ...req.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(req.body)), 'user-agent': 'Kakou-Webhooks/1' },
        lookup,
        agent: false,
        signal: AbortSignal.timeout(req.timeoutMs),
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const r = send(url, options, (res) => {
        let seen = 0;
        res.on('data', (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('close', () => done({ status: res.statusCode ?? 0 }));
        res.on('error', () => done({ status: res.statusCode ?? 0 }));
      });
      // The deadline aborts the request; say so plainly rather than "The operation was aborted".
      r.on('error', (err: Error) => fail(err.name === 'AbortError' ? Object.assign(new Error(`no answer within ${req.timeoutMs} ms`), { name: 'TimeoutError', code: 'ETIMEDOUT' }) : err));
      r.end(req.body);
    });
}

/** A short, fixed description of a failure for the delivery log: never a response body, never a secret. */
export function describeFailure(err: unknown): string {
  if (err instanceof BlockedAddressError) return 'refused: not a public address';
  const e = err as { name?: string; code?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.code === 'ABORT_ERR') return 'timeout';
  if (typeof e?.code === 'string' && /^[A-Z0-9_]{2,40}$/.test(e.code)) return `network: ${e.code}`;
  return 'network error';
}
