import ccxt from "ccxt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSimCcxtClient } from "./ccxt-client.js";
import { type SimHandle, startSim } from "./start-sim.js";
import { control, eventually, signedRequest, simOrders, sleep } from "./testing/sim-control.js";

type Client = ReturnType<typeof createSimCcxtClient>;

let sim: SimHandle;
let ex: Client;
const extraClients: Client[] = [];

async function bestPrices(symbol = "BTCUSDT") {
  const res = await fetch(`${sim.restUrl}/api/v3/depth?symbol=${symbol}&limit=5`);
  const book = (await res.json()) as { bids: [string, string][]; asks: [string, string][] };
  return { bid: Number(book.bids[0]?.[0]), ask: Number(book.asks[0]?.[0]) };
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  sim = await startSim({ port: 0, market: false, seed: 42 });
  ex = createSimCcxtClient(sim);
  await ex.loadMarkets();
});

afterAll(async () => {
  for (const c of [ex, ...extraClients]) await c.close();
  await sim.close();
});

beforeEach(async () => {
  await control(sim, "POST", "/reset");
});

describe("market data through ccxt", () => {
  it("loads the three spot markets with Binance's filters", () => {
    expect(Object.keys(ex.markets ?? {}).sort()).toEqual(["BTC/USDT", "ETH/USDT", "SOL/USDT"]);
    const btc = ex.market("BTC/USDT");
    expect(btc.active).toBe(true);
    expect(btc.precision).toMatchObject({ price: 0.01, amount: 0.00001 });
    expect(btc.limits.cost?.min).toBe(5);
    expect(btc.limits.amount).toMatchObject({ min: 0.00001, max: 9000 });
  });

  it("fetches time, deep order books and recent trades", async () => {
    const time = await ex.fetchTime();
    expect(Math.abs((time ?? 0) - Date.now())).toBeLessThan(2000);
    const book = await ex.fetchOrderBook("BTC/USDT", 5000);
    expect(book.bids.length).toBeGreaterThan(100);
    expect(book.asks.length).toBeGreaterThan(100);
    expect(book.bids[0]![0]!).toBeLessThan(book.asks[0]![0]!);
    expect(typeof book.nonce).toBe("number");

    await control(sim, "POST", "/synthetic-order", { symbol: "BTCUSDT", side: "BUY", quantity: "0.01" });
    const trades = await ex.fetchTrades("BTC/USDT");
    expect(trades.length).toBeGreaterThan(0);
    expect(trades.at(-1)?.side).toBe("buy");
  });

  it("keeps watchOrderBook identical to the venue's book while it changes", async () => {
    let ob = await ex.watchOrderBook("ETH/USDT");
    const { bid, ask } = await bestPrices("ETHUSDT");
    const changes = [
      { symbol: "ETHUSDT", side: "BUY", quantity: "1.5", price: (bid + 0.01).toFixed(2) },
      { symbol: "ETHUSDT", side: "SELL", quantity: "0.3", price: (ask - 0.01).toFixed(2) },
      { symbol: "ETHUSDT", side: "SELL", quantity: "2" },
    ];
    for (const c of changes) await control(sim, "POST", "/synthetic-order", c);
    const snapshot = await eventually(async () => {
      const res = await fetch(`${sim.restUrl}/api/v3/depth?symbol=ETHUSDT&limit=5000`);
      const snap = (await res.json()) as {
        lastUpdateId: number;
        bids: [string, string][];
        asks: [string, string][];
      };
      ob = await ex.watchOrderBook("ETH/USDT");
      return ob.nonce === snap.lastUpdateId ? snap : undefined;
    });
    const toNumbers = (side: [string, string][]) => side.map(([p, q]) => [Number(p), Number(q)]);
    expect(ob.bids.slice(0, 500)).toEqual(toNumbers(snapshot.bids).slice(0, 500));
    expect(ob.asks.slice(0, 500)).toEqual(toNumbers(snapshot.asks).slice(0, 500));
  });

  it("streams public trades", async () => {
    const pending = ex.watchTrades("SOL/USDT");
    await sleep(100);
    await control(sim, "POST", "/synthetic-order", { symbol: "SOLUSDT", side: "SELL", quantity: "3" });
    const trades = await pending;
    expect(trades.at(-1)).toMatchObject({ symbol: "SOL/USDT", side: "sell" });
  });
});

