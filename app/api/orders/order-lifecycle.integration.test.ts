import { Decimal } from "decimal.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { applyOwnOrderEvent } from "@/lib/orders/apply-own-order-event";
import { ownOrderStreamService } from "@/lib/orders/own-order-stream-service";
import { syncOrderFills } from "@/lib/orders/sync-order-fills";
import { deriveClientOrderId } from "@/lib/venue/port/derive-client-order-id";
import type { OwnOrderEvent } from "@/lib/venue/port/venue-types";
import { simControl, sleep } from "@/lib/venue/testing/sim-test-helpers";
import { callRoute } from "@/test/http-client";
import { type OrderTestHarness, resetSim, startOrderTestHarness } from "@/test/order-test-harness";
import { POST as cancelRoute } from "./[id]/cancel/route";
import { GET as getOrderRoute } from "./[id]/route";
import { POST as batchRoute } from "./batch/route";
import { GET as listRoute, POST as postOrder } from "./route";

let h: OrderTestHarness;
let n = 0;
const key = () => `life-${Date.now()}-${n++}`;
const leg = (overrides: Record<string, unknown> = {}) => ({
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  quantity: "0.001",
  price: "30000",
  ...overrides,
});
const post = (k: string, json: unknown) =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token: h.token,
    json,
    headers: { "idempotency-key": k },
  });
const batch = (k: string, json: unknown) =>
  callRoute(batchRoute, {
    method: "POST",
    path: "/api/orders/batch",
    token: h.token,
    json,
    headers: { "idempotency-key": k },
  });
const cancel = (k: string, id: string) =>
  callRoute(cancelRoute, {
    method: "POST",
    path: `/api/orders/${id}/cancel`,
    params: { id },
    token: h.token,
    headers: { "idempotency-key": k },
  });
const detail = async (id: string) =>
  (await callRoute(getOrderRoute, { path: `/api/orders/${id}`, params: { id }, token: h.token })).json
    .order as {
    status: string;
    filledQuantity: string;
    averagePrice: string | null;
    fills: Array<{ venueTradeId: string; price: string; quantity: string }>;
    events: Array<{ type: string; fromStatus: string | null; toStatus: string | null }>;
  };

async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(50);
  }
}

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 21 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await resetSim(h.sim);
});

describe("POST /api/orders/batch", () => {
  it("validates every leg before sending any (errors name orders.<i>.<field>); nothing stored", async () => {
    const k = key();
    const bad = await batch(k, { orders: [leg(), leg({ price: "30000.001" }), leg({ quantity: "x" })] });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("validation_failed");
    const fields = new Set((bad.json.errors as Array<{ field: string }>).map((e) => e.field));
    expect([...fields]).toEqual(["orders.2.quantity"]);
    const tick = await batch(k, { orders: [leg(), leg(), leg({ price: "30000.001" })] });
    expect(tick.json.errors).toEqual([
      { field: "orders.2.price", message: "price must be a multiple of the tick size 0.01" },
    ]);
    expect((await batch(k, { orders: [] })).status).toBe(400);
    expect((await batch(k, { orders: Array.from({ length: 11 }, () => leg()) })).status).toBe(400);
    expect(await h.venueOrders()).toHaveLength(0);
    expect(await prisma().idempotencyRecord.count({ where: { key: k } })).toBe(0);
  });

  it("places every leg with its own derived client order id; a replay returns the same bytes", async () => {
    const k = key();
    const body = {
      orders: [
        leg(),
        leg({ side: "sell", price: "90000" }),
        leg({ symbol: "ETH/USDT", side: "sell", quantity: "200", price: "1000" }),
      ],
    };
    const first = await batch(k, body);
    expect(first.status).toBe(201);
    const results = first.json.results as Array<{
      status: number;
      order: { clientOrderId: string; status: string };
      error?: { code: string };
    }>;
    expect(results.map((r) => r.status)).toEqual([201, 201, 422]);
    expect(results[2]?.error?.code).toBe("order_rejected");
    expect(results[2]?.order.status).toBe("rejected");
    const token = await prisma().apiToken.findFirstOrThrow({
      where: { role: "trader" },
      orderBy: { createdAt: "asc" },
    });
    results.forEach((result, i) => {
      expect(result.order.clientOrderId).toBe(
        deriveClientOrderId({ scope: `token:${token.id}`, key: k, leg: i }),
      );
    });
    const replay = await batch(k, body);
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await h.venueOrders()).toHaveLength(2);
  });
});

