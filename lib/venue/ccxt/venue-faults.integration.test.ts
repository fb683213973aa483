import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSim } from "../../../sim/start-sim";
import { deriveClientOrderId } from "../port/derive-client-order-id";
import type { DepthDiff } from "../port/market-data-types";
import { VenueAuthError, VenueCircuitOpenError } from "../port/venue-errors";
import type { OwnOrderEvent, PlaceOrderRequest } from "../port/venue-types";
import { collect, createSimVenue, type Sim, simControl, simOrders, sleep } from "../testing/sim-test-helpers";
import type { AuthBreakerOpenEvent, CcxtVenue } from "./ccxt-venue";

let sim: Sim;
let venue: CcxtVenue;
let n = 0;

const order = (): PlaceOrderRequest => ({
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  quantity: "0.001",
  price: "30000",
  clientOrderId: deriveClientOrderId({ scope: "faults-it", key: `${Date.now()}-${n++}` }),
});

/** Backoff sleeps that first run `hook` (e.g. clear the faults), so a retry meets a healthy venue. */
function sleepWithHook(hook: () => Promise<void>) {
  const delays: number[] = [];
  let hooked = false;
  return {
    delays,
    sleep: async (ms: number) => {
      delays.push(ms);
      if (!hooked) {
        hooked = true;
        await hook();
      }
      await sleep(Math.min(ms, 20));
    },
  };
}

beforeAll(async () => {
  sim = await startSim({ port: 0, seed: 7, market: true, diffsPerSecond: 50 });
});
afterAll(async () => {
  await sim?.close();
});
afterEach(async () => {
  await venue?.close();
  await simControl(sim, "DELETE", "faults");
});

