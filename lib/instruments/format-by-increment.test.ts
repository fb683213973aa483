import { describe, expect, it } from "vitest";
import { formatByIncrement, incrementDigits } from "./format-by-increment";

describe("incrementDigits", () => {
  it("counts the fraction digits that carry value", () => {
    expect(incrementDigits("0.01")).toBe(2);
    expect(incrementDigits("0.00100000")).toBe(3);
    expect(incrementDigits("1")).toBe(0);
    expect(incrementDigits("10")).toBe(0);
  });
});

describe("formatByIncrement", () => {
  it("pads to the tick's digits, whatever digits the value arrives with", () => {
    expect(formatByIncrement("57028.5", "0.01")).toBe("57028.50");
    expect(formatByIncrement("57028.50000000", "0.01")).toBe("57028.50");
    expect(formatByIncrement("60030", "0.01")).toBe("60030.00");
    expect(formatByIncrement("0.0015", "0.00001")).toBe("0.00150");
  });

  it("never rounds a value finer than the increment", () => {
    expect(formatByIncrement("60012.333333333333333333", "0.01")).toBe("60012.333333333333333333");
    expect(formatByIncrement("0.123456789", "0.001")).toBe("0.123456789");
  });

  it("keeps precision a JS number would lose and never uses exponents", () => {
    expect(formatByIncrement("9007199254740993.01", "0.01")).toBe("9007199254740993.01");
    expect(formatByIncrement("1e-7", "0.00001")).toBe("0.0000001");
  });

  it("only trims without a known increment", () => {
    expect(formatByIncrement("43250.50", undefined)).toBe("43250.5");
    expect(formatByIncrement("43250.50", null)).toBe("43250.5");
  });
});
