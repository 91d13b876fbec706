import { base64url } from 'jose';

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS). Signer and verifier must hash
 * the same bytes although the event travels as ordinary JSON, stored and
 * re-serialised by software that orders keys as it likes; JCS fixes one
 * spelling per value. Written here, not taken from a package, because it is
 * small and every line matters to signatures.
 *
 * Throws TypeError for values JSON cannot carry the same way on both ends:
 * NaN and ±Infinity, lone surrogates (not I-JSON, RFC 7493), bigint,
 * functions, symbols, and objects other than plain objects and arrays (a
 * Date would serialise through toJSON on one side and arrive as a string on
 * the other). Object members whose value is `undefined` are left out, as
 * JSON.stringify leaves them out of what is sent, so signer and verifier agree.
 */
export function canonicalize(value: unknown): string {
  return serialize(value, new Set());
}

function serialize(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // ECMAScript Number::toString is exactly what RFC 8785 §3.2.2.3 prescribes (1e+21, 0.000001, -0 → 0).
      if (!Number.isFinite(value)) throw new TypeError(`JCS: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'string':
      // Most strings have no surrogate at all; the lookaround pattern runs only on those that do.
      if (SURROGATE.test(value) && LONE_SURROGATE.test(value)) throw new TypeError('JCS: string contains a lone surrogate');
      // JSON.stringify escapes exactly what RFC 8785 §3.2.2.2 asks: " \ and controls (\b \t \n \f \r, else \u00xx lower-case), nothing else.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`JCS: cannot serialise a ${typeof value}`);
  }
  if (value === null) return 'null';
  if (seen.has(value)) throw new TypeError('JCS: circular structure');
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      let out = '[';
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        // JSON.stringify would write null; a signature over an array hole is almost surely a bug.
        if (item === undefined) throw new TypeError('JCS: undefined array element');
        out += (i === 0 ? '' : ',') + serialize(item, seen);
      }
      return `${out}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new TypeError('JCS: only plain objects and arrays');
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 requires (not code points, not locale).
    const keys = Object.keys(record).sort();
    let out = '{';
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      out += `${out.length === 1 ? '' : ','}${serialize(key, seen)}:${serialize(member, seen)}`;
    }
    return `${out}}`;
  } finally {
    seen.delete(value);
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The signed and hashed form of an event: JCS of everything but `sig`.
 * Leaving `sig` out lets the hash chain be computed before signing and keeps
 * ECDSA's malleable signature bytes out of the chain.
 */
export function canonicalEvent(event: object): string {
  const { sig: _sig, ...rest } = event as Record<string, unknown>;
  return canonicalize(rest);
}

export async function sha256Base64url(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64url.encode(new Uint8Array(digest));
}

/** base64url(SHA-256(UTF-8(canonicalEvent(event)))): the next event's `prevHash`. */
export async function eventHash(event: object): Promise<string> {
  return sha256Base64url(canonicalEvent(event));
}