describe("venue adapter fault handling (simulator)", () => {
  it("timeout after execute: the lookup finds the order and the venue holds exactly one", async () => {
    venue = createSimVenue(sim, { timeoutMs: 500 });
    await venue.loadInstruments();
    await simControl(sim, "POST", "faults", {
      dropResponseAfterExecute: 1,
      endpoints: ["POST order"],
      seed: 7,
    });
    const request = order();
    const result = await venue.placeOrder(request);
    expect(result).toMatchObject({ status: "accepted", recovered: true, attempts: 1 });
    const mine = (await simOrders(sim)).filter((o) => o.clientOrderId === request.clientOrderId);
    expect(mine).toHaveLength(1);
    expect(venue.getCounters().recoveredByLookup).toBe(1);
  });

  it("5xx: retried with the same client order id, one venue order", async () => {
    const hook = sleepWithHook(async () => {
      await simControl(sim, "DELETE", "faults");
    });
    venue = createSimVenue(sim, {}, { sleep: hook.sleep });
    await venue.loadInstruments();
    await simControl(sim, "POST", "faults", { http5xx: 1, endpoints: ["POST order"], seed: 7 });
    const request = order();
    const result = await venue.placeOrder(request);
    expect(result).toMatchObject({ status: "accepted", attempts: 2 });
    const attempts = venue.getRequestLog().filter((r) => r.endpoint === "createOrder");
    expect(attempts.map((r) => [r.attempt, r.ok, r.errorKind ?? null])).toEqual([
      [1, false, "transient"],
      [2, true, null],
    ]);
    const mine = (await simOrders(sim)).filter((o) => o.clientOrderId === request.clientOrderId);
    expect(mine).toHaveLength(1);
  });

  it("5xx on every attempt: outcome unknown (never rejected), at most 3 attempts", async () => {
    venue = createSimVenue(sim);
    await venue.loadInstruments();
    await simControl(sim, "POST", "faults", { http5xx: 1, endpoints: ["POST order"], seed: 7 });
    const result = await venue.placeOrder(order());
    expect(result).toMatchObject({ status: "unknown", attempts: 3 });
    expect(venue.getCounters().unknownOutcomes).toBe(1);
  });

  it("429: backs off for at least Retry-After and lowers concurrency, then succeeds", async () => {
    let privateLimitDuringBackoff: number | undefined;
    const hook = sleepWithHook(async () => {
      privateLimitDuringBackoff = venue.concurrency().private.limit;
      await simControl(sim, "DELETE", "faults");
    });
    venue = createSimVenue(sim, {}, { sleep: hook.sleep });
    await venue.loadInstruments();
    await simControl(sim, "POST", "faults", {
      http429: 1,
      retryAfterSec: 1,
      endpoints: ["POST order"],
      seed: 7,
    });
    const request = order();
    const result = await venue.placeOrder(request);
    expect(result.status).toBe("accepted");
    const attempts = venue.getRequestLog().filter((r) => r.endpoint === "createOrder");
    expect(attempts[0]).toMatchObject({
      attempt: 1,
      ok: false,
      errorKind: "rate_limit",
      httpStatus: 429,
      retryAfterMs: 1_000,
    });
    expect(attempts[0]?.nextDelayMs).toBeGreaterThanOrEqual(1_000);
    expect(attempts[1]).toMatchObject({ attempt: 2, ok: true });
    expect(hook.delays[0]).toBeGreaterThanOrEqual(1_000);
    expect(privateLimitDuringBackoff).toBe(1);
    expect(venue.getCounters().rateLimited).toBe(1);
    const mine = (await simOrders(sim)).filter((o) => o.clientOrderId === request.clientOrderId);
    expect(mine).toHaveLength(1);
  });

  it("auth error (wrong secret): exactly one request, no retry, breaker opens, callback fires", async () => {
    const opened: AuthBreakerOpenEvent[] = [];
    venue = createSimVenue(
      sim,
      { apiSecret: "wrong-secret-value" },
      { onAuthBreakerOpen: (event) => opened.push(event) },
    );
    await venue.loadInstruments();
    const before = (await simOrders(sim)).length;
    const request = order();
    const result = await venue.placeOrder(request);
    expect(result.status).toBe("rejected");
    if (result.status === "rejected") {
      expect(result.error).toBeInstanceOf(VenueAuthError);
      expect(result.error.message).not.toContain("wrong-secret-value");
      expect(result.attempts).toBe(1);
    }
    const privateRequests = venue.getRequestLog().filter((r) => r.endpointClass === "private");
    expect(privateRequests).toHaveLength(1);
    expect(opened).toHaveLength(1);
    expect(venue.breakerStates().auth).toBe("open");
    await expect(venue.fetchBalances()).rejects.toBeInstanceOf(VenueCircuitOpenError);
    expect(venue.getRequestLog().filter((r) => r.endpointClass === "private")).toHaveLength(1);
    expect((await simOrders(sim)).length).toBe(before);
  });

  it("websocket disconnect: the depth stream reconnects and counts it", async () => {
    venue = createSimVenue(sim);
    const connections: boolean[] = [];
    const stream = collect<DepthDiff>(
      venue.watchDepthDiffs({ symbol: "BTC/USDT", onConnectionChange: (up) => connections.push(up) }),
      () => connections.filter(Boolean).length >= 2,
      15_000,
    );
    await sleep(300);
    await simControl(sim, "POST", "faults", { wsDisconnectEveryMs: 500, seed: 7 });
    await stream.done;
    expect(connections.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(venue.getCounters().wsReconnects.marketData).toBeGreaterThanOrEqual(1);
  });

  it("websocket disconnect: the own-order stream reconnects and says so (a resync event), without lookups of its own", async () => {
    venue = createSimVenue(sim);
    const request = order();
    const stream = collect<OwnOrderEvent>(
      venue.watchOwnOrders({ symbol: "BTC/USDT" }),
      (event) => event.type === "resync",
      15_000,
    );
    await sleep(300);
    const placed = await venue.placeOrder(request);
    expect(placed.status).toBe("accepted");
    await simControl(sim, "POST", "faults", { wsDisconnectEveryMs: 500, seed: 7 });
    const events = await stream.done;
    expect(events.find((event) => event.type === "resync")).toEqual({ type: "resync", reason: "reconnect" });
    expect(venue.getCounters().wsReconnects.ownOrders).toBeGreaterThanOrEqual(1);
    expect(venue.getCounters().ownOrderResyncs).toBeGreaterThanOrEqual(1);
    await simControl(sim, "DELETE", "faults");
    await venue.cancelOrder({ symbol: "BTC/USDT", clientOrderId: request.clientOrderId });
  });
});
