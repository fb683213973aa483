import { describe, expect, it } from "vitest";
import { isLoopback, mergeParams } from "./io.js";

describe("http helpers", () => {
  it("recognises loopback addresses only", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("10.0.0.5")).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
  });

  it("merges query and form body parameters", () => {
    expect(mergeParams("symbol=BTCUSDT&a=1", "a=2&side=BUY")).toEqual({
      symbol: "BTCUSDT",
      a: "2",
      side: "BUY",
    });
  });
});
