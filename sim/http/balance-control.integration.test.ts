import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { hmacSha256Hex } from "../auth/signature.js";
import { createSimCcxtClient } from "../ccxt-client.js";
import { type SimHandle, startSim } from "../start-sim.js";
import { control, eventually } from "../testing/sim-control.js";

type Client = ReturnType<typeof createSimCcxtClient>;
type UserEvent = { e: string; [key: string]: unknown };

const dir = mkdtempSync(path.join(os.tmpdir(), "tally-sim-balance-"));
const stateFile = path.join(dir, "state.json");
let sim: SimHandle;
let ex: Client;

/** A ws-api user data subscription collecting the events it is sent. */
async function subscribeUserStream(): Promise<{ ws: WebSocket; events: UserEvent[] }> {
  const ws = new WebSocket(`${sim.wsUrl}/ws-api/v3`);
  const events: UserEvent[] = [];
  let subscribed = false;
  ws.on("message", (data) => {
    const msg = JSON.parse(data.toString()) as { event?: UserEvent; status?: number };
    if (msg.event) events.push(msg.event);
    else if (msg.status === 200) subscribed = true;
  });
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const params: Record<string, string | number> = { apiKey: sim.apiKey, timestamp: Date.now() };
  const payload = `apiKey=${params.apiKey}&timestamp=${params.timestamp}`;
  ws.send(
    JSON.stringify({
      id: 1,
      method: "userDataStream.subscribe.signature",
      params: { ...params, signature: hmacSha256Hex(payload, sim.apiSecret) },
    }),
  );
  await eventually(async () => (subscribed ? true : undefined));
  return { ws, events };
}

beforeAll(async () => {
  sim = await startSim({ port: 0, market: false, seed: 5, stateFile });
  ex = createSimCcxtClient(sim);
  await ex.loadMarkets();
});

afterAll(async () => {
  await ex.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await control(sim, "POST", "/reset");
});

describe("POST /__sim/balance", () => {
  it("a deposit raises the free balance ccxt fetches and is pushed as balanceUpdate and outboundAccountPosition", async () => {
    const before = await ex.fetchBalance();
    const { ws, events } = await subscribeUserStream();
    const res = await control(sim, "POST", "/balance", { asset: "USDT", delta: "250.5" });
    expect(res).toEqual({
      status: 200,
      body: { asset: "USDT", free: "1000250.50000000", locked: "0.00000000" },
    });
    const pushed = await eventually(async () => (events.length >= 2 ? events : undefined));
    ws.close();
    expect(pushed[0]).toMatchObject({ e: "balanceUpdate", a: "USDT", d: "250.50000000" });
    expect(pushed[1]).toMatchObject({
      e: "outboundAccountPosition",
      B: [{ a: "USDT", f: "1000250.50000000", l: "0.00000000" }],
    });
    const after = await ex.fetchBalance();
    expect(after.USDT?.free).toBe((before.USDT?.free ?? 0) + 250.5);
  });

  it("a withdrawal lowers it, ccxt's watchBalance sees it, and one past the free balance is refused", async () => {
    const feed = ex.watchBalance();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await control(sim, "POST", "/balance", { asset: "BTC", delta: "-2" })).status).toBe(200);
    expect((await feed).BTC).toMatchObject({ free: 8 });

    const refused = await control<{ error: string; code: number }>(sim, "POST", "/balance", {
      asset: "BTC",
      delta: "-8.00000001",
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe(-2010);
    expect((await ex.fetchBalance()).BTC?.free).toBe(8);

    for (const bad of [{ asset: "BTC", delta: "1e3" }, { asset: "btc", delta: "1" }, { asset: "BTC" }]) {
      expect((await control(sim, "POST", "/balance", bad)).status).toBe(400);
    }
  });

  it("a new asset can be deposited, and the move survives a restart with the state file", async () => {
    await control(sim, "POST", "/balance", { asset: "BNB", delta: "3" });
    await ex.close();
    await sim.close();
    sim = await startSim({ port: 0, market: false, seed: 5, stateFile });
    ex = createSimCcxtClient(sim);
    await ex.loadMarkets();
    expect((await ex.fetchBalance()).BNB?.free).toBe(3);
  });
});