describe("POST /api/orders/{id}/cancel", () => {
  it("cancels once: 200, the replay is identical, then a new key gets 409 order_not_cancelable", async () => {
    const placed = await post(key(), leg());
    const id = (placed.json.order as { id: string }).id;
    const k = key();
    const first = await cancel(k, id);
    expect(first.status).toBe(200);
    expect(first.json.order).toMatchObject({ id, status: "canceled" });
    const replay = await cancel(k, id);
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const again = await cancel(key(), id);
    expect(again.status).toBe(409);
    expect(again.json.code).toBe("order_not_cancelable");
    expect(await prisma().auditLog.count({ where: { action: "order.cancel", target: id } })).toBe(1);
    const order = await detail(id);
    expect(order.events.map((e) => e.toStatus)).toEqual(["pending_new", "open", "canceled"]);
  });

  it("an order the venue does not know (it forgot it): 409 order_state_unknown, and the order is left as it is", async () => {
    const placed = await post(key(), leg());
    const id = (placed.json.order as { id: string }).id;
    await resetSim(h.sim); // the venue no longer has the order
    const response = await cancel(key(), id);
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({ code: "order_state_unknown", order: { id, status: "open" } });
    expect(response.json.detail).toMatch(/reconciliation will settle it/);
    expect((await detail(id)).status).toBe("open");
  });

  it("404 order_not_found for an unknown id, not stored", async () => {
    const k = key();
    const missing = await cancel(k, "00000000-0000-4000-8000-000000000001");
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe("order_not_found");
    expect(await prisma().idempotencyRecord.count({ where: { key: k } })).toBe(0);
  });

  it("an order that filled meanwhile is not cancelable (409, stored)", async () => {
    const placed = await post(key(), leg({ price: "61000", timeInForce: "IOC" }));
    const order = placed.json.order as { id: string; status: string };
    expect(order.status).toBe("filled");
    const k = key();
    const refused = await cancel(k, order.id);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("order_not_cancelable");
    expect((await cancel(k, order.id)).text).toBe(refused.text);
  });
});

describe("venue order updates", () => {
  it("repeated or stale updates change nothing; a real change still applies", async () => {
    const placed = await post(key(), leg());
    expect(placed.status).toBe(201);
    const id = (placed.json.order as { id: string }).id;
    const row = await prisma().order.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("open");
    const update = (status: "open" | "canceled"): OwnOrderEvent => ({
      type: "order",
      order: {
        venueOrderId: row.venueOrderId as string,
        clientOrderId: row.clientOrderId,
        symbol: row.symbol,
        side: row.side,
        type: row.type,
        timeInForce: row.timeInForce,
        status,
        venueStatus: status === "open" ? "NEW" : "CANCELED",
        price: "30000",
        quantity: "0.001",
        filledQuantity: "0",
        filledQuote: "0",
        createdAt: null,
        updatedAt: null,
      },
    });
    const eventCount = () => prisma().orderEvent.count({ where: { orderId: id } });
    const before = await eventCount();
    await applyOwnOrderEvent({ venue: row.venue, event: update("open") });
    expect(await eventCount()).toBe(before);
    expect((await prisma().order.findUniqueOrThrow({ where: { id } })).updatedAt).toEqual(row.updatedAt);

    await applyOwnOrderEvent({ venue: row.venue, event: update("canceled") });
    expect((await detail(id)).status).toBe("canceled");
    const afterCancel = await eventCount();
    expect(afterCancel).toBe(before + 1);

    // the venue's older "open" arriving late cannot reopen a final order
    await applyOwnOrderEvent({ venue: row.venue, event: update("open") });
    await applyOwnOrderEvent({ venue: row.venue, event: update("canceled") });
    expect((await detail(id)).status).toBe("canceled");
    expect(await eventCount()).toBe(afterCancel);
  });
});

