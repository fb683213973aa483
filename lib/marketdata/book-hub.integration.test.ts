import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSim } from "../../sim/start-sim";
import type { CcxtVenue } from "../venue/ccxt/ccxt-venue";
import { createSimVenue, type Sim, simControl } from "../venue/testing/sim-test-helpers";
import { type BookHub, createBookHub } from "./book-hub";
import type { OrderbookStreamConfig } from "./orderbook-stream-config";
import { eventually } from "./testing/eventually";

const SYMBOL = "BTC/USDT";
const config: OrderbookStreamConfig = {
  maxUpdatesPerSecond: 20,
  idleGraceMs: 200,
  staleAfterMs: 2_000,
  snapshotLimit: 5000,
  minResyncIntervalMs: 50,
};

let sim: Sim;
let venue: CcxtVenue;
let hub: BookHub;

beforeAll(async () => {
  sim = await startSim({ port: 0, seed: 11, market: true, diffsPerSecond: 100 });
  venue = createSimVenue(sim);
  hub = createBookHub({ venue, config });
});

afterAll(async () => {
  hub.stop();
  await venue.close();
  await sim.close();
});

const normalize = (levels: readonly (readonly [string, string])[]) =>
  levels.map(([price, quantity]) => [new Decimal(price).toFixed(), new Decimal(quantity).toFixed()]);

async function venueDepth() {
  const response = await fetch(`${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=5000`);
  return (await response.json()) as {
    lastUpdateId: number;
    bids: [string, string][];
    asks: [string, string][];
  };
}

describe("order book hub against the simulator", () => {
  it("resyncs through depth gaps and disconnects and then equals the venue's book", async () => {
    const subscription = await hub.subscribe(SYMBOL);
    const feed = subscription.feed;
    await eventually(() => (feed.status() === "live" ? true : undefined));

    await simControl(sim, "POST", "faults", { depthGapEvery: 4, wsDisconnectEveryMs: 600 });
    await eventually(() => {
      const { counters } = feed.health();
      return counters.gaps >= 3 && counters.reconnects >= 2 && counters.snapshots >= 3 ? true : undefined;
    }, 40_000);
    await simControl(sim, "DELETE", "faults");
    // a diff dropped just before the faults were cleared only shows as a gap on the next diff
    const appliedBefore = feed.health().counters.applied;
    await eventually(() =>
      feed.status() === "live" && feed.health().counters.applied >= appliedBefore + 3 ? true : undefined,
    );
    await simControl(sim, "POST", "market", { running: false });

    const { venueBook, ours } = await eventually(async () => {
      const venueBook = await venueDepth();
      const ours = feed.view(5000);
      return ours?.lastUpdateId === venueBook.lastUpdateId ? { venueBook, ours } : undefined;
    });
    expect(normalize(ours.bids)).toEqual(normalize(venueBook.bids));
    expect(normalize(ours.asks)).toEqual(normalize(venueBook.asks));
    const health = feed.health();
    expect(health.counters.resyncs).toBeGreaterThanOrEqual(3);
    expect(health.counters.snapshotRequests).toBeGreaterThanOrEqual(health.counters.snapshots);
    subscription.release();
    await simControl(sim, "POST", "market", { running: true });
  });

  it("shares one feed per symbol and stops it after the idle grace period", async () => {
    const first = await hub.subscribe("ETH/USDT");
    const second = await hub.subscribe("ETH/USDT");
    expect(second.feed).toBe(first.feed);
    first.release();
    second.release();
    expect(hub.activeSymbols()).toContain("ETH/USDT");
    await eventually(() => (hub.activeSymbols().includes("ETH/USDT") ? undefined : true));
    expect(first.feed.stopped).toBe(true);
  });

  it("refuses a symbol the venue does not list", async () => {
    await expect(hub.subscribe("NOPE/USDT")).rejects.toMatchObject({ code: "unknown_symbol" });
  });
});
