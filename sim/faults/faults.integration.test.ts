import ccxt from "ccxt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { createSimCcxtClient } from "../ccxt-client.js";
import { type SimHandle, startSim } from "../start-sim.js";
import { control, eventually, signedRequest, simOrders, sleep } from "../testing/sim-control.js";

type Client = ReturnType<typeof createSimCcxtClient>;

let sim: SimHandle;
let ex: Client;

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the call to fail");
}

async function bestBid(): Promise<number> {
  const res = await fetch(`${sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=1`);
  return Number(((await res.json()) as { bids: [string, string][] }).bids[0]?.[0]);
}

function openSocket(path: string): Promise<{ ws: WebSocket; messages: unknown[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${sim.wsUrl}${path}`);
    const messages: unknown[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(data.toString())));
    ws.once("open", () => resolve({ ws, messages }));
    ws.once("error", reject);
  });
}

beforeAll(async () => {
  sim = await startSim({ port: 0, market: false, seed: 7 });
  ex = createSimCcxtClient(sim, { timeout: 1500 });
  await ex.loadMarkets();
});

afterAll(async () => {
  await ex.close();
  await sim.close();
});

beforeEach(async () => {
  await control(sim, "POST", "/reset");
});

describe("fault control endpoint", () => {
  it("sets, shows and clears faults, and rejects bad input with 400", async () => {
    const config = { latencyMs: 10, http429: 0.1, endpoints: ["order"], seed: 3 };
    expect(await control(sim, "POST", "/faults", config)).toEqual({ status: 200, body: config });
    expect((await control(sim, "GET", "/faults")).body).toEqual(config);
    expect(await control(sim, "DELETE", "/faults")).toEqual({ status: 200, body: {} });

    const bad = await control<{ error: string }>(sim, "POST", "/faults", { http429: 1.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("http429");
    const unknown = await control<{ error: string }>(sim, "POST", "/faults", { http249: 0.5 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain("http249");
    expect((await control(sim, "POST", "/faults", "{not json")).status).toBe(400);
  });
});

describe("request faults", () => {
  it("dropResponseAfterExecute (reset): ccxt sees a network error but the order exists", async () => {
    await control(sim, "POST", "/faults", { dropResponseAfterExecute: 1, endpoints: ["POST order"] });
    const bid = await bestBid();
    const err = await rejectionOf(
      ex.createOrder("BTC/USDT", "limit", "buy", 0.001, Math.floor(bid * 0.9), { clientOrderId: "lost-1" }),
    );
    expect(err).toBeInstanceOf(ccxt.NetworkError);
    expect((await simOrders(sim)).map((o) => [o.clientOrderId, o.status])).toEqual([["lost-1", "NEW"]]);
    // Other endpoints still answer, so the client can reconcile.
    const found = await ex.fetchOrder(undefined as unknown as string, "BTC/USDT", {
      clientOrderId: "lost-1",
    });
    expect(found.status).toBe("open");
  });

  it("dropResponseAfterExecute (timeout): the call times out, the cancel happened", async () => {
    const bid = await bestBid();
    const order = await ex.createOrder("BTC/USDT", "limit", "buy", 0.001, Math.floor(bid * 0.9));
    await control(sim, "POST", "/faults", {
      dropResponseAfterExecute: 1,
      dropMode: "timeout",
      endpoints: ["DELETE order"],
    });
    const err = await rejectionOf(ex.cancelOrder(String(order.id), "BTC/USDT"));
    expect(err).toBeInstanceOf(ccxt.RequestTimeout);
    expect((await simOrders(sim))[0]?.status).toBe("CANCELED");
  });

  it("429 carries Retry-After and does not execute", async () => {
    await control(sim, "POST", "/faults", { http429: 1, retryAfterSec: 7 });
    const res = await signedRequest(sim, "GET", "account", {});
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(((await res.json()) as { code: number }).code).toBe(-1003);
    const err = await rejectionOf(ex.createOrder("BTC/USDT", "market", "buy", 0.001));
    expect(err).toBeInstanceOf(ccxt.DDoSProtection);
    expect(await simOrders(sim)).toEqual([]);
  });

  it("418 bans every REST request until the ban ends", async () => {
    await control(sim, "POST", "/faults", { http418: 1, banMs: 400, endpoints: ["account"] });
    const first = await signedRequest(sim, "GET", "account", {});
    expect(first.status).toBe(418);
    expect(Number(first.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${sim.restUrl}/api/v3/ping`)).status).toBe(418);
    await sleep(450);
    expect((await fetch(`${sim.restUrl}/api/v3/ping`)).status).toBe(200);
  });

  it("5xx surfaces as ExchangeNotAvailable without executing", async () => {
    await control(sim, "POST", "/faults", { http5xx: 1, endpoints: ["POST order"] });
    const err = await rejectionOf(ex.createOrder("BTC/USDT", "market", "buy", 0.001));
    expect(err).toBeInstanceOf(ccxt.ExchangeNotAvailable);
    expect(await simOrders(sim)).toEqual([]);
  });

  it("adds latency with jitter to targeted endpoints only", async () => {
    await control(sim, "POST", "/faults", { latencyMs: 300, jitterMs: 50, endpoints: ["time"] });
    let t = Date.now();
    await fetch(`${sim.restUrl}/api/v3/time`);
    expect(Date.now() - t).toBeGreaterThanOrEqual(245);
    t = Date.now();
    await fetch(`${sim.restUrl}/api/v3/ping`);
    expect(Date.now() - t).toBeLessThan(200);
  });

  it("request faults are reproducible from the seed", async () => {
    const run = async () => {
      await control(sim, "POST", "/faults", { http429: 0.5, seed: 99, endpoints: ["ping"] });
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await fetch(`${sim.restUrl}/api/v3/ping`)).status);
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 429]));
  });

  it("authFailure answers keyed requests as a revoked key (-2015, 401) or a bad signature (-1022)", async () => {
    await control(sim, "POST", "/faults", { authFailure: "invalid_api_key" });
    const revoked = await signedRequest(sim, "GET", "openOrders", {});
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { code: number }).code).toBe(-2015);
    await control(sim, "POST", "/faults", { authFailure: "bad_signature" });
    const forged = await signedRequest(sim, "GET", "openOrders", {});
    expect(((await forged.json()) as { code: number }).code).toBe(-1022);
    expect((await fetch(`${sim.restUrl}/api/v3/time`)).status).toBe(200);
    await control(sim, "DELETE", "/faults");
    expect((await signedRequest(sim, "GET", "openOrders", {})).status).toBe(200);
  });

  it("clock skew makes ccxt's timestamps invalid", async () => {
    await control(sim, "POST", "/faults", { clockSkewMs: -20_000 });
    expect(await rejectionOf(ex.fetchBalance())).toBeInstanceOf(ccxt.InvalidNonce);
    expect((await ex.fetchTime()) ?? 0).toBeLessThan(Date.now() - 15_000);
  });
});

