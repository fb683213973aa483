import { describe, expect, it } from "vitest";
import { expiryFromInput, parseAllowedCidrs, restrictionErrors } from "./token-restrictions";

describe("token restriction inputs", () => {
  it("splits the allowed addresses on commas, spaces and new lines", () => {
    expect(parseAllowedCidrs(" 10.0.0.0/8,2001:db8::/32\n\n192.0.2.7 ")).toEqual([
      "10.0.0.0/8",
      "2001:db8::/32",
      "192.0.2.7",
    ]);
    expect(parseAllowedCidrs("  ")).toEqual([]);
  });

  it("reads an empty expiry as none and a local date-time as an instant", () => {
    expect(expiryFromInput("")).toBeUndefined();
    expect(expiryFromInput("2027-03-01T12:30")).toBe(new Date("2027-03-01T12:30").toISOString());
  });

  it("puts the server's field errors on the expiry and address inputs", () => {
    const problem = {
      status: 400,
      code: "validation_failed",
      detail: "bad",
      errors: [
        { field: "allowedCidrs.2", message: '"x" is not an IPv4 or IPv6 address range (CIDR)' },
        { field: "expiresAt", message: "expiresAt must be in the future" },
      ],
    };
    expect(restrictionErrors(problem)).toEqual({
      allowedCidrs: '"x" is not an IPv4 or IPv6 address range (CIDR)',
      expiresAt: "expiresAt must be in the future",
    });
  });
});
