import { beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "../errors.js";
import { Account } from "./account.js";
import { VenueClock } from "./clock.js";
import { MatchingEngine, type PlaceOrderRequest } from "./matching-engine.js";
import type { AccountOrder, ExecutionType } from "./types.js";
import { formatUnits, units } from "./units.js";

const BALANCES = { USDT: units("100000"), BTC: units("2"), ETH: units("10"), SOL: units("100") };

let engine: MatchingEngine;
let account: Account;
let nextId = 0;
let events: Array<{ orderId: number; x: ExecutionType; status: string }>;

function limit(side: "BUY" | "SELL", qty: string, price: string, extra: Partial<PlaceOrderRequest> = {}) {
  return engine.placeOrder("me", {
    symbol: "BTCUSDT",
    side,
    type: "LIMIT",
    timeInForce: "GTC",
    quantity: units(qty),
    price: units(price),
    clientOrderId: `c${++nextId}`,
    ...extra,
  });
}

function synth(side: "BUY" | "SELL", qty: string, price: string | null) {
  return engine.placeSynthetic("BTCUSDT", side, units(qty), price === null ? null : units(price));
}

function bal(asset: string) {
  const b = account.balance(asset);
  return { free: formatUnits(b.free), locked: formatUnits(b.locked) };
}

function rejection(fn: () => unknown): { code: number; msg: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return { code: err.code, msg: err.msg };
    throw err;
  }
  throw new Error("expected a rejection");
}

beforeEach(() => {
  engine = new MatchingEngine(new VenueClock());
  account = new Account("me", "k", "s", BALANCES);
  engine.addAccount(account);
  events = [];
  engine.listen({ order: (o, x) => events.push({ orderId: o.orderId, x, status: o.status }) });
});

describe("price-time priority", () => {
  it("fills better prices first, then earlier orders at the same price", () => {
    const a = limit("SELL", "0.1", "60010");
    const b = limit("SELL", "0.1", "60000");
    const first = synth("SELL", "0.1", "60005");
    const c = limit("SELL", "0.1", "60000");
    const taker = engine.placeSynthetic("BTCUSDT", "BUY", units("0.25"), units("60010"));
    expect(taker).toBeGreaterThan(0);
    expect(b.order.status).toBe("FILLED");
    expect(c.order.status).toBe("FILLED");
    expect(engine.isSyntheticResting(first)).toBe(true);
    expect(formatUnits(engine.book("BTCUSDT").totalAt("SELL", units("60005")))).toBe("0.05000000");
    expect(a.order.status).toBe("NEW");
    expect(formatUnits(engine.book("BTCUSDT").totalAt("SELL", units("60010")))).toBe("0.10000000");
    // 0.25 = 0.1 @60000 (b) + 0.1 @60000 (c) + 0.05 of the synthetic @60005
    const trades = engine.recentTrades("BTCUSDT").map((t) => [formatUnits(t.price), formatUnits(t.qty)]);
    expect(trades).toEqual([
      ["60000.00000000", "0.10000000"],
      ["60000.00000000", "0.10000000"],
      ["60005.00000000", "0.05000000"],
    ]);
  });

  it("partially fills a resting order and keeps the rest on the book", () => {
    const { order } = limit("BUY", "0.3", "59000");
    synth("SELL", "0.1", null);
    expect(order.status).toBe("PARTIALLY_FILLED");
    expect(formatUnits(order.executedQty)).toBe("0.10000000");
    expect(order.remaining).toBe(units("0.2"));
    expect(formatUnits(engine.book("BTCUSDT").totalAt("BUY", units("59000")))).toBe("0.20000000");
    expect(events.map((e) => e.x)).toEqual(["NEW", "TRADE"]);
  });

  it("an incoming limit order takes liquidity up to its price and rests the remainder", () => {
    synth("SELL", "0.1", "60000");
    synth("SELL", "0.1", "60100");
    const { order, fills } = limit("BUY", "0.3", "60050");
    expect(fills.map((f) => formatUnits(f.price))).toEqual(["60000.00000000"]);
    expect(order.status).toBe("PARTIALLY_FILLED");
    expect(order.isWorking).toBe(true);
    expect(engine.book("BTCUSDT").bestPrice("BUY")).toBe(units("60050"));
  });
});

