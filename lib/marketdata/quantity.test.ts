import { describe, expect, it } from "vitest";
import { isZeroQuantity } from "./quantity";

describe("isZeroQuantity", () => {
  it("recognises zero in any spelling", () => {
    for (const text of ["0", "0.00000000", "000", "0.", ".0"]) expect(isZeroQuantity(text), text).toBe(true);
  });

  it("recognises non-zero quantities, however small", () => {
    for (const text of ["0.00000001", "1", "10.00000000", "0.01200000"]) {
      expect(isZeroQuantity(text), text).toBe(false);
    }
  });

  it("rejects malformed quantities", () => {
    for (const text of ["", ".", "-1", "1e-8", "1.2.3", "abc", " 1"]) {
      expect(() => isZeroQuantity(text), text).toThrow(TypeError);
    }
  });
});