describe("fills", () => {
  it("from the user stream and from lookups are stored once, with an exact average price", async () => {
    const service = ownOrderStreamService(h.venue());
    service.start();
    try {
      await sleep(500); // stream subscribed
      const placed = await post(key(), leg({ quantity: "0.5", price: "61000", timeInForce: "IOC" }));
      const id = (placed.json.order as { id: string }).id;
      const withFills = await waitFor(
        () => detail(id),
        (o) => new Decimal(o.fills.reduce((s, f) => s.plus(f.quantity), new Decimal(0))).eq("0.5"),
      );
      const trades = (await simControl(h.sim, "GET", "trades")) as Array<{
        id: number;
        price: string;
        qty: string;
      }>;
      expect(withFills.fills.length).toBe(trades.length);
      expect(trades.length).toBeGreaterThan(1);
      const quote = trades.reduce((s, t) => s.plus(new Decimal(t.price).times(t.qty)), new Decimal(0));
      const qty = trades.reduce((s, t) => s.plus(t.qty), new Decimal(0));
      expect(withFills.status).toBe("filled");
      expect(withFills.filledQuantity).toBe("0.5");
      expect(withFills.averagePrice).toBe(quote.div(qty).toDecimalPlaces(18).toFixed());

      // the same execution report twice, and the lookup path: nothing new
      const row = await prisma().order.findUniqueOrThrow({ where: { id } });
      const page = await h.venue().fetchTradesSince({ symbol: "BTC/USDT" });
      const trade = page.trades.find((t) => t.venueOrderId === row.venueOrderId);
      expect(trade).toBeDefined();
      const event: OwnOrderEvent = {
        type: "fill",
        trade: { ...(trade as NonNullable<typeof trade>), clientOrderId: row.clientOrderId },
      };
      await applyOwnOrderEvent({ venue: row.venue, event });
      await applyOwnOrderEvent({ venue: row.venue, event });
      expect(await syncOrderFills({ venue: h.venue(), order: row })).toBe(0);
      const after = await detail(id);
      expect(after.fills.length).toBe(trades.length);
      expect(after.filledQuantity).toBe("0.5");
      expect(after.averagePrice).toBe(withFills.averagePrice);
      expect(await prisma().fill.count({ where: { orderId: id } })).toBe(trades.length);
    } finally {
      await service.stop();
    }
  });

  it("a fill missed by the stream arrives through the lookup, once", async () => {
    const placed = await post(key(), leg({ quantity: "0.2", price: "61000", timeInForce: "IOC" }));
    const id = (placed.json.order as { id: string }).id;
    const row = await prisma().order.findUniqueOrThrow({ where: { id } });
    expect(await prisma().fill.count({ where: { orderId: id } })).toBe(0);
    const added = await syncOrderFills({ venue: h.venue(), order: row });
    expect(added).toBeGreaterThan(0);
    expect(await syncOrderFills({ venue: h.venue(), order: row })).toBe(0);
    const after = await detail(id);
    expect(after.filledQuantity).toBe("0.2");
    expect(after.fills.length).toBe(added);
  });
});

describe("GET /api/orders", () => {
  it("filters by status, symbol, side and time, newest first, with a stable cursor", async () => {
    await prisma().order.deleteMany({});
    const start = new Date();
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const response = await post(
        key(),
        leg({ side: i % 2 === 0 ? "buy" : "sell", price: i % 2 === 0 ? "30000" : "90000" }),
      );
      ids.push((response.json.order as { id: string }).id);
    }
    await cancel(key(), ids[0] as string);
    const list = async (query: Record<string, string>) => {
      const response = await callRoute(listRoute, {
        path: `/api/orders?${new URLSearchParams(query)}`,
        token: h.token,
      });
      return response;
    };
    const all = await list({ limit: "3" });
    expect(all.status).toBe(200);
    const seen: string[] = [];
    let page = all.json as { orders: Array<{ id: string }>; nextCursor: string | null };
    for (;;) {
      seen.push(...page.orders.map((o) => o.id));
      if (!page.nextCursor) break;
      page = (await list({ limit: "3", cursor: page.nextCursor })).json as typeof page;
    }
    expect(seen).toEqual([...ids].reverse());
    const sells = (await list({ side: "sell" })).json.orders as Array<{ side: string }>;
    expect(sells).toHaveLength(3);
    const canceled = (await list({ status: "canceled,filled" })).json.orders as Array<{ id: string }>;
    expect(canceled.map((o) => o.id)).toEqual([ids[0]]);
    expect(((await list({ symbol: "ETH/USDT" })).json.orders as unknown[]).length).toBe(0);
    expect(((await list({ from: start.toISOString() })).json.orders as unknown[]).length).toBe(7);
    expect(((await list({ to: start.toISOString() })).json.orders as unknown[]).length).toBe(0);
    expect((await list({ status: "nope" })).status).toBe(400);
    expect((await list({ limit: "201" })).status).toBe(400);
    expect((await list({ cursor: "garbage" })).status).toBe(400);
  });
});
