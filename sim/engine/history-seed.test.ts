import { describe, expect, it } from "vitest";
import { planFilledHistory } from "./history-seed.js";
import { lowerBound } from "./sorted.js";
import { findSymbol } from "./symbols.js";
import { mulUnits, units } from "./units.js";

const BTC = findSymbol("BTCUSDT");

describe("planFilledHistory", () => {
  it("names orders from the prefix and their number, alternates sides, spaces them in time", () => {
    if (!BTC) throw new Error("no BTCUSDT");
    const plans = planFilledHistory(
      BTC,
      units("60000.005"),
      { symbol: "BTCUSDT", orders: 4, fillsPerOrder: 2 },
      10_000,
    );
    expect(plans.map((p) => p.clientOrderId)).toEqual([
      "hist-BTCUSDT-1",
      "hist-BTCUSDT-2",
      "hist-BTCUSDT-3",
      "hist-BTCUSDT-4",
    ]);
    expect(plans.map((p) => p.side)).toEqual(["BUY", "SELL", "BUY", "SELL"]);
    expect(plans.map((p) => p.time)).toEqual([6000, 7000, 8000, 9000]);
    for (const p of plans) {
      expect(p.price % BTC.tickSize).toBe(0n);
      expect(p.fillQty % BTC.stepSize).toBe(0n);
      expect(mulUnits(p.price, p.fillQty)).toBeGreaterThanOrEqual(BTC.minNotional);
      expect(mulUnits(p.price, p.fillQty - BTC.stepSize)).toBeLessThan(BTC.minNotional);
    }
  });

  it("takes a start time, spacing and prefix", () => {
    if (!BTC) throw new Error("no BTCUSDT");
    const plans = planFilledHistory(
      BTC,
      units("60000"),
      {
        symbol: "BTCUSDT",
        orders: 2,
        fillsPerOrder: 1,
        startTime: 5,
        spacingMs: 10,
        clientOrderIdPrefix: "b-",
      },
      0,
    );
    expect(plans.map((p) => [p.clientOrderId, p.time])).toEqual([
      ["b-1", 5],
      ["b-2", 15],
    ]);
  });
});

describe("lowerBound", () => {
  it("finds the first item at or after a value", () => {
    const ids = [2, 4, 4, 9];
    expect([0, 2, 3, 4, 9, 10].map((v) => lowerBound(ids, v, (x) => x))).toEqual([0, 0, 1, 1, 3, 4]);
  });
});
