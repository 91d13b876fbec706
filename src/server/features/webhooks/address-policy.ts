import { BlockList, isIP } from 'node:net';

/**
 * Where the server may send a webhook (SSRF defence). A webhook makes the
 * server open a connection to an address an enterprise user chose, from
 * inside the bureau's network: it must never reach the server itself, the
 * LAN, cloud metadata (169.254.169.254) or any other non-public address.
 * Checked on the URL when it is saved and, authoritatively, on every address
 * the name resolves to at the moment of sending (sender.ts), so a DNS record
 * changed after saving (rebinding) gains nothing.
 */

/** Special-purpose ranges (IANA registries) that are never a public receiver. */
const NON_PUBLIC_V4: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const NON_PUBLIC_V6: ReadonlyArray<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::ffff:0:0', 96], // IPv4-mapped: would smuggle any v4 address, checked above or not
  ['64:ff9b::', 96], // NAT64 (embeds a v4 address)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds a v4 address)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
];

// One list per family: a BlockList compares IPv4 addresses with IPv6 rules through their mapped form, so
// the ::ffff:0:0/96 rule would refuse every IPv4 address if both families shared a list.
const listOf = (rules: ReadonlyArray<[string, number]>, type: 'ipv4' | 'ipv6') => {
  const list = new BlockList();
  for (const [a, p] of rules) list.addSubnet(a, p, type);
  return list;
};
const blocked = { 4: listOf(NON_PUBLIC_V4, 'ipv4'), 6: listOf(NON_PUBLIC_V6, 'ipv6') } as const;
const loopback = { 4: listOf([['127.0.0.0', 8]], 'ipv4'), 6: listOf([['::1', 128]], 'ipv6') } as const;

export type AddressVerdict = 'public' | 'loopback' | 'refused';

/** What an IP address is to us: public, loopback (allowed only in development), or refused. */
export function classifyAddress(address: string): AddressVerdict {
  const found = isIP(address);
  if (found !== 4 && found !== 6) return 'refused';
  const family: 4 | 6 = found;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (loopback[family].check(address, type)) return 'loopback';
  return blocked[family].check(address, type) ? 'refused' : 'public';
}

export interface TargetPolicy {
  /** KAKOU_WEBHOOK_ALLOW_HTTP_LOOPBACK: plain http and loopback addresses, for a receiver on this machine */
  allowHttpLoopback: boolean;
}

/** Whether sending to this address is allowed under the policy. */
export const addressAllowed = (address: string, policy: TargetPolicy): boolean => {
  const v = classifyAddress(address);
  return v === 'public' || (v === 'loopback' && policy.allowHttpLoopback);
};

/** Names that always mean this machine or the local network, whatever DNS says. */
const LOCAL_NAME = /(^|\.)(localhost|local|localdomain|internal|intranet|lan|home\.arpa)$/i;

/** A URL's host without IPv6 brackets. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Why a URL is not an acceptable webhook target, as a message key, or null.
 * Syntax and literal addresses only; names are resolved when saving
 * (service.ts) and again at every delivery (sender.ts).
 */
export function urlProblem(raw: string, policy: TargetPolicy): 'webhook.url.invalid' | 'webhook.url.https_only' | 'webhook.url.credentials' | 'webhook.url.address' | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhook.url.invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'webhook.url.https_only';
  // A user:password in the URL would be sent on every delivery and shown in the portal; the signature authenticates instead.
  if (url.username || url.password) return 'webhook.url.credentials';
  const host = bareHost(url);
  if (!host) return 'webhook.url.invalid';
  const literal = isIP(host) !== 0;
  const isLoopbackTarget = literal ? classifyAddress(host) === 'loopback' : /^localhost$/i.test(host);
  if (url.protocol === 'http:' && !(policy.allowHttpLoopback && isLoopbackTarget)) return 'webhook.url.https_only';
  if (literal) return addressAllowed(host, policy) ? null : 'webhook.url.address';
  if (isLoopbackTarget) return policy.allowHttpLoopback ? null : 'webhook.url.address';
  if (LOCAL_NAME.test(host) || !host.includes('.')) return 'webhook.url.address';
  return null;
}
