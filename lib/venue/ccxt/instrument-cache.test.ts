import { describe, expect, it } from "vitest";
import { VenueValidationError } from "../port/venue-errors";
import type { Instrument } from "../port/venue-types";
import { InstrumentCache } from "./instrument-cache";

const btc = { symbol: "BTC/USDT" } as Instrument;

describe("InstrumentCache", () => {
  it("loads once for concurrent callers, again on reload, and retries after a failed load", async () => {
    const loads: boolean[] = [];
    let fail = true;
    const cache = new InstrumentCache(async (reload) => {
      loads.push(reload);
      if (fail) throw new Error("venue down");
      return [btc];
    });
    await expect(cache.all()).rejects.toThrow("venue down");
    fail = false;
    const [first, second] = await Promise.all([cache.all(), cache.all()]);
    expect(first).toBe(second);
    await cache.all({ reload: true });
    expect(loads).toEqual([false, false, true]);
    await expect(cache.find("BTC/USDT")).resolves.toBe(btc);
    await expect(cache.find("DOGE/USDT")).rejects.toBeInstanceOf(VenueValidationError);
  });
});
