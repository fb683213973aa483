import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d, as a dual-stack socket reports IPv4 clients) as IPv4. */
function unmapped(address: Address): Address {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function parseRange(text: string): [Address, number] | null {
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return ipaddr.IPv4.parseCIDR(text);
  if (ipaddr.IPv6.isValidCIDR(text)) return ipaddr.IPv6.parseCIDR(text);
  return null;
}

/**
 * The canonical form of an address range: network address and prefix length, IPv4-mapped ranges as
 * IPv4, a bare address as a single-address range. Null when the text is not an IPv4 (dotted quad) or
 * IPv6 range.
 */
export function normaliseCidr(text: string): string | null {
  const value = text.trim();
  const withBits = value.includes("/") ? value : `${value}/${value.includes(":") ? 128 : 32}`;
  const parsed = parseRange(withBits);
  if (!parsed) return null;
  let [address, bits] = parsed;
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    address = (address as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${bits}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/${bits}`);
  return `${network.toString()}/${bits}`;
}

/** Whether a client address lies in one of the (normalised) ranges; no ranges allows every address. */
export function addressAllowed(ip: string, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true;
  if (!ipaddr.isValid(ip)) return false;
  const address = unmapped(ipaddr.parse(ip));
  return cidrs.some((cidr) => {
    const range = parseRange(cidr);
    return range !== null && range[0].kind() === address.kind() && address.match(range);
  });
}
