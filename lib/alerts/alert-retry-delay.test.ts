import { describe, expect, it } from "vitest";
import { alertRetryDelayMs } from "./alert-retry-delay";

describe("alert retry delay", () => {
  const options = { baseMs: 1_000, capMs: 60_000 };

  it("doubles with every failed attempt up to the cap", () => {
    const top = (attempts: number) => alertRetryDelayMs(attempts, { ...options, random: () => 1 });
    expect([1, 2, 3, 4, 7, 8, 20].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000]);
  });

  it("jitters within the upper half, so instances that failed together do not retry together", () => {
    expect(alertRetryDelayMs(3, { ...options, random: () => 0 })).toBe(2_000);
    expect(alertRetryDelayMs(3, { ...options, random: () => 0.5 })).toBe(3_000);
  });
});
