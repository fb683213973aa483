import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { createReconciliationGate } from "@/lib/reconciliation/reconciliation-gate";
import { engageKillSwitch } from "@/lib/risk/change-kill-switch";
import { createAppServices, replaceAppServices } from "@/lib/runtime/app-services";
import type { PlaceOrderHooks, VenuePort } from "@/lib/venue/port/venue-port";
import type { PlaceOrderRequest } from "@/lib/venue/port/venue-types";
import { createSimVenue, simControl, simOrders, sleep } from "@/lib/venue/testing/sim-test-helpers";
import { callRoute } from "@/test/http-client";
import {
  type OrderTestHarness,
  resetAppVenue,
  resetSim,
  startOrderTestHarness,
} from "@/test/order-test-harness";
import { routeServers } from "@/test/route-servers";
import type { RouteServer } from "@/test/spawn-route-server";
import { POST as cancelRoute } from "../orders/[id]/cancel/route";
import { POST as postOrder } from "../orders/route";
import { POST as engageRoute } from "./engage/route";

let h: OrderTestHarness;
const servers = routeServers({ sim: () => h.sim });
let n = 0;
const key = () => `nse-${Date.now()}-${n++}`;
const order = (i = 0) => ({
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  quantity: "0.001",
  price: String(20000 + (i % 500)),
});

const placeHere = (json: unknown = order()) =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token: h.token,
    json,
    headers: { "idempotency-key": key() },
  });
const engageHere = (json: unknown) =>
  callRoute(engageRoute, {
    method: "POST",
    path: "/api/kill-switch/engage",
    token: h.token,
    json,
    headers: { "idempotency-key": key() },
  });
