import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { sweepOrders } from "@/lib/orders/sweep-orders";
import { simControl, sleep } from "@/lib/venue/testing/sim-test-helpers";
import { callRoute } from "@/test/http-client";
import {
  type OrderTestHarness,
  resetAppVenue,
  resetSim,
  startOrderTestHarness,
} from "@/test/order-test-harness";
import { POST as postOrder } from "./route";

// A lost answer must never become a second order: the venue refuses a repeated client order id only
// while the first order is open, so a resend is safe only once a lookup after the first request's
// execution window (its recvWindow, clock offset, margin) has found nothing.

let h: OrderTestHarness;
let n = 0;
const key = () => `unknown-outcome-${Date.now()}-${n++}`;

const post = (idempotencyKey: string, json: unknown) =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token: h.token,
    json,
    headers: { "idempotency-key": idempotencyKey },
  });

/** One of each kind of order; all but the resting limit fill against the resting sell and are no longer open. */
const ORDER_KINDS = {
  market: { symbol: "BTC/USDT", side: "buy", type: "market", quantity: "0.001" },
  "limit IOC": {
    symbol: "BTC/USDT",
    side: "buy",
    type: "limit",
    quantity: "0.001",
    price: "30000",
    timeInForce: "IOC",
  },
  "limit FOK": {
    symbol: "BTC/USDT",
    side: "buy",
    type: "limit",
    quantity: "0.001",
    price: "30000",
    timeInForce: "FOK",
  },
  "limit GTC (fills)": { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "30000" },
  "limit GTC (rests)": { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "20000" },
} as const;

beforeAll(async () => {
  h = await startOrderTestHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  // Failing lookups open the venue client's platform breaker; each test starts with a fresh client.
  await resetAppVenue();
  await resetSim(h.sim);
  await prisma().killSwitch.deleteMany({});
  // Someone else's resting sell, so market and marketable limit orders fill (and are no longer open).
  await simControl(h.sim, "POST", "synthetic-order", {
    symbol: "BTCUSDT",
    side: "SELL",
    quantity: "1",
    price: "30000",
  });
});

async function clientOrderIdOf(idempotencyKey: string): Promise<string> {
  const order = await prisma().order.findFirstOrThrow({
    where: { idempotencyRecord: { key: idempotencyKey } },
  });
  return order.clientOrderId;
}

describe("an unknown outcome is never resent blindly", () => {
  for (const [kind, body] of Object.entries(ORDER_KINDS)) {
    it(`${kind}: answer lost and every lookup failing -> 202 unknown, exactly one venue order`, async () => {
      await simControl(h.sim, "POST", "faults", {
        dropResponseAfterExecute: 1,
        endpoints: ["POST order"],
        lookupFailure: 1,
        lookupFailureMode: "5xx",
      });
      const k = key();
      const response = await post(k, body);
      await simControl(h.sim, "DELETE", "faults");
      expect(response.status, response.text).toBe(202);
      expect((response.json.order as { status: string }).status).toBe("unknown");
      expect(await h.venueOrders(await clientOrderIdOf(k))).toHaveLength(1);
    });
  }

  for (const [kind, body] of Object.entries(ORDER_KINDS)) {
    it(`${kind}: executed after the client timed out (executeAfterMs) -> one venue order, found by the lookup`, async () => {
      // VENUE_TIMEOUT_MS is 2 s in the harness; the venue executes the order at 2.5 s, inside its 3 s recvWindow.
      await simControl(h.sim, "POST", "faults", { executeAfterMs: 2500, endpoints: ["POST order"] });
      const k = key();
      const response = await post(k, body);
      await simControl(h.sim, "DELETE", "faults");
      expect([201, 422]).toContain(response.status); // FOK/IOC may expire; still one order
      expect(await h.venueOrders(await clientOrderIdOf(k))).toHaveLength(1);
    });
  }

  it("a request the venue refused at execution (older than its recvWindow) is resent only after the window", async () => {
    // Only the first attempt is held (4 s, past its 3 s recvWindow: refused by the matching engine).
    await simControl(h.sim, "POST", "faults", { executeAfterMs: 4000, endpoints: ["POST order"] });
    const k = key();
    const startedAt = Date.now();
    const pending = post(k, ORDER_KINDS["limit GTC (rests)"]);
    await sleep(300);
    await simControl(h.sim, "DELETE", "faults");
    const response = await pending;
    expect(response.status).toBe(201);
    const venueOrders = await h.venueOrders(await clientOrderIdOf(k));
    expect(venueOrders).toHaveLength(1);
    const placedAt = (venueOrders[0] as unknown as { time: number }).time;
    expect(placedAt - startedAt).toBeGreaterThanOrEqual(h.venue().executionWindowMs());
  });
});

describe("the sweeper never places an order on its own", () => {
  it("an order the venue never saw stays unknown inside its window, then is rejected as never having reached the venue", async () => {
    // Every send is answered 503 without executing: the request ends unknown after its attempts.
    await simControl(h.sim, "POST", "faults", { http5xx: 1, endpoints: ["POST order"] });
    const k = key();
    const response = await post(k, ORDER_KINDS["limit GTC (rests)"]);
    await simControl(h.sim, "DELETE", "faults");
    expect(response.status).toBe(202);
    const order = await prisma().order.findFirstOrThrow({ where: { idempotencyRecord: { key: k } } });
    expect(order.status).toBe("unknown");
    // Only this order is left for the sweeper to settle (earlier tests left unknown orders behind).
    await prisma().order.deleteMany({ where: { id: { not: order.id } } });

    // As if its last send had just been made (by a worker that died): the sweep's lookup finds
    // nothing, but the send may still execute, so the order stays unknown. (Its updatedAt is moved
    // back so the sweep's per-order lease lets it be picked up at once.)
    const sentAt = new Date();
    const stale = new Date(Date.now() - 3_600_000);
    await prisma().order.update({ where: { id: order.id }, data: { lastSendAt: sentAt, updatedAt: stale } });
    expect(await sweepOrders({ venue: h.venue() })).toMatchObject({ resolved: 0, pending: 1 });
    expect((await prisma().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("unknown");

    await sleep(sentAt.getTime() + h.venue().executionWindowMs() + 300 - Date.now());
    await prisma().order.update({ where: { id: order.id }, data: { updatedAt: stale } });
    expect(await sweepOrders({ venue: h.venue() })).toMatchObject({ resolved: 1, pending: 0 });
    const settled = await prisma().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(settled.status).toBe("rejected");
    expect(settled.rejectReason).toMatch(/never reached the venue/);
    expect(await h.venueOrders(order.clientOrderId)).toHaveLength(0);
  });
});
