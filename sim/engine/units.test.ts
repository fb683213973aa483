import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatUnits, parseUnits } from "./units.js";

describe("units", () => {
  it("round-trips any 1e-8 amount through Binance's 8-decimal strings", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (v) => {
        expect(parseUnits(formatUnits(v))).toBe(v);
      }),
    );
  });

  it("formats like Binance and rejects sub-1e-8 precision", () => {
    expect(formatUnits(123_400_000n)).toBe("1.23400000");
    expect(parseUnits("0.1")).toBe(10_000_000n);
    expect(parseUnits("1.000000001")).toBeNull();
    expect(parseUnits("1.0000000000")).toBe(100_000_000n);
    expect(parseUnits("-1")).toBeNull();
    expect(parseUnits("1e3")).toBeNull();
  });
});