async function postTo(server: RouteServer, path: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${h.token}`,
      "idempotency-key": key(),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Record<string, unknown> };
}

/** The app's venue in this process, with each placement's hook and send wrapped by `around`. */
async function tradeThrough(
  around: (send: () => Promise<unknown>, hooks: PlaceOrderHooks | undefined) => PlaceOrderHooks,
  delaySendMs = 0,
) {
  const inner = createSimVenue(h.sim);
  const venue = new Proxy(inner, {
    get(target, property) {
      if (property === "placeOrder") {
        return async (request: PlaceOrderRequest, hooks?: PlaceOrderHooks) => {
          await sleep(delaySendMs);
          return inner.placeOrder(
            request,
            around(async () => undefined, hooks),
          );
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as VenuePort;
  await replaceAppServices(
    createAppServices({
      venue,
      reconciliationGate: createReconciliationGate({ bootedAt: new Date(), open: true }),
    }),
  );
}

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 43 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await prisma().killSwitch.deleteMany({});
});
afterEach(async () => {
  await servers.stopAll();
  await resetAppVenue();
  await resetSim(h.sim);
});

describe("no order reaches the venue after the engage", () => {
  it("a send that starts after the engage committed is refused before it is signed: rejected with the kill switch as reason, nothing at the venue", async () => {
    // The send starts well after the claim recorded it, so it records (and re-checks) itself.
    await tradeThrough((_, hooks) => ({ beforeAttempt: hooks?.beforeAttempt }), 600);
    const placing = placeHere();
    await sleep(300);
    await engageKillSwitch({ scope: "global", reason: "drill", source: "manual", actor: "risk1" });
    const answer = await placing;
    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({
      code: "order_rejected",
      order: { status: "rejected", rejectReason: "Trading is halted by the kill switch: drill" },
    });
    expect(await simOrders(h.sim)).toHaveLength(0);
  });

  it("the engage answers only once a send it could not stop is settled at the venue", async () => {
    let checked = false;
    await tradeThrough((_, hooks) => ({
      beforeAttempt: async (attempt) => {
        await hooks?.beforeAttempt?.(attempt);
        checked = true;
        await sleep(400); // the send is allowed, and held on its way to the venue
      },
    }));
    const placing = placeHere();
    while (!checked) await sleep(5);
    const engaged = await engageHere({ reason: "stop", cancelOpenOrders: false });
    expect(engaged.status).toBe(200);
    const atAnswer = await simOrders(h.sim);
    expect(atAnswer).toHaveLength(1);
    expect((await placing).status).toBe(201);
  });

  it("a burst of placements on two instances while engaging: nothing reaches the venue after the engage answered, nothing stays open", async () => {
    const [a, b] = await Promise.all([
      servers.start({ ROUTE_SERVER_SWEEPER: "off", RISK_MAX_OPEN_ORDERS_PER_SYMBOL: "10000" }),
      servers.start({ ROUTE_SERVER_SWEEPER: "off", RISK_MAX_OPEN_ORDERS_PER_SYMBOL: "10000" }),
    ]);
    // Each placement takes a while to reach the venue's matching engine, so some are on their way at the engage.
    await simControl(h.sim, "POST", "faults", { latencyMs: 150, endpoints: ["POST order"] });
    let stop = false;
    let answeredAt = Number.POSITIVE_INFINITY;
    const statusesAfter: number[] = [];
    let i = 0;
    const burst = async (server: RouteServer) => {
      while (!stop) {
        const sentAt = Date.now();
        const response = await postTo(server, "/api/orders", order(i++));
        if (sentAt > answeredAt) statusesAfter.push(response.status);
      }
    };
    const loops = [a, b, a, b, a, b].map((server) => burst(server as RouteServer));
    for (let wait = 0; wait < 400 && (await simOrders(h.sim)).length < 20; wait += 1) await sleep(25);
    const engaged = await engageHere({ reason: "burst halt", cancelOpenOrders: true });
    answeredAt = Date.now();
    expect(engaged.status).toBe(200);
    const atAnswer = await simOrders(h.sim);
    await sleep(600);
    stop = true;
    await Promise.all(loops);

    expect(atAnswer.length).toBeGreaterThan(5);
    const after = await simOrders(h.sim);
    expect(after.map((o) => o.clientOrderId).sort()).toEqual(atAnswer.map((o) => o.clientOrderId).sort());
    expect(after.filter((o) => o.status === "NEW" || o.status === "PARTIALLY_FILLED")).toEqual([]);
    expect(statusesAfter.length).toBeGreaterThan(0);
    expect(new Set(statusesAfter)).toEqual(new Set([423]));
    expect((engaged.json.cancel as { failed: unknown[] }).failed).toEqual([]);
  });
});

describe("while engaged", () => {
  it("every order path on two instances answers 423 from the first request after the engage commits; cancels are still allowed", async () => {
    const [a, b] = await Promise.all([
      servers.start({ ROUTE_SERVER_SWEEPER: "off" }),
      servers.start({ ROUTE_SERVER_SWEEPER: "off" }),
    ]);
    const open = await placeHere();
    expect(open.status).toBe(201);
    await engageKillSwitch({ scope: "global", reason: "incident 7", source: "manual", actor: "risk1" });
    for (const server of [b, a] as RouteServer[]) {
      const single = await postTo(server, "/api/orders", order());
      expect(single.status).toBe(423);
      expect(single.json).toMatchObject({
        code: "kill_switch_engaged",
        scope: "global",
        reason: "incident 7",
        source: "manual",
      });
      const batch = await postTo(server, "/api/orders/batch", { orders: [order(1), order(2)] });
      expect(batch.status).toBe(423);
      expect(batch.json).toMatchObject({ code: "kill_switch_engaged", scope: "global" });
    }
    const id = (open.json.order as { id: string }).id;
    const canceled = await callRoute(cancelRoute, {
      method: "POST",
      path: `/api/orders/${id}/cancel`,
      token: h.token,
      params: { id },
      headers: { "idempotency-key": key() },
    });
    expect(canceled.status).toBe(200);
    expect(await simOrders(h.sim)).toHaveLength(1);
  });
});
