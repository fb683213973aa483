import { Decimal } from "decimal.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { parseEnv } from "@/lib/env";
import { eventsReady, subscribeEvents } from "@/lib/events/subscribe-events";
import { readRiskLimits, seedRiskLimits } from "@/lib/risk/limits/risk-limits-store";
import { appServices } from "@/lib/runtime/app-services";
import { simControl, sleep } from "@/lib/venue/testing/sim-test-helpers";
import { callRoute } from "@/test/http-client";
import { type OrderTestHarness, resetSim, startOrderTestHarness } from "@/test/order-test-harness";
import { apiTokenFor } from "@/test/principals";
import { truncateTables } from "@/test/reset-database";
import { POST as postBatch } from "../orders/batch/route";
import { POST as postOrder } from "../orders/route";
import { GET, PUT } from "./route";

// the book hub's feeds report "stale" this long after their last update (read when the harness builds it)
process.env.ORDERBOOK_STALE_AFTER_MS = "400";

let h: OrderTestHarness;
let riskToken: string;
let viewerToken: string;
let n = 0;
const key = () => `rl-key-${Date.now()}-${n++}`;
const limitBuy = (overrides: Record<string, unknown> = {}) => ({
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  quantity: "0.001",
  price: "30000",
  ...overrides,
});
const post = (json: unknown) =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token: h.token,
    json,
    headers: { "idempotency-key": key() },
  });
const noLimits = {
  maxOrderQuantity: null,
  maxOrderNotional: null,
  maxOpenOrders: null,
  maxPosition: null,
  priceBandPercent: null,
};
const put = (json: unknown, token = riskToken) =>
  callRoute(PUT, { method: "PUT", path: "/api/risk-limits", token, json });
const setLimits = async (global: Record<string, unknown>, symbols: Record<string, unknown>[] = []) => {
  const response = await put({ global: { ...noLimits, ...global }, symbols });
  expect(response.status, response.text).toBe(200);
};
/** The simulator's still book: its mid, as the app's REST fallback sees it. */
const simMid = async (symbol = "BTC/USDT") => {
  const book = await h.venue().fetchDepthSnapshot({ symbol, limit: 5 });
  return new Decimal(book.bids[0]![0]).plus(book.asks[0]![0]).dividedBy(2);
};
const ticks = (value: Decimal, rounding: Decimal.Rounding) => value.toDecimalPlaces(2, rounding).toFixed(2);

beforeAll(async () => {
  h = await startOrderTestHarness();
  riskToken = (await apiTokenFor("risk")).token;
  viewerToken = (await apiTokenFor("viewer")).token;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await resetSim(h.sim);
  await truncateTables(["Fill", "OrderEvent", "Order", "IdempotencyRecord", "RiskLimit"]);
});

describe("GET /api/risk-limits and the environment seed", () => {
  it("a viewer reads the limits the environment seeded", async () => {
    const response = await callRoute(GET, { path: "/api/risk-limits", token: viewerToken });
    expect(response.status).toBe(200);
    expect(response.json.limits).toMatchObject({
      global: { ...noLimits, maxOrderNotional: "250000", maxOpenOrders: 50 },
      symbols: [],
      updatedBy: "environment",
    });
  });

  it("seeds only while there is no global row: after that the database wins, and racing seeds are one row", async () => {
    const first = parseEnv({ RISK_MAX_ORDER_NOTIONAL: "1000", RISK_PRICE_BAND_PERCENT: "7.5" });
    await Promise.all([seedRiskLimits({ config: first }), seedRiskLimits({ config: first })]);
    expect((await readRiskLimits()).global.priceBandPercent?.toFixed()).toBe("7.5");
    await seedRiskLimits({ config: parseEnv({ RISK_MAX_ORDER_NOTIONAL: "5", RISK_MAX_POSITION: "1" }) });
    const after = await readRiskLimits();
    expect(after.global.maxOrderNotional?.toFixed()).toBe("1000");
    expect(after.global.maxPosition).toBeNull();
    expect(await prisma().riskLimit.count()).toBe(1);
  });
});

