import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseUnits } from "../engine/units.js";
import { type SimHandle, startSim } from "../start-sim.js";
import { control, signedRequest, simOrders } from "../testing/sim-control.js";

interface SeedResult {
  orders: number;
  fills: number;
  firstOrderId: number;
  lastOrderId: number;
  firstTradeId: number;
  lastTradeId: number;
  clientOrderIdPrefix: string;
  startTime: number;
  endTime: number;
}
interface TradeJson {
  id: number;
  orderId: number;
  price: string;
  qty: string;
  quoteQty: string;
  commission: string;
  commissionAsset: string;
  isBuyer: boolean;
  isMaker: boolean;
  time: number;
}
interface OrderJson {
  orderId: number;
  clientOrderId: string;
  status: string;
  side: string;
  origQty: string;
  executedQty: string;
  time: number;
}

const HOUR = 3_600_000;
const START = 1_764_000_000_000;
let sim: SimHandle;

async function get<T>(path: string, params: Record<string, string>): Promise<T> {
  const res = await signedRequest(sim, "GET", path, params);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

async function seed(body: object): Promise<SeedResult> {
  const res = await control<SeedResult>(sim, "POST", "/seed-history", body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function freeBalance(asset: string): Promise<bigint> {
  const account = await get<{ balances: { asset: string; free: string }[] }>("account", {});
  return parseUnits(account.balances.find((b) => b.asset === asset)?.free ?? "0") ?? -1n;
}

function units(text: string): bigint {
  const value = parseUnits(text);
  if (value === null) throw new Error(`not a decimal: ${text}`);
  return value;
}

beforeAll(async () => {
  sim = await startSim({ port: 0, market: false, seed: 11, requestWeightPerMinute: 1_000_000 });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await control(sim, "POST", "/reset");
});

describe("POST /__sim/seed-history", () => {
  it("records filled orders with their fills through the engine's books: ids, lookups and balances", async () => {
    const btcBefore = await freeBalance("BTC");
    const usdtBefore = await freeBalance("USDT");
    const result = await seed({
      symbol: "BTCUSDT",
      orders: 5,
      fillsPerOrder: 3,
      startTime: START,
      spacingMs: 1000,
    });
    expect(result).toMatchObject({
      orders: 5,
      fills: 15,
      clientOrderIdPrefix: "hist-BTCUSDT-",
      startTime: START,
      endTime: START + 4000,
    });
    expect(result.lastTradeId - result.firstTradeId).toBe(14);
    expect(result.lastOrderId - result.firstOrderId).toBe(4);

    const orders = await get<OrderJson[]>("allOrders", { symbol: "BTCUSDT", orderId: "1" });
    expect(orders.map((o) => o.clientOrderId)).toEqual([1, 2, 3, 4, 5].map((n) => `hist-BTCUSDT-${n}`));
    expect(orders.map((o) => o.time)).toEqual([0, 1, 2, 3, 4].map((i) => START + i * 1000));
    expect(orders.every((o) => o.status === "FILLED" && o.executedQty === o.origQty)).toBe(true);
    expect(orders.map((o) => o.side)).toEqual(["BUY", "SELL", "BUY", "SELL", "BUY"]);
    const third = await get<OrderJson>("order", { symbol: "BTCUSDT", origClientOrderId: "hist-BTCUSDT-3" });
    expect(third.orderId).toBe(result.firstOrderId + 2);

    const trades = await get<TradeJson[]>("myTrades", { symbol: "BTCUSDT", fromId: "1", limit: "1000" });
    expect(trades.map((t) => t.id)).toEqual(Array.from({ length: 15 }, (_, i) => result.firstTradeId + i));
    const ofThird = await get<TradeJson[]>("myTrades", { symbol: "BTCUSDT", orderId: String(third.orderId) });
    expect(ofThird).toHaveLength(3);
    expect(ofThird.every((t) => t.isBuyer && t.isMaker && t.commissionAsset === "BTC")).toBe(true);

    let btc = btcBefore;
    let usdt = usdtBefore;
    for (const t of trades) {
      if (t.isBuyer) {
        btc += units(t.qty) - units(t.commission);
        usdt -= units(t.quoteQty);
      } else {
        btc -= units(t.qty);
        usdt += units(t.quoteQty) - units(t.commission);
      }
    }
    expect(await freeBalance("BTC")).toBe(btc);
    expect(await freeBalance("USDT")).toBe(usdt);
  });

  it("pages myTrades by fromId and limit, and by startTime/endTime up to 24 hours as Binance does", async () => {
    const { firstTradeId } = await seed({
      symbol: "ETHUSDT",
      orders: 30,
      fillsPerOrder: 2,
      startTime: START,
      spacingMs: 2 * HOUR,
    });
    const page1 = await get<TradeJson[]>("myTrades", {
      symbol: "ETHUSDT",
      fromId: String(firstTradeId),
      limit: "7",
    });
    const page2 = await get<TradeJson[]>("myTrades", {
      symbol: "ETHUSDT",
      fromId: String((page1.at(-1)?.id ?? 0) + 1),
      limit: "7",
    });
    expect([...page1, ...page2].map((t) => t.id)).toEqual(
      Array.from({ length: 14 }, (_, i) => firstTradeId + i),
    );

    const day = await get<TradeJson[]>("myTrades", {
      symbol: "ETHUSDT",
      startTime: String(START),
      endTime: String(START + 24 * HOUR),
    });
    expect(day).toHaveLength(26); // orders at 0, 2, ..., 24 h: 13 orders, 2 fills each
    for (const path of ["myTrades", "allOrders"]) {
      const tooLong = await signedRequest(sim, "GET", path, {
        symbol: "ETHUSDT",
        startTime: String(START),
        endTime: String(START + 24 * HOUR + 1),
      });
      expect(tooLong.status).toBe(400);
      expect(await tooLong.json()).toEqual({
        code: -1127,
        msg: "More than 24 hours between startTime and endTime.",
      });
    }
    const limitTooHigh = await signedRequest(sim, "GET", "myTrades", { symbol: "ETHUSDT", limit: "1001" });
    expect(limitTooHigh.status).toBe(400);
  });

  it("refuses a seed the balances cannot carry, and bad requests, recording nothing", async () => {
    const usdt = await freeBalance("USDT");
    await control(sim, "POST", "/balance", { asset: "USDT", delta: `-${usdt / 100_000_000n}` });
    const refused = await control<{ code: number }>(sim, "POST", "/seed-history", {
      symbol: "BTCUSDT",
      orders: 2,
      fillsPerOrder: 1,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(-2010);
    for (const bad of [
      { symbol: "NOPE", orders: 1, fillsPerOrder: 1 },
      { symbol: "BTCUSDT", orders: 0, fillsPerOrder: 1 },
      { symbol: "BTCUSDT", orders: 1, fillsPerOrder: 1, clientOrderIdPrefix: "x".repeat(40) },
    ]) {
      expect((await control(sim, "POST", "/seed-history", bad)).status).toBe(400);
    }
    expect(await simOrders(sim)).toEqual([]);
  });

  it("seeds 100,000 orders with 300,000 fills, all pageable through myTrades and allOrders", async () => {
    const started = performance.now();
    const result = await seed({ symbol: "BTCUSDT", orders: 100_000, fillsPerOrder: 3 });
    const seedMs = performance.now() - started;
    expect(result).toMatchObject({ orders: 100_000, fills: 300_000 });
    expect(result.lastTradeId - result.firstTradeId).toBe(299_999);

    const pagingStarted = performance.now();
    let fromId = result.firstTradeId;
    let count = 0;
    for (;;) {
      const page = await get<TradeJson[]>("myTrades", {
        symbol: "BTCUSDT",
        fromId: String(fromId),
        limit: "1000",
      });
      if (page.length === 0) break;
      expect(page[0]?.id).toBe(fromId);
      expect(page.at(-1)?.id).toBe(fromId + page.length - 1);
      count += page.length;
      fromId += page.length;
    }
    expect(count).toBe(300_000);
    const tradesMs = performance.now() - pagingStarted;

    let orderId = result.firstOrderId;
    let orders = 0;
    for (;;) {
      const page = await get<OrderJson[]>("allOrders", {
        symbol: "BTCUSDT",
        orderId: String(orderId),
        limit: "1000",
      });
      if (page.length === 0) break;
      expect(page[0]?.clientOrderId).toBe(`hist-BTCUSDT-${orders + 1}`);
      orders += page.length;
      orderId = (page.at(-1)?.orderId ?? 0) + 1;
    }
    expect(orders).toBe(100_000);
    console.log(
      `seed-history: 100000 orders / 300000 fills seeded in ${seedMs.toFixed(0)} ms; ` +
        `paged 300 myTrades pages in ${tradesMs.toFixed(0)} ms, 100 allOrders pages in ${(performance.now() - pagingStarted - tradesMs).toFixed(0)} ms`,
    );
  });

  it("keeps a seeded history of 150,000 fills across a restart with the state file", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tally-sim-seed-"));
    const stateFile = path.join(dir, "state.json");
    const limits = { port: 0, market: false, seed: 11, requestWeightPerMinute: 1_000_000, stateFile };
    try {
      const first = await startSim(limits);
      const seeded = await control<SeedResult>(first, "POST", "/seed-history", {
        symbol: "SOLUSDT",
        orders: 50_000,
        fillsPerOrder: 3,
      });
      expect(seeded.status).toBe(200);
      await first.close();
      const second = await startSim(limits);
      try {
        const res = await signedRequest(second, "GET", "myTrades", {
          symbol: "SOLUSDT",
          fromId: String(seeded.body.lastTradeId - 1),
        });
        expect(((await res.json()) as TradeJson[]).map((t) => t.id)).toEqual([
          seeded.body.lastTradeId - 1,
          seeded.body.lastTradeId,
        ]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
