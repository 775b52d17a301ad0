import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export class OutboundUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundUrlError';
  }
}

export interface OutboundUrlPolicy {
  /** Allow loopback and private networks: local development and tests only. */
  allowPrivate: boolean;
}

/** Addresses an operator's or a source's URL must never make us call (SSRF). */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  // IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged by its IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Syntax checks that need no network: http(s) only, no credentials, a host, a sane length. */
export function parseOutboundUrl(raw: string): URL {
  if (raw.length > 2048) throw new OutboundUrlError('URL is longer than 2048 characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlError('not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundUrlError('only http and https URLs are allowed');
  if (url.username || url.password) throw new OutboundUrlError('URLs with credentials are not allowed');
  if (!url.hostname) throw new OutboundUrlError('URL has no host');
  return url;
}

/**
 * Checks a URL right before calling it: syntax, then every address its host resolves to. (The HTTP
 * client resolves again; a DNS answer that changes in between is the remaining, documented gap.)
 */
export async function assertOutboundUrl(raw: string, policy: OutboundUrlPolicy): Promise<URL> {
  const url = parseOutboundUrl(raw);
  if (policy.allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  if (!addresses.length || addresses.some(isPrivateAddress)) {
    throw new OutboundUrlError(`${url.hostname} resolves to a private or reserved address`);
  }
  return url;
}
