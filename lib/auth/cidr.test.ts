import { describe, expect, it } from "vitest";
import { addressAllowed, normaliseCidr } from "./cidr";

describe("normaliseCidr", () => {
  it("keeps the network address and prefix of IPv4 and IPv6 ranges", () => {
    expect(normaliseCidr("10.1.2.3/8")).toBe("10.0.0.0/8");
    expect(normaliseCidr(" 192.168.1.0/24 ")).toBe("192.168.1.0/24");
    expect(normaliseCidr("2001:DB8:0:0:1::/32")).toBe("2001:db8::/32");
  });

  it("reads a bare address as a single-address range", () => {
    expect(normaliseCidr("203.0.113.7")).toBe("203.0.113.7/32");
    expect(normaliseCidr("2001:db8::1")).toBe("2001:db8::1/128");
  });

  it("turns IPv4-mapped IPv6 ranges into IPv4", () => {
    expect(normaliseCidr("::ffff:10.0.0.0/104")).toBe("10.0.0.0/8");
    expect(normaliseCidr("::ffff:203.0.113.7")).toBe("203.0.113.7/32");
  });

  it("refuses what is not a range", () => {
    for (const bad of [
      "",
      "10.0.0.0/33",
      "2001:db8::/129",
      "10.0.0/8",
      "0x0a.0.0.1/8",
      "10/8",
      "example.com",
      "1.2.3.4/-1",
    ]) {
      expect(normaliseCidr(bad), bad).toBeNull();
    }
  });
});

describe("addressAllowed", () => {
  it("allows every address when there are no ranges", () => {
    expect(addressAllowed("198.51.100.1", [])).toBe(true);
    expect(addressAllowed("unknown", [])).toBe(true);
  });

  it("matches IPv4 addresses, also when the socket reports them IPv4-mapped", () => {
    const ranges = ["10.0.0.0/8", "203.0.113.7/32"];
    expect(addressAllowed("10.200.3.4", ranges)).toBe(true);
    expect(addressAllowed("203.0.113.7", ranges)).toBe(true);
    expect(addressAllowed("::ffff:10.200.3.4", ranges)).toBe(true);
    expect(addressAllowed("203.0.113.8", ranges)).toBe(false);
    expect(addressAllowed("11.0.0.1", ranges)).toBe(false);
  });

  it("matches IPv6 addresses and never mixes families", () => {
    const ranges = ["2001:db8::/32"];
    expect(addressAllowed("2001:db8:abcd::1", ranges)).toBe(true);
    expect(addressAllowed("2001:db9::1", ranges)).toBe(false);
    expect(addressAllowed("10.0.0.1", ranges)).toBe(false);
    expect(addressAllowed("::1", ["127.0.0.1/32"])).toBe(false);
  });

  it("refuses an address it cannot read when ranges are set", () => {
    expect(addressAllowed("unknown", ["0.0.0.0/0"])).toBe(false);
  });
});
