import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { simControl, simOrders } from "@/lib/venue/testing/sim-test-helpers";
import { callRoute } from "@/test/http-client";
import { type OrderTestHarness, resetSim, startOrderTestHarness } from "@/test/order-test-harness";
import { apiTokenFor } from "@/test/principals";
import { POST as postOrder } from "../orders/route";
import { POST as engageRoute } from "./engage/route";
import { POST as releaseRoute } from "./release/route";
import { GET as getState } from "./route";

let h: OrderTestHarness;
let tokens: Record<"viewer" | "trader" | "risk", string>;
let n = 0;
const key = () => `ks-${Date.now()}-${n++}`;

const engage = (json: unknown, token = tokens.trader, idempotencyKey = key()) =>
  callRoute(engageRoute, {
    method: "POST",
    path: "/api/kill-switch/engage",
    token,
    json,
    headers: { "idempotency-key": idempotencyKey },
  });
const release = (json: unknown, token = tokens.risk, idempotencyKey = key()) =>
  callRoute(releaseRoute, {
    method: "POST",
    path: "/api/kill-switch/release",
    token,
    json,
    headers: { "idempotency-key": idempotencyKey },
  });
const place = (symbol = "BTC/USDT", price = "30000", quantity = symbol === "BTC/USDT" ? "0.001" : "0.01") =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token: tokens.trader,
    json: { symbol, side: "buy", type: "limit", quantity, price },
    headers: { "idempotency-key": key() },
  });
const openAtSim = async () => (await simOrders(h.sim)).filter((o) => o.status === "NEW").length;

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 41 });
  tokens = {
    viewer: (await apiTokenFor("viewer")).token,
    trader: h.token,
    risk: (await apiTokenFor("risk")).token,
  };
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await resetSim(h.sim);
  await prisma().killSwitch.deleteMany({});
  await prisma().killSwitchEvent.deleteMany({});
  vi.restoreAllMocks();
});

