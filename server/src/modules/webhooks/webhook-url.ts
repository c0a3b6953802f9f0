import { BlockList, isIP } from 'node:net';
import { badInput } from '../../errors/domain-error.js';

/** Addresses a webhook must never reach in production: loopback, private, link-local, CGNAT, multicast, reserved. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 3],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96], ['100::', 64],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv6');

/** Is `address` (an IP literal) in a private or reserved range? IPv4-mapped IPv6 addresses are judged as IPv4. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) return PRIVATE.check(address, 'ipv6');
  return true;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * The rules for a webhook URL. Production: https only, no credentials, no local names, no private addresses
 * (the resolved address is checked again at delivery, against DNS tricks). Development and tests also accept
 * http://127.0.0.1 (and localhost) so a local receiver can be used.
 */
export function validateWebhookUrl(raw: string, production: boolean): URL {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_WEBHOOK_URL_LENGTH) throw badInput(`A webhook URL has 1 to ${MAX_WEBHOOK_URL_LENGTH} characters.`, { field: 'url' });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput('The webhook URL is not a valid URL.', { field: 'url' });
  }
  if (url.username || url.password) throw badInput('The webhook URL must not contain credentials; use the signing secret to authenticate deliveries.', { field: 'url' });
  url.hash = '';
  const host = url.hostname.toLowerCase();
  const loopback = LOOPBACK_HOSTS.has(host);
  if (url.protocol === 'http:' && !(loopback && !production)) {
    throw badInput(production ? 'Webhook URLs must use https.' : 'Webhook URLs must use https (http is accepted only for 127.0.0.1 or localhost outside production).', { field: 'url' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('Webhook URLs must use https.', { field: 'url' });
  if (production) {
    const literal = host.startsWith('[') ? host.slice(1, -1) : host;
    if (isIP(literal) ? isPrivateAddress(literal) : host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.')) {
      throw badInput('Webhook URLs must point to a public internet address.', { field: 'url' });
    }
  }
  return url;
}