describe("PUT /api/risk-limits", () => {
  it("a trader is refused 403; risk replaces the set, audited with before and after in one row", async () => {
    const body = {
      global: { ...noLimits, maxOrderQuantity: "2" },
      symbols: [{ symbol: "ETH/USDT", ...noLimits, maxOpenOrders: 3 }],
    };
    const refused = await put(body, h.token);
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe("insufficient_role");

    const events: string[] = [];
    const stop = subscribeEvents((event) => events.push(event.type));
    await eventsReady();
    const accepted = await put(body);
    expect(accepted.status).toBe(200);
    expect(accepted.json.limits).toMatchObject({
      global: { ...noLimits, maxOrderQuantity: "2" },
      symbols: [{ symbol: "ETH/USDT", ...noLimits, maxOpenOrders: 3 }],
      updatedBy: "risk-bot",
    });
    const audit = await prisma().auditLog.findMany({ where: { action: "risk_limits.update" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      before: { global: { maxOrderNotional: "250000", maxOpenOrders: 50 }, symbols: [] },
      after: { global: { maxOrderQuantity: "2", maxOrderNotional: null }, symbols: [{ symbol: "ETH/USDT" }] },
    });
    // tickets on every instance hear of it
    for (let i = 0; i < 40 && !events.includes("risk_limits.changed"); i++) await sleep(25);
    stop();
    expect(events).toContain("risk_limits.changed");
  });

  it("refuses bad decimals, unknown symbols and unknown fields with problem+json", async () => {
    const bad = await put({ global: { ...noLimits, maxOrderQuantity: 2 }, symbols: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe("validation_failed");
    expect(bad.json.requestId).toBeTruthy();
    const unknown = await put({ global: noLimits, symbols: [{ symbol: "NOPE/USDT", ...noLimits }] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([
      { field: "symbols.0.symbol", message: "NOPE/USDT is not a listed instrument" },
    ]);
    expect((await put({ global: { ...noLimits, priceBandPercent: "101" } })).status).toBe(400);
    const extra = await put({ global: { ...noLimits, maxLoss: "5" }, symbols: [] });
    expect(extra.json.errors).toEqual([{ field: "global.maxLoss", message: expect.any(String) }]);
  });
});

describe("enforcement: 422 risk_limit_exceeded naming the limit, its value and the order's value", () => {
  it("max order quantity: at the limit placed, above refused and nothing stored", async () => {
    await setLimits({ maxOrderQuantity: "0.002" });
    expect((await post(limitBuy({ quantity: "0.002" }))).status).toBe(201);
    const refused = await post(limitBuy({ quantity: "0.00201" }));
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({
      code: "risk_limit_exceeded",
      limit: "max_order_quantity",
      limitValue: "0.002",
      orderValue: "0.00201",
      symbol: "BTC/USDT",
    });
    expect(await prisma().order.count()).toBe(1);
  });

  it("max order notional: at the limit placed, a cent above refused", async () => {
    await setLimits({ maxOrderNotional: "30" });
    expect((await post(limitBuy({ price: "30000" }))).status).toBe(201);
    expect((await post(limitBuy({ price: "30000.01" }))).json).toMatchObject({
      limit: "max_order_notional",
      limitValue: "30",
      orderValue: "30.00001",
    });
  });

  it("market order notional is measured at the mid", async () => {
    const mid = await simMid();
    await setLimits({ maxOrderNotional: mid.times("0.001").minus("0.01").toFixed() });
    const refused = await post({ symbol: "BTC/USDT", side: "buy", type: "market", quantity: "0.001" });
    expect(refused.json).toMatchObject({
      limit: "max_order_notional",
      orderValue: mid.times("0.001").toFixed(),
    });
  });

  it("max open orders and a per-symbol override of the global limit", async () => {
    await setLimits({ maxOpenOrders: 2 }, [{ symbol: "ETH/USDT", ...noLimits, maxOpenOrders: 1 }]);
    const eth = limitBuy({ symbol: "ETH/USDT", quantity: "0.01", price: "1500" });
    expect((await post(eth)).status).toBe(201);
    expect((await post(eth)).json).toMatchObject({
      limit: "max_open_orders",
      limitValue: "1",
      orderValue: "2",
      symbol: "ETH/USDT",
    });
    expect((await post(limitBuy())).status).toBe(201);
    expect((await post(limitBuy())).status).toBe(201);
    expect((await post(limitBuy())).json).toMatchObject({ limit: "max_open_orders", limitValue: "2" });
  });

  it("max position counts our fills plus same-side open orders", async () => {
    await setLimits({ maxPosition: "0.005" });
    const filled = await post({ symbol: "BTC/USDT", side: "buy", type: "market", quantity: "0.002" });
    expect(filled.json.order).toMatchObject({ status: "filled", filledQuantity: "0.002" });
    expect((await post(limitBuy({ quantity: "0.002" }))).status).toBe(201);
    // filled 0.002 + open 0.002 + 0.001 = 0.005: at the limit
    expect((await post(limitBuy({ quantity: "0.001" }))).status).toBe(201);
    expect((await post(limitBuy({ quantity: "0.0002" }))).json).toMatchObject({
      limit: "max_position",
      limitValue: "0.005",
      orderValue: "0.0052",
    });
    // a sell is the other side: 0.002 filled - 0.001 offered
    expect((await post(limitBuy({ side: "sell", quantity: "0.001", price: "60000" }))).status).toBe(201);
    // and the most it may offer is the long position plus the limit: 0.002 + 0.005 - 0.001 already offered
    expect((await post(limitBuy({ side: "sell", quantity: "0.00601", price: "60000" }))).json).toMatchObject({
      limit: "max_position",
      orderValue: "-0.00501",
    });
  });

  it("parallel requests never take a symbol past its max position or max open orders", async () => {
    await setLimits({ maxPosition: "0.005", maxOpenOrders: 8 });
    const buys = await Promise.all(Array.from({ length: 9 }, () => post(limitBuy())));
    expect(buys.filter((r) => r.status === 201)).toHaveLength(5);
    for (const r of buys.filter((r) => r.status !== 201)) expect(r.json.limit).toBe("max_position");
    const sells = await Promise.all(
      Array.from({ length: 6 }, () => post(limitBuy({ side: "sell", quantity: "0.0001", price: "60000" }))),
    );
    expect(sells.filter((r) => r.status === 201)).toHaveLength(3);
    for (const r of sells.filter((r) => r.status !== 201)) expect(r.json.limit).toBe("max_open_orders");
    expect(await prisma().order.count()).toBe(8);
  }, 60_000);

  it("a batch's later legs see its earlier legs", async () => {
    await setLimits({ maxOpenOrders: 2 });
    const response = await callRoute(postBatch, {
      method: "POST",
      path: "/api/orders/batch",
      token: h.token,
      json: { orders: [limitBuy(), limitBuy(), limitBuy()] },
      headers: { "idempotency-key": key() },
    });
    expect(response.status).toBe(422);
    expect(response.json).toMatchObject({
      limit: "max_open_orders",
      leg: 2,
      limitValue: "2",
      orderValue: "3",
    });
    expect(await prisma().order.count()).toBe(0);
  });
});

describe("price band against the live mid", () => {
  it("the band's ends are placed, a tick beyond refused with the mid and the allowed range", async () => {
    await setLimits({ priceBandPercent: "5" });
    const mid = await simMid();
    const lowest = mid.times("0.95");
    expect((await post(limitBuy({ price: ticks(lowest, Decimal.ROUND_UP) }))).status).toBe(201);
    const refused = await post(limitBuy({ price: ticks(lowest.minus("0.01"), Decimal.ROUND_DOWN) }));
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({
      code: "risk_limit_exceeded",
      limit: "price_band",
      limitValue: "5",
      mid: mid.toFixed(),
      allowedRange: { min: lowest.toFixed(), max: mid.times("1.05").toFixed() },
    });
    // the fat finger: ten times the market
    expect((await post(limitBuy({ price: ticks(mid.times(10), Decimal.ROUND_DOWN) }))).json.limit).toBe(
      "price_band",
    );
  });

  it("checks against the streamed book while it is live, and refuses limit orders once it is stale", async () => {
    await setLimits({ priceBandPercent: "5" });
    await simControl(h.sim, "POST", "market", { running: true });
    const subscription = await appServices().bookHub.subscribe("BTC/USDT");
    try {
      const feed = subscription.feed;
      for (let i = 0; i < 100 && feed.status() !== "live"; i++) await sleep(50);
      expect(feed.status()).toBe("live");
      const view = feed.view(1)!;
      const mid = new Decimal(view.bids[0]![0]).plus(view.asks[0]![0]).dividedBy(2);
      expect((await post(limitBuy({ price: ticks(mid.times("0.97"), Decimal.ROUND_DOWN) }))).status).toBe(
        201,
      );
      expect((await post(limitBuy({ price: ticks(mid.times("0.5"), Decimal.ROUND_DOWN) }))).json.limit).toBe(
        "price_band",
      );

      await simControl(h.sim, "POST", "market", { running: false });
      for (let i = 0; i < 100 && feed.status() !== "stale"; i++) await sleep(50);
      expect(feed.status()).toBe("stale");
      const stale = await post(limitBuy({ price: ticks(mid.times("0.99"), Decimal.ROUND_DOWN) }));
      expect(stale.status).toBe(422);
      expect(stale.json).toMatchObject({ limit: "price_band", limitValue: "5", orderValue: null });
      expect(stale.json.detail).toContain("order book is stale");
      // a market order has no price to band: it still goes
      expect(
        (await post({ symbol: "BTC/USDT", side: "buy", type: "market", quantity: "0.0002" })).status,
      ).not.toBe(422);
    } finally {
      subscription.release();
      await simControl(h.sim, "POST", "market", { running: false });
    }
  }, 30_000);
});