describe("kill switch API", () => {
  it("viewers read the state; traders engage, risk releases; viewers and traders get 403 beyond their role", async () => {
    const before = await callRoute(getState, { path: "/api/kill-switch", token: tokens.viewer });
    expect(before.status).toBe(200);
    expect(before.json).toEqual({
      killSwitch: { engaged: false, reason: null, source: null, actor: null, changedAt: null },
      halts: [],
    });

    const refused = await engage({ reason: "drill", cancelOpenOrders: false }, tokens.viewer);
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe("insufficient_role");

    const engaged = await engage({ reason: "venue looks wrong", cancelOpenOrders: false });
    expect(engaged.status).toBe(200);
    expect(engaged.json).toMatchObject({
      killSwitch: { engaged: true, reason: "venue looks wrong", source: "manual", actor: "trader-bot" },
      halts: [],
      cancel: null,
    });

    const notRisk = await release({ reason: "all clear" }, tokens.trader);
    expect(notRisk.status).toBe(403);
    const released = await release({ reason: "all clear" });
    expect(released.status).toBe(200);
    expect(released.json).toMatchObject({ killSwitch: { engaged: false, reason: "all clear" } });

    const audit = await prisma().auditLog.findMany({
      where: { action: { startsWith: "kill_switch." } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((row) => [row.action, row.actorName, row.target])).toEqual([
      ["kill_switch.engage", "trader-bot", "global"],
      ["kill_switch.release", "risk-bot", "global"],
    ]);
  });

  it("requires an Idempotency-Key, a reason of 1-500 characters and a known symbol", async () => {
    const noKey = await callRoute(engageRoute, {
      method: "POST",
      path: "/api/kill-switch/engage",
      token: tokens.trader,
      json: { reason: "x", cancelOpenOrders: false },
    });
    expect(noKey.status).toBe(400);
    expect((await engage({ reason: "", cancelOpenOrders: false })).status).toBe(400);
    expect((await engage({ reason: "x".repeat(501), cancelOpenOrders: false })).status).toBe(400);
    const unknown = await engage({ reason: "x", cancelOpenOrders: false, symbol: "BTCUSDT" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.code).toBe("validation_failed");
    expect(JSON.stringify(unknown.json.errors)).toContain("did you mean BTC/USDT?");
    expect(await prisma().killSwitchEvent.count()).toBe(0);
  });

  it("a double engage with one key is one event and one cancel-all, and the replay is the first answer", async () => {
    expect((await place()).status).toBe(201);
    expect((await place("BTC/USDT", "29000")).status).toBe(201);
    const started = new Date();
    const massCancel = vi.spyOn(h.venue(), "cancelAllOrders");
    const k = key();
    const body = { reason: "halt and cancel", cancelOpenOrders: true };
    const [first, second] = await Promise.all([
      engage(body, tokens.trader, k),
      engage(body, tokens.trader, k),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses[0]).toBe(200);
    expect([200, 409]).toContain(statuses[1]);
    const again = await engage(body, tokens.trader, k);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const answered = first.status === 200 ? first : second;
    expect(again.text).toBe(answered.text);
    expect(answered.json.cancel).toEqual({ sent: 1, canceled: 2, external: 0, failed: [] });
    expect(massCancel).toHaveBeenCalledTimes(1);
    expect(await prisma().killSwitchEvent.count()).toBe(1);
    expect(await openAtSim()).toBe(0);
    expect(
      await prisma().orderEvent.count({ where: { type: "kill_switch_cancel", createdAt: { gte: started } } }),
    ).toBe(2);
  });

  it("cancelOpenOrders leaves nothing open at the venue, counting an order someone else placed separately", async () => {
    expect((await place()).status).toBe(201);
    expect((await place("ETH/USDT", "1500")).status).toBe(201);
    await simControl(h.sim, "POST", "foreign-order", {
      symbol: "SOLUSDT",
      side: "BUY",
      type: "LIMIT",
      quantity: "1",
      price: "10",
    });
    await simControl(h.sim, "POST", "foreign-order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      quantity: "0.002",
      price: "25000",
    });
    const answer = await engage({ reason: "cancel everything", cancelOpenOrders: true });
    expect(answer.status).toBe(200);
    expect(answer.json.cancel).toEqual({ sent: 3, canceled: 4, external: 2, failed: [] });
    expect(await openAtSim()).toBe(0);
  });

  it("a symbol halt cancels and refuses that symbol only; release never resumes anything", async () => {
    const btc = await place();
    expect(btc.status).toBe(201);
    expect((await place("ETH/USDT", "1500")).status).toBe(201);
    const halted = await engage({ reason: "BTC drift", cancelOpenOrders: true, symbol: "BTC/USDT" });
    expect(halted.status).toBe(200);
    expect(halted.json).toMatchObject({
      killSwitch: { engaged: false },
      halts: [{ symbol: "BTC/USDT", engaged: true, reason: "BTC drift" }],
      cancel: { sent: 1, canceled: 1, external: 0, failed: [] },
    });
    const refused = await place();
    expect(refused.status).toBe(423);
    expect(refused.json).toMatchObject({
      code: "kill_switch_engaged",
      scope: "BTC/USDT",
      reason: "BTC drift",
      source: "manual",
    });
    expect((await place("ETH/USDT", "1400")).status).toBe(201);
    expect(await openAtSim()).toBe(2);

    const released = await release({ reason: "fixed", symbol: "BTC/USDT" });
    expect(released.json).toMatchObject({ halts: [] });
    const btcId = (btc.json.order as { id: string }).id;
    expect(await prisma().order.findUniqueOrThrow({ where: { id: btcId } })).toMatchObject({
      status: "canceled",
    });
    expect(await openAtSim()).toBe(2);
    expect((await place()).status).toBe(201);
  });

  it("engaging an engaged switch with another key adds no event", async () => {
    expect((await engage({ reason: "one", cancelOpenOrders: false })).status).toBe(200);
    const twice = await engage({ reason: "two", cancelOpenOrders: false });
    expect(twice.status).toBe(200);
    expect(twice.json).toMatchObject({ killSwitch: { engaged: true, reason: "one" } });
    expect(await prisma().killSwitchEvent.count()).toBe(1);
  });
});
