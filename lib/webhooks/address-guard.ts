import { promises as dns } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Webhooks are requests the server makes on an admin's behalf, so a URL must not reach what
 * only the server can reach (SSRF): a host is resolved and every address it resolves to must
 * be public. The check runs at registration and again at each delivery, and the delivery
 * connects to the very address checked (pinnedLookup), so a name that re-resolves elsewhere
 * between the check and the connection (DNS rebinding) cannot slip through.
 */

export type ResolvedAddress = { address: string; family: 4 | 6 };

/** Why a URL's host was refused, in words fit for the form beside the URL field. */
export class AddressRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressRefusal';
  }
}

const LOOKUP_TIMEOUT_MS = 3_000;

// Every special-purpose range (IANA's IPv4 and IPv6 special-purpose registries) that is not
// the public internet, by the name a refusal gives it.
const RANGES: [kind: string, family: 'ipv4' | 'ipv6', network: string, prefix: number][] = [
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['shared (carrier-grade NAT)', 'ipv4', '100.64.0.0', 10],
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['link-local', 'ipv4', '169.254.0.0', 16],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['reserved', 'ipv4', '192.0.2.0', 24],
  ['reserved', 'ipv4', '192.88.99.0', 24],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['reserved', 'ipv4', '198.18.0.0', 15],
  ['reserved', 'ipv4', '198.51.100.0', 24],
  ['reserved', 'ipv4', '203.0.113.0', 24],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['unspecified', 'ipv6', '::', 128],
  ['loopback', 'ipv6', '::1', 128],
  // IPv4-compatible (deprecated); IPv4-mapped and NAT64 addresses are judged by the IPv4 address they carry.
  ['reserved', 'ipv6', '::', 96],
  ['reserved', 'ipv6', '64:ff9b:1::', 48],
  ['reserved', 'ipv6', '100::', 64],
  ['reserved', 'ipv6', '2001::', 23],
  ['reserved', 'ipv6', '2001:db8::', 32],
  // 6to4 tunnels to any IPv4 address, a private one too.
  ['reserved', 'ipv6', '2002::', 16],
  ['unique-local', 'ipv6', 'fc00::', 7],
  ['link-local', 'ipv6', 'fe80::', 10],
  ['site-local', 'ipv6', 'fec0::', 10],
  ['multicast', 'ipv6', 'ff00::', 8],
];

const BLOCKS = new Map<string, BlockList>();
for (const [kind, family, network, prefix] of RANGES) {
  if (!BLOCKS.has(kind)) BLOCKS.set(kind, new BlockList());
  BLOCKS.get(kind)!.addSubnet(network, prefix, family);
}

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail included). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address carries. */
function embeddedIpv4(address: string): string | null {
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
  if (!mapped && !nat64) return null;
  return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
}

/** The kind of non-public range `address` (an IP literal) falls in, or null for a public address. */
export function nonPublicRangeOf(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').split('%')[0];
  const family = isIP(bare);
  if (family === 0) return 'invalid';
  if (family === 6) {
    const ipv4 = embeddedIpv4(bare);
    if (ipv4) return nonPublicRangeOf(ipv4);
  }
  for (const [kind, block] of BLOCKS) if (block.check(bare, family === 4 ? 'ipv4' : 'ipv6')) return kind;
  return null;
}

/** dns.lookup with every address, given up after a few seconds so a slow resolver holds nothing up. */
async function lookupAll(hostname: string): Promise<ResolvedAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AddressRefusal(`The host ${hostname} did not resolve within ${LOOKUP_TIMEOUT_MS / 1000} seconds.`)), LOOKUP_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([dns.lookup(hostname, { all: true, verbatim: true }), timeout]);
    return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
  } catch (error) {
    if (error instanceof AddressRefusal) throw error;
    throw new AddressRefusal(`The host ${hostname} could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'}).`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The addresses a URL's host stands for, each checked: throws AddressRefusal when the host
 * does not resolve, or when any address it resolves to is not public (unless `allowPrivate`).
 * Every address must pass, as a client may connect to any of them.
 */
export async function resolvePublicAddresses(url: URL, { allowPrivate }: { allowPrivate: boolean }): Promise<ResolvedAddress[]> {
  // URL has already turned 127.1 and 0x7f000001 into 127.0.0.1; IPv6 literals keep their brackets.
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(hostname);
  const addresses = literal ? [{ address: hostname, family: literal as 4 | 6 }] : await lookupAll(hostname);
  if (addresses.length === 0) throw new AddressRefusal(`The host ${hostname} has no addresses.`);
  if (allowPrivate) return addresses;
  for (const { address } of addresses) {
    const range = nonPublicRangeOf(address);
    if (range === null) continue;
    const subject = literal ? 'The URL’s host is' : `The URL’s host ${hostname} resolves to`;
    const article = /^[aeiou]/.test(range) ? 'an' : 'a';
    throw new AddressRefusal(`${subject} ${article} ${range} address (${address}); webhooks are only sent to public addresses.`);
  }
  return addresses;
}

/**
 * A `lookup` for http.request that answers the address already checked, whatever the name
 * resolves to by now: the connection goes where the check looked.
 */
export function pinnedLookup(checked: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [checked]);
    else callback(null, checked.address, checked.family);
  };
}
