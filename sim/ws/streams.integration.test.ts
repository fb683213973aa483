import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { hmacSha256Hex } from "../auth/signature.js";
import { type SimHandle, startSim } from "../start-sim.js";
import { control, eventually, sleep } from "../testing/sim-control.js";

interface DepthEvent {
  e: string;
  s: string;
  U: number;
  u: number;
  b: [string, string][];
  a: [string, string][];
}

interface Snapshot {
  lastUpdateId: number;
  bids: [string, string][];
  asks: [string, string][];
}

let sim: SimHandle;

function connect(path: string): Promise<{ ws: WebSocket; messages: unknown[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${sim.wsUrl}${path}`);
    const messages: unknown[] = [];
    ws.on("message", (data) => messages.push(JSON.parse(data.toString())));
    ws.once("open", () => resolve({ ws, messages }));
    ws.once("error", reject);
  });
}

async function snapshot(symbol: string): Promise<Snapshot> {
  const res = await fetch(`${sim.restUrl}/api/v3/depth?symbol=${symbol}&limit=5000`);
  return (await res.json()) as Snapshot;
}

beforeAll(async () => {
  sim = await startSim({ port: 0, seed: 5, diffsPerSecond: 1000 });
});

afterAll(async () => {
  await sim.close();
});

describe("diff depth stream", () => {
  it("follows Binance's local order book procedure exactly at 1000 diffs/s", async () => {
    const { ws, messages } = await connect("/ws/btcusdt@depth@100ms");
    await sleep(250);
    const snap = await snapshot("BTCUSDT");
    await sleep(700);
    await control(sim, "POST", "/market", { running: false });
    await sleep(250);
    ws.close();

    const diffs = messages as DepthEvent[];
    const book = { bids: new Map<string, string>(), asks: new Map<string, string>() };
    for (const [p, q] of snap.bids) book.bids.set(p, q);
    for (const [p, q] of snap.asks) book.asks.set(p, q);
    let last = snap.lastUpdateId;
    let applied = 0;
    for (const d of diffs) {
      if (d.u <= last) continue;
      if (applied === 0) expect(d.U <= last + 1 && d.u >= last + 1).toBe(true);
      else expect(d.U).toBe(last + 1);
      for (const [p, q] of d.b) Number(q) === 0 ? book.bids.delete(p) : book.bids.set(p, q);
      for (const [p, q] of d.a) Number(q) === 0 ? book.asks.delete(p) : book.asks.set(p, q);
      last = d.u;
      applied++;
    }
    expect(applied).toBeGreaterThan(3);
    expect(last - snap.lastUpdateId).toBeGreaterThan(300);

    const finalSnap = await snapshot("BTCUSDT");
    expect(finalSnap.lastUpdateId).toBe(last);
    const sorted = (m: Map<string, string>, desc: boolean) =>
      [...m.entries()].sort((x, y) => (desc ? Number(y[0]) - Number(x[0]) : Number(x[0]) - Number(y[0])));
    expect(sorted(book.bids, true)).toEqual(finalSnap.bids);
    expect(sorted(book.asks, false)).toEqual(finalSnap.asks);
    expect(finalSnap.bids.length).toBeGreaterThan(100);
    expect(finalSnap.asks.length).toBeGreaterThan(100);
    await control(sim, "POST", "/market", { running: true });
  });

  it("serves combined streams with SUBSCRIBE and LIST_SUBSCRIPTIONS", async () => {
    const { ws, messages } = await connect("/stream?streams=ethusdt@trade");
    ws.send(JSON.stringify({ method: "SUBSCRIBE", params: ["ethusdt@depth"], id: 1 }));
    ws.send(JSON.stringify({ method: "LIST_SUBSCRIPTIONS", id: 2 }));
    ws.send(JSON.stringify({ method: "SUBSCRIBE", params: ["nope@depth"], id: 3 }));
    await control(sim, "POST", "/synthetic-order", { symbol: "ETHUSDT", side: "BUY", quantity: "1" });
    await eventually(async () =>
      (messages as Array<{ stream?: string }>).some((m) => m.stream === "ethusdt@depth") ? true : undefined,
    );
    ws.close();
    expect(messages).toContainEqual({ result: null, id: 1 });
    expect(messages).toContainEqual({ result: ["ethusdt@trade", "ethusdt@depth"], id: 2 });
    expect(messages).toContainEqual(
      expect.objectContaining({ id: 3, error: expect.objectContaining({ code: 2 }) }),
    );
    const trade = (messages as Array<{ stream?: string; data?: { e: string; s: string } }>).find(
      (m) => m.stream === "ethusdt@trade",
    );
    expect(trade?.data).toMatchObject({ e: "trade", s: "ETHUSDT" });
  });
});

describe("user data streams", () => {
  it("ws-api userDataStream.subscribe.signature delivers executionReport and outboundAccountPosition", async () => {
    const { ws, messages } = await connect("/ws-api/v3");
    const params: Record<string, string | number> = { apiKey: sim.apiKey, timestamp: Date.now() };
    const payload = Object.keys(params)
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join("&");
    ws.send(
      JSON.stringify({
        id: "bad",
        method: "userDataStream.subscribe.signature",
        params: { ...params, signature: hmacSha256Hex(payload, "wrong") },
      }),
    );
    ws.send(
      JSON.stringify({
        id: "good",
        method: "userDataStream.subscribe.signature",
        params: { ...params, signature: hmacSha256Hex(payload, sim.apiSecret) },
      }),
    );
    await eventually(async () => (messages.length >= 2 ? true : undefined));
    expect(messages).toContainEqual({
      id: "bad",
      status: 400,
      error: { code: -1022, msg: expect.any(String) },
    });
    expect(messages).toContainEqual({ id: "good", status: 200, result: { subscriptionId: 0 } });

    await control(sim, "POST", "/foreign-order", {
      symbol: "SOLUSDT",
      side: "BUY",
      type: "MARKET",
      quantity: "1",
      clientOrderId: "ws-api-1",
    });
    const events = await eventually(async () => {
      const evs = (messages as Array<{ event?: { e: string } }>).flatMap((m) => (m.event ? [m.event] : []));
      return evs.some((e) => e.e === "outboundAccountPosition") ? evs : undefined;
    });
    ws.close();
    const reports = events.filter((e) => e.e === "executionReport") as Array<Record<string, unknown>>;
    expect(reports.map((r) => r.x)).toEqual(["NEW", ...reports.slice(1).map(() => "TRADE")]);
    expect(reports.at(-1)).toMatchObject({
      s: "SOLUSDT",
      c: "ws-api-1",
      S: "BUY",
      o: "MARKET",
      X: "FILLED",
      z: "1.00000000",
    });
    const position = events.find((e) => e.e === "outboundAccountPosition") as unknown as {
      B: Array<{ a: string }>;
    };
    expect(position.B.map((b) => b.a).sort()).toEqual(["SOL", "USDT"]);
  });

  it("REST listenKey + /ws/<listenKey> also carries the user stream", async () => {
    const res = await fetch(`${sim.restUrl}/api/v3/userDataStream`, {
      method: "POST",
      headers: { "X-MBX-APIKEY": sim.apiKey },
    });
    const { listenKey } = (await res.json()) as { listenKey: string };
    const { ws, messages } = await connect(`/ws/${listenKey}`);
    await control(sim, "POST", "/foreign-order", {
      symbol: "SOLUSDT",
      side: "SELL",
      type: "LIMIT",
      quantity: "1",
      price: "900",
      clientOrderId: "lk-1",
    });
    await control(sim, "POST", "/venue-cancel", { clientOrderId: "lk-1", status: "CANCELED" });
    const reports = await eventually(async () => {
      const r = (messages as Array<{ e: string; x?: string; c?: string }>).filter(
        (m) => m.e === "executionReport",
      );
      return r.length >= 2 ? r : undefined;
    });
    ws.close();
    expect(reports.map((r) => [r.x, r.c])).toEqual([
      ["NEW", "lk-1"],
      ["CANCELED", "lk-1"],
    ]);
  });
});
