import { describe, expect, it } from "vitest";
import { reconnectDelayMs } from "./reconnect-backoff";

describe("reconnect backoff", () => {
  it("doubles from 500 ms up to 15 s", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 10].map((failures) => reconnectDelayMs(failures, middle))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000,
    ]);
  });

  it("spreads retries by ±20%", () => {
    expect(reconnectDelayMs(2, () => 0)).toBe(800);
    expect(reconnectDelayMs(2, () => 1)).toBe(1_200);
  });
});
