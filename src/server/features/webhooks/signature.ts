import { createHmac, randomBytes } from 'node:crypto';

/**
 * The signature scheme, exactly as docs/webhooks.md tells receivers to check it:
 * HMAC-SHA256, keyed with the secret's text (UTF-8 bytes, `whsec_` prefix
 * included), over `<timestamp>.<body>` where timestamp is the decimal Unix time
 * in seconds sent in x-kakou-timestamp and body the raw request body bytes;
 * sent as `v1=<lowercase hex>`. Signing the timestamp lets a receiver refuse
 * replays outside a window.
 */
export const SIGNATURE_VERSION = 'v1';

/** `whsec_` + 32 random bytes, base64url: recognisable as a secret by leak scanners. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The last four characters, to tell secrets apart on a page without revealing one. */
export const secretHint = (secret: string) => `…${secret.slice(-4)}`;

export function sign(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `${SIGNATURE_VERSION}=${mac}`;
}

/** The headers of one delivery attempt (content-type and user-agent are the sender's). */
export function signedHeaders(opts: { secret: string; type: string; deliveryId: string; body: string; now: Date }): Record<string, string> {
  const timestamp = Math.floor(opts.now.getTime() / 1000);
  return {
    'x-kakou-event': opts.type,
    'x-kakou-delivery': opts.deliveryId,
    'x-kakou-timestamp': String(timestamp),
    'x-kakou-signature': sign(opts.secret, timestamp, opts.body),
  };
}
