import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type SimHandle, startSim } from "../start-sim.js";
import { signedRequest } from "../testing/sim-control.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "tally-sim-state-"));
const stateFile = path.join(dir, "sim", "state.json");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type OrderJson = {
  orderId: number;
  clientOrderId: string;
  status: string;
  executedQty: string;
  price: string;
};
type TradeJson = { id: number; orderId: number; qty: string; price: string };
type BalanceJson = { asset: string; free: string; locked: string };

async function call<T>(
  sim: SimHandle,
  method: "GET" | "POST" | "DELETE",
  route: string,
  params: Record<string, string>,
) {
  const res = await signedRequest(sim, method, route, params);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

const balances = async (sim: SimHandle) =>
  (await call<{ balances: BalanceJson[] }>(sim, "GET", "account", {})).balances.filter(
    (b) => b.asset === "BTC" || b.asset === "USDT",
  );

async function bestAsk(sim: SimHandle): Promise<string> {
  const book = (await (await fetch(`${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=1`)).json()) as {
    asks: [string, string][];
  };
  return book.asks[0]?.[0] as string;
}

describe("the simulator with a state file", () => {
  it("keeps our open orders, trades, balances and id counters across a restart", async () => {
    const first = await startSim({ port: 0, market: false, seed: 3, stateFile });
    const resting = await call<OrderJson>(first, "POST", "order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      quantity: "0.01",
      price: "1000",
      newClientOrderId: "resting-1",
    });
    const filled = await call<OrderJson>(first, "POST", "order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      timeInForce: "GTC",
      quantity: "0.002",
      price: await bestAsk(first),
      newClientOrderId: "filled-1",
    });
    expect(filled.status).toBe("FILLED");
    const trades = await call<TradeJson[]>(first, "GET", "myTrades", { symbol: "BTCUSDT" });
    expect(trades.length).toBeGreaterThan(0);
    const before = await balances(first);
    await first.close();

    const second = await startSim({ port: 0, market: false, seed: 3, stateFile });
    try {
      const open = await call<OrderJson[]>(second, "GET", "openOrders", { symbol: "BTCUSDT" });
      expect(open.map((o) => [o.orderId, o.clientOrderId, o.status])).toEqual([
        [resting.orderId, "resting-1", "NEW"],
      ]);
      const again = await call<OrderJson>(second, "GET", "order", {
        symbol: "BTCUSDT",
        origClientOrderId: "filled-1",
      });
      expect(again).toMatchObject({
        orderId: filled.orderId,
        status: "FILLED",
        executedQty: filled.executedQty,
      });
      expect(await call<TradeJson[]>(second, "GET", "myTrades", { symbol: "BTCUSDT" })).toEqual(trades);
      expect(await balances(second)).toEqual(before);

      const next = await call<OrderJson>(second, "POST", "order", {
        symbol: "BTCUSDT",
        side: "BUY",
        type: "LIMIT",
        timeInForce: "GTC",
        quantity: "0.01",
        price: "1001",
        newClientOrderId: "after-restart",
      });
      expect(next.orderId).toBeGreaterThan(Math.max(resting.orderId, filled.orderId));
      // the restored order rests on the book again, and cancelling it takes it off
      const bidsAt1000 = async () => {
        const res = await fetch(`${second.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=5000`);
        const depth = (await res.json()) as { bids: [string, string][] };
        return depth.bids.filter(([price]) => Number(price) === 1000).map(([, qty]) => qty);
      };
      expect(await bidsAt1000()).toEqual(["0.01000000"]);
      await call(second, "DELETE", "order", { symbol: "BTCUSDT", orderId: String(resting.orderId) });
      expect(await bidsAt1000()).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