describe("orders through ccxt", () => {
  it("creates, fetches and cancels by clientOrderId", async () => {
    const { bid } = await bestPrices();
    const price = Math.floor(bid * 0.9);
    const created = await ex.createOrder("BTC/USDT", "limit", "buy", 0.01, price, {
      clientOrderId: "tally-1",
    });
    expect(created).toMatchObject({ clientOrderId: "tally-1", status: "open", price, amount: 0.01 });

    const fetched = await ex.fetchOrder(undefined as unknown as string, "BTC/USDT", {
      clientOrderId: "tally-1",
    });
    expect(fetched.id).toBe(created.id);
    expect((await ex.fetchOpenOrders("BTC/USDT")).map((o) => o.id)).toEqual([created.id]);

    const cancelled = await ex.cancelOrder(undefined as unknown as string, "BTC/USDT", {
      origClientOrderId: "tally-1",
    });
    expect(cancelled.status).toBe("canceled");
    const venue = await simOrders(sim);
    expect(venue).toEqual([
      expect.objectContaining({
        clientOrderId: "tally-1",
        status: "CANCELED",
        side: "BUY",
        type: "LIMIT",
        origQty: "0.01000000",
        executedQty: "0.00000000",
        price: `${price}.00000000`,
      }),
    ]);
    expect((await ex.fetchOrders("BTC/USDT")).map((o) => o.status)).toEqual(["canceled"]);
  });

  it("fills a marketable limit order against synthetic liquidity, with fees and balances", async () => {
    const before = await ex.fetchBalance();
    const { ask } = await bestPrices();
    const order = await ex.createOrder("BTC/USDT", "limit", "buy", 0.002, ask + 50);
    expect(order.status).toBe("closed");
    expect(order.filled).toBe(0.002);
    expect(order.average).toBeLessThanOrEqual(ask + 50);
    const trades = await ex.fetchMyTrades("BTC/USDT");
    expect(trades).toHaveLength(order.trades.length);
    expect(trades[0]).toMatchObject({ side: "buy", takerOrMaker: "taker", fee: { currency: "BTC" } });
    const fee = trades.reduce((s, t) => s + (t.fee?.cost ?? 0), 0);
    expect(fee).toBeCloseTo(0.000002, 10);
    const after = await ex.fetchBalance();
    const total = (b: typeof before, asset: string) => Number(b[asset]?.total ?? Number.NaN);
    expect(total(after, "BTC") - total(before, "BTC")).toBeCloseTo(0.002 - fee, 10);
    expect(total(before, "USDT") - total(after, "USDT")).toBeCloseTo(order.cost ?? Number.NaN, 6);
  });

  it("supports market orders by quantity and by cost", async () => {
    const byQty = await ex.createOrder("ETH/USDT", "market", "sell", 0.05);
    expect(byQty).toMatchObject({ status: "closed", filled: 0.05 });
    const byCost = await ex.createMarketOrderWithCost("ETH/USDT", "buy", 100);
    expect(byCost.status).toBe("closed");
    expect(byCost.cost).toBeLessThanOrEqual(100);
    expect(byCost.cost).toBeGreaterThan(95);
  });

  it("pages myTrades with fromId and startTime", async () => {
    for (let i = 0; i < 3; i++) await ex.createOrder("SOL/USDT", "market", "buy", 1);
    const all = await ex.fetchMyTrades("SOL/USDT");
    expect(all.length).toBeGreaterThanOrEqual(3);
    const ids = all.map((t) => Number(t.id));
    const from = ids[1]!;
    const page = await ex.fetchMyTrades("SOL/USDT", undefined, 2, { fromId: from });
    expect(page.map((t) => Number(t.id))).toEqual(ids.filter((id) => id >= from).slice(0, 2));
    const since = await ex.fetchMyTrades("SOL/USDT", all[0]!.timestamp);
    expect(since.length).toBe(all.length);
  });

  it("delivers execution reports on watchOrders and watchMyTrades, including later fills", async () => {
    const { bid } = await bestPrices();
    const ordersFeed = ex.watchOrders("BTC/USDT");
    const myTradesFeed = ex.watchMyTrades("BTC/USDT");
    await sleep(200);
    const price = bid + 1;
    const order = await ex.createOrder("BTC/USDT", "limit", "buy", 0.003, price, {
      clientOrderId: "resting-1",
    });
    const first = await ordersFeed;
    expect(first.at(-1)).toMatchObject({ id: order.id, status: "open", clientOrderId: "resting-1" });

    // Someone sells into our bid: a delayed fill.
    const nextOrderUpdate = ex.watchOrders("BTC/USDT");
    await control(sim, "POST", "/synthetic-order", { symbol: "BTCUSDT", side: "SELL", quantity: "0.003" });
    const trades = await myTradesFeed;
    expect(trades.at(-1)).toMatchObject({
      order: order.id,
      side: "buy",
      takerOrMaker: "maker",
      amount: 0.003,
      price,
    });
    const updated = (await nextOrderUpdate).filter((o) => o.id === order.id).at(-1);
    expect(updated).toMatchObject({ status: "closed", filled: 0.003 });
  });

  it("publishes balance changes on watchBalance", async () => {
    const feed = ex.watchBalance();
    await sleep(200);
    await ex.createOrder("SOL/USDT", "limit", "sell", 2, 500);
    const balance = await feed;
    expect(balance.SOL).toMatchObject({ used: 2 });
  });
});

