/**
 * Where the image cache may fetch from: the public internet only, unless told otherwise (the
 * sandbox and the tests, whose networks run on 127.0.0.1). A server must not make Tribune
 * fetch from this computer, its local network or link-local addresses (cloud metadata...).
 * Names are resolved first and every address must be public; redirects are checked hop by hop.
 * (A name that resolves differently a moment later could still slip through: the answer is
 * only ever an image stored on disk, never shown to the server.)
 */
import dns from 'node:dns/promises';
import net from 'node:net';

const blocked = new net.BlockList();
for (const [ip, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(ip, bits, 'ipv4');
}
for (const [ip, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(ip, bits, 'ipv6');
}

/** Loopback, private, link-local, carrier-grade NAT, multicast, reserved: not the public internet. */
export function isPrivateAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const family = net.isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) return blocked.check(ip, 'ipv6');
  return true;
}

export type Lookup = (host: string) => Promise<string[]>;
const systemLookup: Lookup = async (host) => (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Whether the image cache may fetch this address: http(s), and (unless allowed) only public hosts. */
export async function mayFetchImage(url: URL, options: { allowPrivateAddresses: boolean; lookup?: Lookup }): Promise<boolean> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  if (options.allowPrivateAddresses) return true;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return !isPrivateAddress(host);
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || !host.includes('.')) return false;
  try {
    const addresses = await (options.lookup ?? systemLookup)(host);
    return addresses.length > 0 && addresses.every((a) => !isPrivateAddress(a));
  } catch {
    return false;
  }
}
