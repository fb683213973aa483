import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Prng } from "./prng.js";

describe("Prng", () => {
  it("gives the same sequence for the same seed", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = new Prng(seed);
        const b = new Prng(seed);
        for (let i = 0; i < 20; i++) expect(a.nextUint32()).toBe(b.nextUint32());
      }),
    );
  });

  it("derives independent, reproducible streams per label", () => {
    const x = Array.from({ length: 5 }, () => Prng.derive(7, "x").next());
    expect(new Set(x).size).toBe(1);
    const a = Prng.derive(7, "http429");
    const b = Prng.derive(7, "http5xx");
    expect(a.nextUint32()).not.toBe(b.nextUint32());
  });

  it("stays in range", () => {
    const r = new Prng(3);
    for (let i = 0; i < 1000; i++) {
      const v = r.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      const n = r.range(2, 5);
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(5);
    }
  });

  it("has a Poisson mean close to lambda", () => {
    const r = new Prng(11);
    let sum = 0;
    for (let i = 0; i < 5000; i++) sum += r.poisson(3);
    expect(sum / 5000).toBeCloseTo(3, 0);
  });
});
