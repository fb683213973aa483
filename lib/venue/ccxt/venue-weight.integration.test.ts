import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim } from "../../../sim/start-sim";
import { createSimVenue, type Sim, simControl, sleep } from "../testing/sim-test-helpers";
import type { CcxtVenue } from "./ccxt-venue";

const MINUTE = 60_000;
const LIMIT = 200;

let sim: Sim;
let venue: CcxtVenue | undefined;

beforeAll(async () => {
  sim = await startSim({ port: 0, seed: 11, market: false });
});
afterAll(async () => {
  await venue?.close();
  await sim?.close();
  await simControl(sim, "POST", "limits", { requestWeightPerMinute: 6000 }).catch(() => {});
});

/**
 * Skews the venue clock ahead of ours so its minute ends ~4 s from now (a wait for the rollover
 * stays short); the venue's recvWindow of 60 s accepts our timestamps that far behind.
 */
async function venueMinuteEndsSoon(): Promise<void> {
  let skewMs = (56_000 - (Date.now() % MINUTE) + MINUTE) % MINUTE;
  if (skewMs > 55_000) {
    await sleep(skewMs - 55_000 + 100);
    skewMs = (56_000 - (Date.now() % MINUTE) + MINUTE) % MINUTE;
  }
  await simControl(sim, "POST", "faults", { clockSkewMs: skewMs });
}

describe("request weight pacing against the simulator", () => {
  it("a burst of lookups past the weight limit waits for the venue's next minute instead of meeting 429", async () => {
    await simControl(sim, "POST", "limits", { requestWeightPerMinute: LIMIT });
    await venueMinuteEndsSoon();
    venue = createSimVenue(sim, { recvWindowMs: 60_000, weightBudgetPerMinute: (LIMIT * 4) / 5 });
    const health = await venue.checkHealth();
    expect(health.reachable).toBe(true);
    await venue.loadInstruments();
    const first = venue.usedWeight();
    expect(first?.weight).toBeGreaterThan(0);
    await simControl(sim, "POST", "limits/reset-counters");
    const startedMinute = Math.floor((Date.now() + (health.clockOffsetMs ?? 0)) / MINUTE);

    // 50 lookups of 4 = 200 on top of what the minute already holds: more than the limit.
    const lookups = Array.from({ length: 50 }, (_, i) =>
      venue?.fetchOrderByClientId({ symbol: "BTC/USDT", clientOrderId: `weight-it-${i}` }),
    );
    expect(await Promise.all(lookups)).toEqual(Array(50).fill(null));

    const log = venue.getRequestLog();
    expect(log.filter((entry) => entry.httpStatus === 429)).toEqual([]);
    expect(venue.getCounters().rateLimited).toBe(0);
    const limits = (await simControl(sim, "GET", "limits")) as { totalWeight: number; requests: number };
    expect(limits).toMatchObject({ totalWeight: 200, requests: 50 });
    const last = venue.usedWeight();
    expect(Math.floor(((last?.at ?? 0) + (health.clockOffsetMs ?? 0)) / MINUTE)).toBe(startedMinute + 1);
    expect(last?.weight).toBeLessThanOrEqual(LIMIT);
  }, 30_000);
});
