import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeBackoffDelay } from "./compute-backoff-delay";

describe("computeBackoffDelay", () => {
  it("stays within [0, min(cap, base * 2^(attempt-1))) for any random value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = computeBackoffDelay({ attempt, baseMs: 500, capMs: 30_000, random: () => r });
          const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1));
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
        },
      ),
    );
  });

  it("grows exponentially until the cap (random close to 1)", () => {
    const delays = [1, 2, 3, 4, 7, 8].map((attempt) =>
      computeBackoffDelay({ attempt, baseMs: 500, capMs: 30_000, random: () => 0.999999 }),
    );
    expect(delays).toEqual([499, 999, 1999, 3999, 29_999, 29_999]);
  });

  it("is full jitter: random 0 gives 0", () => {
    expect(computeBackoffDelay({ attempt: 5, baseMs: 500, capMs: 30_000, random: () => 0 })).toBe(0);
  });
});