describe("time in force", () => {
  it("IOC fills what it can and expires the rest", () => {
    synth("SELL", "0.1", "60000");
    const { order, fills } = limit("BUY", "0.3", "60000", { timeInForce: "IOC" });
    expect(fills).toHaveLength(1);
    expect(order.status).toBe("EXPIRED");
    expect(formatUnits(order.executedQty)).toBe("0.10000000");
    expect(engine.book("BTCUSDT").bestPrice("BUY")).toBeUndefined();
    expect(bal("USDT").locked).toBe("0.00000000");
  });

  it("FOK expires without any fill when it cannot fill completely", () => {
    synth("SELL", "0.1", "60000");
    const { order, fills } = limit("BUY", "0.3", "60000", { timeInForce: "FOK" });
    expect(fills).toHaveLength(0);
    expect(order.status).toBe("EXPIRED");
    expect(engine.book("BTCUSDT").totalAt("SELL", units("60000"))).toBe(units("0.1"));
  });

  it("FOK fills completely when liquidity suffices", () => {
    synth("SELL", "0.2", "60000");
    synth("SELL", "0.2", "60001");
    const { order } = limit("BUY", "0.3", "60001", { timeInForce: "FOK" });
    expect(order.status).toBe("FILLED");
  });

  it("LIMIT_MAKER is rejected when it would take", () => {
    synth("SELL", "0.1", "60000");
    expect(
      rejection(() => limit("BUY", "0.1", "60000", { type: "LIMIT_MAKER", timeInForce: undefined })),
    ).toEqual({ code: -2010, msg: "Order would immediately match and take." });
  });
});

describe("market orders", () => {
  it("buy by quantity walks the book and pays the actual cost", () => {
    synth("SELL", "0.1", "60000");
    synth("SELL", "0.1", "60010");
    const before = account.balance("USDT").free;
    const { order, fills } = engine.placeOrder("me", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: units("0.15"),
      clientOrderId: "m1",
    });
    expect(order.status).toBe("FILLED");
    expect(fills.map((f) => formatUnits(f.qty))).toEqual(["0.10000000", "0.05000000"]);
    const cost = units("6000") + units("3000.5");
    expect(formatUnits(order.cummulativeQuoteQty)).toBe(formatUnits(cost));
    expect(before - account.balance("USDT").free).toBe(cost);
    expect(bal("USDT").locked).toBe("0.00000000");
  });

  it("buy by quoteOrderQty spends at most that much quote", () => {
    synth("SELL", "1", "50000");
    const { order } = engine.placeOrder("me", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "MARKET",
      quoteOrderQty: units("1000"),
      clientOrderId: "q1",
    });
    expect(order.status).toBe("FILLED");
    expect(formatUnits(order.executedQty)).toBe("0.02000000");
    expect(formatUnits(order.cummulativeQuoteQty)).toBe("1000.00000000");
    expect(formatUnits(order.origQuoteOrderQty)).toBe("1000.00000000");
  });

  it("expires the unfilled part when the book runs out", () => {
    synth("BUY", "0.1", "59000");
    const { order } = engine.placeOrder("me", {
      symbol: "BTCUSDT",
      side: "SELL",
      type: "MARKET",
      quantity: units("0.5"),
      clientOrderId: "m2",
    });
    expect(order.status).toBe("EXPIRED");
    expect(formatUnits(order.executedQty)).toBe("0.10000000");
    expect(bal("BTC")).toEqual({ free: "1.90000000", locked: "0.00000000" });
  });
});

