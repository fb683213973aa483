import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSim } from "../../../sim/start-sim";
import { deriveClientOrderId } from "../port/derive-client-order-id";
import type { OwnOrderEvent } from "../port/venue-types";
import { collect, createSimVenue, type Sim, simControl, sleep } from "../testing/sim-test-helpers";
import type { CcxtVenue } from "./ccxt-venue";

let sim: Sim;
let venue: CcxtVenue;
let n = 0;
const cid = () => deriveClientOrderId({ scope: "venue-it", key: `${Date.now()}-${n++}` });

beforeAll(async () => {
  sim = await startSim({ port: 0, seed: 11, market: true, diffsPerSecond: 20 });
});
afterAll(async () => {
  await sim?.close();
});
afterEach(async () => {
  await venue?.close();
  await simControl(sim, "DELETE", "faults");
});

describe("CcxtVenue against the simulator", () => {
  it("loads instruments, balances and health", async () => {
    venue = createSimVenue(sim);
    const instruments = await venue.loadInstruments();
    const btc = instruments.find((instrument) => instrument.symbol === "BTC/USDT");
    expect(btc).toMatchObject({
      tickSize: "0.01",
      lotSize: "0.00001",
      minNotional: "5",
      venueSymbol: "BTCUSDT",
    });
    const { balances } = await venue.fetchBalances();
    const usdt = balances.find((balance) => balance.asset === "USDT");
    expect(usdt?.free).toMatch(/^\d+(\.\d+)?$/);
    const health = await venue.checkHealth();
    expect(health).toMatchObject({ reachable: true, error: null, clockOffsetWarning: false });
    expect(typeof health.latencyMs).toBe("number");
    expect(Math.abs(health.clockOffsetMs ?? Number.POSITIVE_INFINITY)).toBeLessThan(1_000);
  });

  it("places, looks up, lists and cancels an order by client order id", async () => {
    venue = createSimVenue(sim);
    const clientOrderId = cid();
    const placed = await venue.placeOrder({
      symbol: "BTC/USDT",
      side: "buy",
      type: "limit",
      quantity: "0.001",
      price: "30000.01",
      clientOrderId,
    });
    expect(placed.status).toBe("accepted");
    if (placed.status !== "accepted") return;
    expect(placed.order).toMatchObject({
      clientOrderId,
      price: "30000.01",
      quantity: "0.001",
      status: "open",
    });

    const found = await venue.fetchOrderByClientId({ symbol: "BTC/USDT", clientOrderId });
    expect(found?.venueOrderId).toBe(placed.order.venueOrderId);
    const open = await venue.fetchOpenOrders({ symbol: "BTC/USDT" });
    expect(open.map((order) => order.clientOrderId)).toContain(clientOrderId);

    const canceled = await venue.cancelOrder({ symbol: "BTC/USDT", clientOrderId });
    expect(canceled.status).toBe("canceled");
    const after = await venue.fetchOrderByClientId({ symbol: "BTC/USDT", clientOrderId });
    expect(after?.status).toBe("canceled");
    const again = await venue.cancelOrder({ symbol: "BTC/USDT", clientOrderId });
    expect(again.status).toBe("not_found");
    expect(await venue.fetchOrderByClientId({ symbol: "BTC/USDT", clientOrderId: cid() })).toBeNull();
  });

  it("rejects on definitive venue evidence (filter failure) without retrying", async () => {
    venue = createSimVenue(sim);
    const result = await venue.placeOrder({
      symbol: "BTC/USDT",
      side: "buy",
      type: "limit",
      quantity: "0.00001",
      price: "100",
      clientOrderId: cid(),
    });
    expect(result.status).toBe("rejected");
    if (result.status !== "rejected") return;
    expect(result.error.kind).toBe("validation");
    expect(result.error.venueCode).toBe(-1013);
    expect(result.attempts).toBe(1);
  });

  it("reads own trades page by page with a cursor", async () => {
    venue = createSimVenue(sim);
    const first = await venue.fetchTradesSince({ symbol: "BTC/USDT" });
    let cursor = first.nextCursor;
    // drain any earlier pages
    for (let page = first; page.trades.length > 0; ) {
      page = await venue.fetchTradesSince({ symbol: "BTC/USDT", cursor });
      cursor = page.nextCursor;
    }
    const result = await venue.placeOrder({
      symbol: "BTC/USDT",
      side: "buy",
      type: "market",
      quantity: "0.001",
      clientOrderId: cid(),
    });
    expect(result.status).toBe("accepted");
    let trades: Awaited<ReturnType<CcxtVenue["fetchTradesSince"]>>["trades"] = [];
    for (let i = 0; i < 50 && trades.length === 0; i++) {
      const page = await venue.fetchTradesSince({ symbol: "BTC/USDT", cursor });
      trades = page.trades;
      if (trades.length > 0) {
        const next = await venue.fetchTradesSince({ symbol: "BTC/USDT", cursor: page.nextCursor });
        expect(next.trades).toEqual([]);
      } else await sleep(100);
    }
    expect(trades.length).toBeGreaterThan(0);
    for (const trade of trades) {
      expect(trade.price).toMatch(/^\d+(\.\d+)?$/);
      expect(trade.quantity).toMatch(/^\d+(\.\d+)?$/);
    }
  });

  it("receives own order events on the user stream", async () => {
    venue = createSimVenue(sim);
    const clientOrderId = cid();
    const stream = collect<OwnOrderEvent>(
      venue.watchOwnOrders({ symbol: "BTC/USDT" }),
      (event) =>
        event.type === "order" &&
        event.order.clientOrderId === clientOrderId &&
        event.order.status === "canceled",
    );
    await sleep(500); // let the subscription establish
    await venue.placeOrder({
      symbol: "BTC/USDT",
      side: "buy",
      type: "limit",
      quantity: "0.001",
      price: "30000",
      clientOrderId,
    });
    await venue.cancelOrder({ symbol: "BTC/USDT", clientOrderId });
    const events = await stream.done;
    const mine = events.filter(
      (event) => event.type === "order" && event.order.clientOrderId === clientOrderId,
    );
    expect(mine.map((event) => event.type === "order" && event.order.status)).toEqual(["open", "canceled"]);
  });

  it("receives fills on the user stream", async () => {
    venue = createSimVenue(sim);
    const clientOrderId = cid();
    const stream = collect<OwnOrderEvent>(
      venue.watchOwnOrders({ symbol: "BTC/USDT" }),
      (event) => event.type === "fill",
    );
    await sleep(500);
    const placed = await venue.placeOrder({
      symbol: "BTC/USDT",
      side: "sell",
      type: "market",
      quantity: "0.001",
      clientOrderId,
    });
    expect(placed.status).toBe("accepted");
    const events = await stream.done;
    const fill = events.find((event) => event.type === "fill");
    expect(fill?.type === "fill" && fill.trade.quantity).toMatch(/^\d+(\.\d+)?$/);
  });
});
