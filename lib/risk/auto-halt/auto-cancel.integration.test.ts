import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postOrder } from "../../../app/api/orders/route";
import { callRoute } from "../../../test/http-client";
import { type OrderTestHarness, resetSim, startOrderTestHarness } from "../../../test/order-test-harness";
import { prisma } from "../../db/prisma";
import { eventsReady, subscribeEvents } from "../../events/subscribe-events";
import type { TallyEvent } from "../../events/tally-event";
import { simControl, simOrders, sleep } from "../../venue/testing/sim-test-helpers";
import { engageKillSwitch } from "../change-kill-switch";
import { settleAfterEngage } from "../settle-after-engage";
import { autoCancelService } from "./auto-cancel-service";
import { engageAutomatically } from "./engage-automatically";

let h: OrderTestHarness;
let n = 0;
const place = (price: string) =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token: h.token,
    json: { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price },
    headers: { "idempotency-key": `ht-${Date.now()}-${n++}` },
  });
const openAtSim = async () => (await simOrders(h.sim)).filter((o) => o.status === "NEW");

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 47 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await resetSim(h.sim);
  await prisma().killSwitch.deleteMany({});
});

describe("automatic engages and their open orders", () => {
  it("an automatic engage cancels nothing on its own (KILL_SWITCH_AUTO_CANCEL off), and is audited as the system", async () => {
    expect((await place("30000")).status).toBe(201);
    const result = await engageAutomatically({
      scope: "global",
      reason: "balance drift",
      source: "reconciliation_breach",
      actor: "reconciliation",
    });
    expect(result).toMatchObject({ changed: true, state: { engaged: true } });
    await sleep(300);
    expect(await openAtSim()).toHaveLength(1);
    const audit = await prisma().auditLog.findFirstOrThrow({
      where: { action: "kill_switch.engage" },
      orderBy: { at: "desc" },
    });
    expect(audit).toMatchObject({ actorType: "system", actorName: "reconciliation", target: "global" });
  });

  it("with KILL_SWITCH_AUTO_CANCEL, one of two instances cancels an automatic engage's open orders, and a manual engage is left alone", async () => {
    const services = [autoCancelService(h.venue()), autoCancelService(h.venue())];
    for (const service of services) await service.start();
    await eventsReady();
    try {
      expect((await place("30000")).status).toBe(201);
      await engageKillSwitch({ scope: "BTC/USDT", reason: "by hand", source: "manual", actor: "ops" });
      await sleep(500);
      expect(await openAtSim()).toHaveLength(1);
      await prisma().killSwitch.deleteMany({});

      expect((await place("29000")).status).toBe(201);
      await simControl(h.sim, "POST", "limits/reset-counters");
      await engageAutomatically({
        scope: "global",
        reason: "daily loss",
        source: "loss_limit",
        actor: "loss-limit",
      });
      for (let i = 0; i < 100 && (await openAtSim()).length > 0; i += 1) await sleep(50);
      expect(await openAtSim()).toHaveLength(0);
      const row = await prisma().killSwitch.findUniqueOrThrow({ where: { scope: "global" } });
      expect(row.autoCanceledVersion).toBe(row.version);
      // One instance took it on: one mass cancel per symbol with open orders reached the venue.
      await sleep(300);
      const counters = (await simControl(h.sim, "GET", "limits")) as { requests: number };
      const deletes = (await simOrders(h.sim)).filter((o) => o.status === "CANCELED").length;
      expect(deletes).toBe(2);
      expect(counters.requests).toBeLessThan(10);
    } finally {
      for (const service of services) await service.stop();
    }
  });

  it("when the venue's mass cancel fails, cancels one by one, then publishes that nothing is open", async () => {
    expect((await place("30000")).status).toBe(201);
    expect((await place("29000")).status).toBe(201);
    await simControl(h.sim, "POST", "faults", { http5xx: 1, endpoints: ["DELETE openOrders"] });
    const seen: TallyEvent[] = [];
    const stop = subscribeEvents((event) => {
      if (event.type === "kill_switch.open_orders_checked") seen.push(event);
    });
    await eventsReady();
    try {
      await engageKillSwitch({ scope: "BTC/USDT", reason: "stuck orders", source: "manual", actor: "ops" });
      const cancel = await settleAfterEngage({ venue: h.venue(), scope: "BTC/USDT", cancelOpenOrders: true });
      expect(cancel).toEqual({ sent: 3, canceled: 2, external: 0, failed: [] });
      expect(await openAtSim()).toHaveLength(0);
      for (let i = 0; i < 100 && seen.length === 0; i += 1) await sleep(20);
      expect(seen[0]?.data).toMatchObject({ scope: "BTC/USDT", open: 0 });
    } finally {
      stop();
    }
  });
});