describe("fees and balances", () => {
  it("locks funds for a resting order and releases them on cancel", () => {
    const { order } = limit("BUY", "0.5", "50000");
    expect(bal("USDT")).toEqual({ free: "75000.00000000", locked: "25000.00000000" });
    engine.cancelOrder("me", "BTCUSDT", { orderId: order.orderId });
    expect(order.status).toBe("CANCELED");
    expect(bal("USDT")).toEqual({ free: "100000.00000000", locked: "0.00000000" });
  });

  it("charges the taker fee in the received asset and refunds price improvement", () => {
    synth("SELL", "0.1", "59000");
    const { fills } = limit("BUY", "0.1", "60000");
    expect(fills[0]).toMatchObject({ commission: units("0.0001"), commissionAsset: "BTC", isMaker: false });
    expect(bal("BTC")).toEqual({ free: "2.09990000", locked: "0.00000000" });
    expect(bal("USDT")).toEqual({ free: "94100.00000000", locked: "0.00000000" });
  });

  it("charges the maker fee in quote when a resting sell is hit", () => {
    const { order } = limit("SELL", "0.2", "61000");
    expect(bal("BTC").locked).toBe("0.20000000");
    synth("BUY", "0.2", null);
    expect(order.status).toBe("FILLED");
    const trade = engine.accountTrades[0];
    expect(trade).toMatchObject({ isMaker: true, commissionAsset: "USDT", commission: units("12.2") });
    expect(bal("USDT").free).toBe("112187.80000000");
    expect(bal("BTC")).toEqual({ free: "1.80000000", locked: "0.00000000" });
  });

  it("rejects orders the account cannot pay for, leaving nothing behind", () => {
    expect(rejection(() => limit("BUY", "2", "60000"))).toEqual({
      code: -2010,
      msg: "Account has insufficient balance for requested action.",
    });
    expect(engine.accountOrders("me")).toHaveLength(0);
    expect(bal("USDT").free).toBe("100000.00000000");
  });
});

describe("validation", () => {
  it("enforces tick size, lot size and min notional with -1013", () => {
    expect(rejection(() => limit("BUY", "0.1", "60000.001"))).toEqual({
      code: -1013,
      msg: "Filter failure: PRICE_FILTER",
    });
    expect(rejection(() => limit("BUY", "0.000015", "60000"))).toEqual({
      code: -1013,
      msg: "Filter failure: LOT_SIZE",
    });
    expect(rejection(() => limit("BUY", "0.00001", "60000"))).toEqual({
      code: -1013,
      msg: "Filter failure: NOTIONAL",
    });
  });

  it("rejects a client order id that is used by an open order, but allows reuse once it is closed", () => {
    const { order } = limit("BUY", "0.1", "50000", { clientOrderId: "same" });
    expect(rejection(() => limit("BUY", "0.1", "50000", { clientOrderId: "same" }))).toEqual({
      code: -2010,
      msg: "Duplicate order sent.",
    });
    engine.cancelOrder("me", "BTCUSDT", { origClientOrderId: "same" });
    expect(order.status).toBe("CANCELED");
    const again = limit("BUY", "0.1", "50000", { clientOrderId: "same" });
    expect(engine.getOrder("me", "BTCUSDT", { origClientOrderId: "same" }).orderId).toBe(again.order.orderId);
  });

  it("answers unknown orders with -2011 on cancel and -2013 on query", () => {
    expect(rejection(() => engine.cancelOrder("me", "BTCUSDT", { orderId: 999 })).code).toBe(-2011);
    expect(rejection(() => engine.getOrder("me", "BTCUSDT", { orderId: 999 })).code).toBe(-2013);
  });
});

describe("self-trade prevention", () => {
  it("expires our own resting order instead of trading with it (EXPIRE_MAKER)", () => {
    const { order: maker } = limit("SELL", "0.1", "60000");
    synth("SELL", "0.1", "60001");
    const { order: taker } = limit("BUY", "0.1", "60001");
    expect(maker.status).toBe("EXPIRED_IN_MATCH");
    expect(taker.status).toBe("FILLED");
    expect(engine.accountTrades.every((t) => t.orderId === taker.orderId)).toBe(true);
  });
});

describe("delayed activation", () => {
  it("acknowledges immediately and matches later", async () => {
    synth("SELL", "0.1", "60000");
    const { order, fills } = engine.placeOrder(
      "me",
      { symbol: "BTCUSDT", side: "BUY", type: "MARKET", quantity: units("0.1"), clientOrderId: "d1" },
      { deferMs: 20 },
    );
    expect(fills).toHaveLength(0);
    expect((order as AccountOrder).status).toBe("NEW");
    await new Promise((r) => setTimeout(r, 60));
    expect(order.status).toBe("FILLED");
    engine.close();
  });
});