describe("errors as ccxt sees them", () => {
  it("duplicate clientOrderId of an open order", async () => {
    const { bid } = await bestPrices();
    await ex.createOrder("BTC/USDT", "limit", "buy", 0.001, Math.floor(bid * 0.9), {
      clientOrderId: "dup-1",
    });
    const err = await rejectionOf(
      ex.createOrder("BTC/USDT", "limit", "buy", 0.001, Math.floor(bid * 0.9), { clientOrderId: "dup-1" }),
    );
    expect(err).toBeInstanceOf(ccxt.InvalidOrder);
    expect(err.message).toContain("Duplicate order sent.");
  });

  it("insufficient balance, filter failures and unknown orders", async () => {
    expect(await rejectionOf(ex.createOrder("BTC/USDT", "limit", "buy", 100, 50000))).toBeInstanceOf(
      ccxt.InsufficientFunds,
    );
    const res = await signedRequest(sim, "POST", "order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      quantity: "0.001",
      price: "50000.005",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: -1013, msg: "Filter failure: PRICE_FILTER" });
    expect(await rejectionOf(ex.cancelOrder("123456789", "BTC/USDT"))).toBeInstanceOf(ccxt.OrderNotFound);
    expect(await rejectionOf(ex.fetchOrder("123456789", "BTC/USDT"))).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it("bad signature, unknown key and stale timestamp", async () => {
    const wrongSecret = createSimCcxtClient({ ...sim, apiSecret: "nope" });
    const wrongKey = createSimCcxtClient({ ...sim, apiKey: "nobody" });
    extraClients.push(wrongSecret, wrongKey);
    expect(await rejectionOf(wrongSecret.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);
    expect(await rejectionOf(wrongKey.fetchBalance())).toBeInstanceOf(ccxt.AuthenticationError);

    const bad = await signedRequest(sim, "GET", "account", {}, { secret: "nope" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: number }).code).toBe(-1022);
    const unknown = await signedRequest(sim, "GET", "account", {}, { apiKey: "nobody" });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { code: number }).code).toBe(-2015);
    const missing = await signedRequest(sim, "GET", "account", {}, { apiKey: null });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { code: number }).code).toBe(-2014);
    const stale = await signedRequest(sim, "GET", "account", {}, { timestamp: Date.now() - 60_000 });
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { code: number }).code).toBe(-1021);

    const skewed = createSimCcxtClient(sim);
    extraClients.push(skewed);
    skewed.options.timeDifference = 30_000;
    expect(await rejectionOf(skewed.fetchBalance())).toBeInstanceOf(ccxt.InvalidNonce);
  });
});
