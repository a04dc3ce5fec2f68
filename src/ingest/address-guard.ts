// The URL guard: which addresses a fetch may connect to. Refuses loopback, private, link-local and
// cloud-metadata targets (SSRF); pure apart from the resolver it is given.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "unspecified"
  | "multicast"
  | "reserved";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → its addresses; injected in tests so they never ask real DNS. */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export type CheckResult = { ok: true; url: URL; addresses: ResolvedAddress[] } | { ok: false; reason: string };

export interface GuardOptions {
  /** Hosts let through whatever they resolve to (DSR_ALLOW_HOSTS: tests, intranets). */
  allowHosts: string[];
  resolve?: Resolver;
}

/** verbatim keeps the resolver's order, so IPv6 answers are not silently dropped or reordered. */
export const defaultResolver: Resolver = async (host) => {
  const answers = await lookup(host, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

// Instance-metadata endpoints hand out cloud credentials: AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba.
const METADATA = new Set(["169.254.169.254", "fd00:ec2::254", "100.100.100.200"]);

// Checked in this order, so the narrower class wins where ranges overlap (:: before ::/96).
const RANGES: [Exclude<AddressClass, "public" | "metadata">, string, number][] = [
  ["unspecified", "0.0.0.0", 8],
  ["unspecified", "::", 128],
  ["loopback", "127.0.0.0", 8],
  ["loopback", "::1", 128],
  ["private", "10.0.0.0", 8],
  ["private", "172.16.0.0", 12],
  ["private", "192.168.0.0", 16],
  ["private", "100.64.0.0", 10], // carrier-grade NAT: another operator's private network
  ["private", "fc00::", 7],
  ["private", "64:ff9b:1::", 48], // local-use NAT64 (RFC 8215): the IPv4 side is a local network
  ["link-local", "169.254.0.0", 16],
  ["link-local", "fe80::", 10],
  ["multicast", "224.0.0.0", 4],
  ["multicast", "ff00::", 8],
  ["reserved", "240.0.0.0", 4], // includes the broadcast address
  ["reserved", "192.0.0.0", 24],
  ["reserved", "192.0.2.0", 24],
  ["reserved", "192.88.99.0", 24], // deprecated 6to4 relay anycast
  ["reserved", "198.18.0.0", 15],
  ["reserved", "198.51.100.0", 24],
  ["reserved", "203.0.113.0", 24],
  ["reserved", "::", 96], // deprecated IPv4-compatible addresses
  ["reserved", "::ffff:0:0:0", 96], // SIIT IPv4-translated
  ["reserved", "100::", 64], // discard-only
  ["reserved", "2001:db8::", 32],
  ["reserved", "2001:2::", 48], // benchmarking
  ["reserved", "3fff::", 20], // documentation (RFC 9637)
];

const BLOCKS = RANGES.map(([kind, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, isIP(network) === 6 ? "ipv6" : "ipv4");
  return { kind, list };
});

/**
 * The class of an IP address; IPv4 embedded in IPv6 (mapped, NAT64, 6to4) is classified by the
 * IPv4 address, since that is where the packets end up. Anything not an IP address is "reserved".
 * @example classifyAddress("::ffff:7f00:1") // "loopback"
 */
export function classifyAddress(ip: string): AddressClass {
  const bare = ip.replace(/%.*$/, ""); // a zone id ("fe80::1%eth0") does not change the class
  const version = isIP(bare);
  if (version === 0) return "reserved";
  const address = version === 6 ? canonicalIpv6(bare) : bare;
  if (address === null) return "reserved";
  if (version === 6) {
    const embedded = embeddedIpv4(address);
    if (embedded !== null) return classifyAddress(embedded);
  }
  if (METADATA.has(address)) return "metadata";
  const type = version === 6 ? "ipv6" : "ipv4";
  for (const { kind, list } of BLOCKS) if (list.check(address, type)) return kind;
  return "public";
}

/** WHATWG URL prints IPv6 compressed, lower-case and without dotted quads: one spelling per address. */
function canonicalIpv6(ip: string): string | null {
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return null; // isIP accepted it, URL did not: treat as not an address
  }
}

function embeddedIpv4(canonical: string): string | null {
  const groups = expandIpv6(canonical);
  const at = (i: number): number => groups[i] ?? 0;
  const isZero = (from: number, to: number): boolean => groups.slice(from, to).every((g) => g === 0);
  const v4 = (hi: number, lo: number): string => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  if (isZero(0, 5) && at(5) === 0xffff) return v4(at(6), at(7)); // ::ffff:0:0/96, IPv4-mapped
  if (at(0) === 0x64 && at(1) === 0xff9b && isZero(2, 6)) return v4(at(6), at(7)); // 64:ff9b::/96, NAT64
  if (at(0) === 0x2002) return v4(at(1), at(2)); // 2002::/16, 6to4
  return null;
}

function expandIpv6(canonical: string): number[] {
  const [head = "", tail] = canonical.split("::");
  const parse = (s: string): number[] => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** Lower-case, no brackets, no trailing dot, IPv6 in one spelling: how hosts are compared. */
export function normaliseHost(host: string): string {
  const bare = host.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  return isIP(bare) === 6 ? (canonicalIpv6(bare) ?? bare) : bare;
}

/**
 * Whether a URL may be fetched: http(s) only, no credentials, and every address the host resolves
 * to public unless the host is in allowHosts. The addresses returned are the ones to connect to.
 * @example await checkUrl("http://internal.example/", { allowHosts: [] }) // { ok: false, reason: "refused: internal.example resolves to 10.0.0.5, a private address" }
 */
export async function checkUrl(url: string, options: GuardOptions): Promise<CheckResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "refused: not a valid URL" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, reason: `refused: only http and https URLs are fetched, not ${parsed.protocol}` };
  }
  // Credentials in a URL end up in logs and Referer headers; documents are fetched anonymously.
  if (parsed.username !== "" || parsed.password !== "") {
    return { ok: false, reason: "refused: URLs with a user name or password are not fetched" };
  }

  const host = normaliseHost(parsed.hostname);
  const allowed = options.allowHosts.some((h) => normaliseHost(h) === host);
  const version = isIP(host);
  if (version !== 0) {
    const literal: ResolvedAddress = { address: host, family: version === 6 ? 6 : 4 };
    if (allowed) return { ok: true, url: parsed, addresses: [literal] };
    const kind = classifyAddress(host);
    if (kind !== "public") return { ok: false, reason: `refused: ${host} is ${article(kind)} ${kind} address` };
    return { ok: true, url: parsed, addresses: [literal] };
  }

  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.resolve ?? defaultResolver)(host);
  } catch (error) {
    const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : String(error);
    return { ok: false, reason: `cannot resolve ${host} (${code})` };
  }
  if (addresses.length === 0) return { ok: false, reason: `cannot resolve ${host} (no addresses)` };
  if (!allowed) {
    // DNS may answer several addresses and the socket may try any of them: all must be public.
    for (const { address } of addresses) {
      const kind = classifyAddress(address);
      if (kind !== "public") {
        return { ok: false, reason: `refused: ${host} resolves to ${address}, ${article(kind)} ${kind} address` };
      }
    }
  }
  return { ok: true, url: parsed, addresses };
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}
