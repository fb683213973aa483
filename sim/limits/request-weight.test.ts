import { describe, expect, it } from "vitest";
import { RequestWeightMeter } from "./request-weight.js";

const MINUTE = 60_000;
const T0 = 1_700_000_040_000 + 40_000; // 40 s into a minute (1_700_000_040_000 is a minute boundary)

describe("RequestWeightMeter", () => {
  it("counts weight in windows aligned to the minute and starts afresh in the next one", () => {
    const meter = new RequestWeightMeter(100);
    expect(meter.charge(20, T0)).toEqual({ usedWeight: 20 });
    expect(meter.charge(30, T0 + 19_999)).toEqual({ usedWeight: 50 });
    expect(meter.counters(T0).windowStartedAt).toBe(T0 - 40_000);
    expect(meter.charge(5, T0 + 20_000)).toEqual({ usedWeight: 5 });
    expect(meter.counters(T0 + 20_000)).toEqual({
      requestWeightPerMinute: 100,
      usedWeight: 5,
      windowStartedAt: T0 + 20_000,
      totalWeight: 55,
      requests: 3,
    });
  });

  it("refuses the request that takes the window past its limit, counting it, with the seconds left", () => {
    const meter = new RequestWeightMeter(100);
    expect(meter.charge(100, T0)).toEqual({ usedWeight: 100 });
    expect(meter.charge(1, T0 + 500)).toEqual({ usedWeight: 101, retryAfterSec: 20 });
    expect(meter.charge(1, T0 + 19_500)).toEqual({ usedWeight: 102, retryAfterSec: 1 });
    expect(meter.charge(1, T0 + 20_000 + MINUTE)).toEqual({ usedWeight: 1 });
  });

  it("resets the totals but not the window's weight", () => {
    const meter = new RequestWeightMeter();
    meter.charge(20, T0);
    meter.resetCounters();
    expect(meter.counters(T0)).toMatchObject({ usedWeight: 20, totalWeight: 0, requests: 0 });
  });
});
