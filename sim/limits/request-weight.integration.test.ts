import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SimHandle, startSim } from "../start-sim.js";
import { control, signedRequest, simOrders } from "../testing/sim-control.js";

interface Counters {
  requestWeightPerMinute: number;
  usedWeight: number;
  windowStartedAt: number;
  totalWeight: number;
  requests: number;
}

let sim: SimHandle;
/** Venue clock offset that puts "now" ~1 s into a fresh minute, so a test's window cannot roll over. */
let skewMs = 0;

function venueNow(): number {
  return Date.now() + skewMs;
}

/** Moves the venue clock ~1 s into the minute after its current one. */
async function freshWindow(): Promise<void> {
  skewMs += 60_000 - (venueNow() % 60_000) + 1000;
  expect((await control(sim, "POST", "/faults", { clockSkewMs: skewMs })).status).toBe(200);
}

const signed = (method: "GET" | "POST" | "DELETE", path: string, params: Record<string, string>) =>
  signedRequest(sim, method, path, params, { timestamp: venueNow() });

const publicGet = (path: string) => fetch(`${sim.restUrl}/api/v3/${path}`);

async function counters(): Promise<Counters> {
  return (await control<Counters>(sim, "GET", "/limits")).body;
}

async function weightOf(call: () => Promise<Response>): Promise<number> {
  await control(sim, "POST", "/limits/reset-counters");
  const res = await call();
  expect(Number(res.headers.get("x-mbx-used-weight-1m"))).toBeGreaterThan(0);
  await res.arrayBuffer();
  const after = await counters();
  expect(after.requests).toBe(1);
  return after.totalWeight;
}

const limitBuy = {
  symbol: "BTCUSDT",
  side: "BUY",
  type: "LIMIT",
  timeInForce: "GTC",
  quantity: "0.001",
  price: "10000",
};

beforeAll(async () => {
  sim = await startSim({ port: 0, market: false, seed: 3 });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await control(sim, "POST", "/reset");
  await control(sim, "POST", "/limits", { requestWeightPerMinute: 6000 });
  skewMs = 0;
});

describe("request weight", () => {
  it("charges each endpoint Binance's weight, errors included", async () => {
    expect(await weightOf(() => publicGet("ping"))).toBe(1);
    expect(await weightOf(() => publicGet("time"))).toBe(1);
    expect(await weightOf(() => publicGet("exchangeInfo"))).toBe(20);
    expect(await weightOf(() => publicGet("depth?symbol=BTCUSDT"))).toBe(5);
    expect(await weightOf(() => publicGet("depth?symbol=BTCUSDT&limit=100"))).toBe(5);
    expect(await weightOf(() => publicGet("depth?symbol=BTCUSDT&limit=101"))).toBe(25);
    expect(await weightOf(() => publicGet("depth?symbol=BTCUSDT&limit=1000"))).toBe(50);
    expect(await weightOf(() => publicGet("depth?symbol=BTCUSDT&limit=5000"))).toBe(250);
    expect(await weightOf(() => publicGet("trades?symbol=BTCUSDT"))).toBe(25);
    expect(await weightOf(() => publicGet("aggTrades?symbol=BTCUSDT"))).toBe(4);
    expect(await weightOf(() => publicGet("ticker/price?symbol=BTCUSDT"))).toBe(2);
    expect(await weightOf(() => publicGet("ticker/bookTicker?symbol=BTCUSDT"))).toBe(2);

    expect(await weightOf(() => signed("POST", "order", limitBuy))).toBe(1);
    const [order] = await simOrders(sim);
    const id = { symbol: "BTCUSDT", orderId: String(order?.orderId) };
    expect(await weightOf(() => signed("GET", "order", id))).toBe(4);
    expect(await weightOf(() => signed("GET", "openOrders", { symbol: "BTCUSDT" }))).toBe(6);
    expect(await weightOf(() => signed("GET", "openOrders", {}))).toBe(80);
    expect(await weightOf(() => signed("GET", "allOrders", { symbol: "BTCUSDT" }))).toBe(20);
    expect(await weightOf(() => signed("GET", "myTrades", { symbol: "BTCUSDT" }))).toBe(20);
    expect(await weightOf(() => signed("GET", "myTrades", id))).toBe(5);
    expect(await weightOf(() => signed("GET", "account", {}))).toBe(20);
    expect(await weightOf(() => signed("DELETE", "order", id))).toBe(1);
    expect(await weightOf(() => signed("POST", "order", limitBuy))).toBe(1);
    expect(await weightOf(() => signed("DELETE", "openOrders", { symbol: "BTCUSDT" }))).toBe(1);

    // an error still weighs, and carries the header
    const unknown = await signed("GET", "order", { symbol: "BTCUSDT", orderId: "999999" });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("x-mbx-used-weight-1m")).toMatch(/^\d+$/);
  });

  it("reports the window's used weight in X-MBX-USED-WEIGHT-1M, and control endpoints do not count", async () => {
    await freshWindow();
    const first = await publicGet("exchangeInfo");
    expect(first.headers.get("x-mbx-used-weight-1m")).toBe("20");
    const info = (await first.json()) as { rateLimits: { rateLimitType: string; limit: number }[] };
    expect(info.rateLimits.find((l) => l.rateLimitType === "REQUEST_WEIGHT")?.limit).toBe(6000);
    await control(sim, "GET", "/limits");
    await control(sim, "GET", "/orders");
    const second = await publicGet("time");
    expect(second.headers.get("x-mbx-used-weight-1m")).toBe("21");
    const now = await counters();
    expect(now).toMatchObject({ requestWeightPerMinute: 6000, usedWeight: 21 });
    expect(now.windowStartedAt % 60_000).toBe(0);
    expect(venueNow() - now.windowStartedAt).toBeLessThan(60_000);
  });

  it("refuses a request past the limit with 429 and Retry-After, without executing it, until the window ends", async () => {
    expect((await control(sim, "POST", "/limits", { requestWeightPerMinute: 20 })).body).toMatchObject({
      requestWeightPerMinute: 20,
    });
    await freshWindow();
    const account = await signed("GET", "account", {});
    expect(account.status).toBe(200);
    expect(account.headers.get("x-mbx-used-weight-1m")).toBe("20");

    const refused = await signed("POST", "order", limitBuy);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      code: -1003,
      msg: "Too much request weight used; current limit is 20 request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.",
    });
    expect(refused.headers.get("x-mbx-used-weight-1m")).toBe("21");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await simOrders(sim)).toEqual([]);
    expect((await publicGet("time")).status).toBe(429);

    await freshWindow(); // the next minute on the venue's clock
    const again = await signed("POST", "order", limitBuy);
    expect(again.status).toBe(200);
    expect(again.headers.get("x-mbx-used-weight-1m")).toBe("1");
    expect(await simOrders(sim)).toHaveLength(1);
  });

  it("counts total weight and requests until reset-counters, and validates the limit", async () => {
    await control(sim, "POST", "/limits/reset-counters");
    await publicGet("time");
    await publicGet("exchangeInfo");
    await signed("GET", "account", {});
    expect(await counters()).toMatchObject({ totalWeight: 41, requests: 3 });
    expect((await control(sim, "POST", "/limits/reset-counters")).body).toMatchObject({
      totalWeight: 0,
      requests: 0,
    });
    const bad = await control<{ error: string }>(sim, "POST", "/limits", { requestWeightPerMinute: 0 });
    expect(bad.status).toBe(400);
    expect((await control(sim, "POST", "/limits", { requestWeightPerMinute: "x" })).status).toBe(400);
  });
});