describe("venue-side faults", () => {
  it("dropExecutionReports loses reports but not the orders", async () => {
    const bid = await bestBid();
    const feed = ex.watchOrders("BTC/USDT");
    await sleep(200);
    await control(sim, "POST", "/faults", { dropExecutionReports: 1 });
    await ex.createOrder("BTC/USDT", "limit", "buy", 0.001, Math.floor(bid * 0.9), {
      clientOrderId: "silent",
    });
    await sleep(100);
    await control(sim, "DELETE", "/faults");
    await ex.createOrder("BTC/USDT", "limit", "buy", 0.001, Math.floor(bid * 0.9), {
      clientOrderId: "heard",
    });
    const updates = await feed;
    expect(updates.map((o) => o.clientOrderId)).toEqual(["heard"]);
    expect((await simOrders(sim)).map((o) => o.clientOrderId)).toEqual(["silent", "heard"]);
  });

  it("fillDelayMs acknowledges orders as NEW and fills them later", async () => {
    await control(sim, "POST", "/faults", { fillDelayMs: 300 });
    const order = await ex.createOrder("BTC/USDT", "market", "buy", 0.001);
    expect(order).toMatchObject({ status: "open", filled: 0 });
    const filled = await eventually(async () => {
      const o = (await simOrders(sim)).find((x) => String(x.orderId) === order.id);
      return o?.status === "FILLED" ? o : undefined;
    });
    expect(filled.executedQty).toBe("0.00100000");
  });

  it("foreign orders appear on our account and stream", async () => {
    const feed = ex.watchOrders("BTC/USDT");
    await sleep(200);
    const bid = await bestBid();
    const placed = await control<{ orderId: number; clientOrderId: string }>(sim, "POST", "/foreign-order", {
      symbol: "BTCUSDT",
      side: "BUY",
      quantity: "0.002",
      price: String(Math.floor(bid * 0.95)),
    });
    expect(placed.status).toBe(200);
    const updates = await feed;
    expect(updates.at(-1)).toMatchObject({ id: String(placed.body.orderId), status: "open" });
    expect((await ex.fetchOpenOrders("BTC/USDT")).map((o) => o.clientOrderId)).toEqual([
      placed.body.clientOrderId,
    ]);
  });

  it("venue cancels are reported as EXPIRED", async () => {
    const bid = await bestBid();
    const order = await ex.createOrder("BTC/USDT", "limit", "buy", 0.001, Math.floor(bid * 0.9), {
      clientOrderId: "victim",
    });
    const feed = ex.watchOrders("BTC/USDT");
    await sleep(200);
    const res = await control<unknown[]>(sim, "POST", "/venue-cancel", { clientOrderId: "victim" });
    expect(res.body).toHaveLength(1);
    expect((await feed).at(-1)).toMatchObject({ id: order.id, status: "expired" });
    expect((await ex.fetchOrder(String(order.id), "BTC/USDT")).status).toBe("expired");
    const missing = await control(sim, "POST", "/venue-cancel", { orderId: 1 });
    expect(missing.status).toBe(400);
  });

  it("depthGapEvery skips update ids so U jumps", async () => {
    await control(sim, "POST", "/faults", { depthGapEvery: 2 });
    const { ws, messages } = await openSocket("/ws/btcusdt@depth@100ms");
    const bid = await bestBid();
    for (let i = 0; i < 6; i++) {
      await control(sim, "POST", "/synthetic-order", {
        symbol: "BTCUSDT",
        side: "BUY",
        quantity: "0.001",
        price: (bid - 1 - i).toFixed(2),
      });
      await sleep(130);
    }
    ws.close();
    const diffs = messages as Array<{ U: number; u: number }>;
    expect(diffs.length).toBeGreaterThanOrEqual(2);
    const gaps = diffs.slice(1).filter((d, i) => d.U !== diffs[i]!.u + 1);
    expect(gaps.length).toBeGreaterThan(0);
  });

  it("wsDisconnectEveryMs drops WebSocket connections", async () => {
    await control(sim, "POST", "/faults", { wsDisconnectEveryMs: 150 });
    const { ws } = await openSocket("/ws/btcusdt@trade");
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    expect(await closed).toBe(1006);
  });
});
