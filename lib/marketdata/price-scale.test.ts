import { describe, expect, it } from "vitest";
import { formatScaled, PriceScale } from "./price-scale";

describe("PriceScale", () => {
  const scale = new PriceScale(8);

  it("parses decimal strings to exact integers scaled by 10^decimals", () => {
    expect(scale.parse("43250.50000000")).toBe(4_325_050_000_000);
    expect(scale.parse("43250.5")).toBe(4_325_050_000_000);
    expect(scale.parse("0.00000001")).toBe(1);
    expect(scale.parse("7")).toBe(700_000_000);
    expect(scale.parse(".5")).toBe(50_000_000);
    expect(scale.parse("1.")).toBe(100_000_000);
    expect(scale.parse("0.1234567800")).toBe(12_345_678);
  });

  it("keeps distinct prices distinct where float parsing would merge them", () => {
    expect(scale.parse("90000000.00000001")).toBe(9_000_000_000_000_001);
    expect(scale.parse("90000000.00000002")).toBe(9_000_000_000_000_002);
    expect(Number.parseFloat("90000000.00000001")).toBe(Number.parseFloat("90000000.00000002"));
  });

  it("rejects malformed, over-precise and out-of-range prices", () => {
    for (const text of ["", ".", "abc", "1.2.3", "-1", "+1", "1e5", " 1", "1 ", "0x10"]) {
      expect(() => scale.parse(text), text).toThrow(TypeError);
    }
    expect(() => scale.parse("0.000000001")).toThrow(RangeError);
    expect(() => scale.parse("100000000")).toThrow(RangeError);
    expect(() => new PriceScale(-1)).toThrow(RangeError);
    expect(() => new PriceScale(1.5)).toThrow(RangeError);
  });

  it("formats scaled values canonically, without exponent or trailing zeros", () => {
    expect(scale.format(4_325_050_000_000)).toBe("43250.5");
    expect(scale.format(1)).toBe("0.00000001");
    expect(scale.format(0)).toBe("0");
    expect(scale.format(-50_000_000)).toBe("-0.5");
    expect(scale.format(-0)).toBe("0");
    expect(formatScaled(123_456_789_012_345_678_901n, 3)).toBe("123456789012345678.901");
    expect(formatScaled(1200, 0)).toBe("1200");
  });
});
