import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type OrderTestHarness, resetSim, startOrderTestHarness } from "../../test/order-test-harness";
import { postOrderTo, routeServers } from "../../test/route-servers";
import type { RouteServer } from "../../test/spawn-route-server";
import { prisma } from "../db/prisma";
import { simControl, sleep } from "../venue/testing/sim-test-helpers";

// An app process killed with an order in flight, and a new one started: its start-up reconciliation
// settles the order (no second venue order), and it refuses placements until that run has completed.

let h: OrderTestHarness;
const servers = routeServers({ sim: () => h.sim });
let n = 0;
const key = () => `restart-${Date.now()}-${n++}`;
const body = { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "20000" };

const start = servers.start;
const post = async (server: RouteServer, idempotencyKey: string) => {
  const response = await postOrderTo({ server, token: h.token, idempotencyKey, body });
  return { status: response.status, json: JSON.parse(response.text) as Record<string, unknown> };
};

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 47 });
});
afterEach(async () => {
  await servers.stopAll();
  await resetSim(h.sim);
});
afterAll(async () => {
  await h?.close();
});

describe("restart with orders in flight", () => {
  it("the new process refuses placements until its start-up run has settled the pending order, without a second venue order", async () => {
    // The venue holds the placement for 1.5 s; the process dies meanwhile.
    await simControl(h.sim, "POST", "faults", { latencyMs: 1500, endpoints: ["POST order"] });
    const doomed = await start({ IDEMPOTENCY_LEASE_SECONDS: "1", ROUTE_SERVER_SWEEPER: "off" });
    await simControl(h.sim, "POST", "limits/reset-counters");
    const k = key();
    const pending = post(doomed, k).catch(() => null);
    for (
      let i = 0;
      i < 500 && (await prisma().idempotencyRecord.count({ where: { key: k } })) === 0;
      i += 1
    ) {
      await sleep(10);
    }
    // Killed once the placement has reached the venue (the sim counts a request when it arrives).
    for (
      let i = 0;
      i < 300 && ((await simControl(h.sim, "GET", "limits")) as { requests: number }).requests === 0;
      i++
    ) {
      await sleep(10);
    }
    await sleep(100);
    doomed.child.kill("SIGKILL");
    expect(await pending).toBeNull();
    const stuck = await prisma().order.findFirstOrThrow({ where: { idempotencyRecord: { key: k } } });
    expect(stuck.status).toBe("pending_new");
    // Lookups are slow now, so the new process's start-up run takes a while.
    await simControl(h.sim, "POST", "faults", { latencyMs: 1500, endpoints: ["GET order"] });
    await sleep(1200); // the dead worker's lease runs out

    const fresh = await start({
      IDEMPOTENCY_LEASE_SECONDS: "1",
      ROUTE_SERVER_SWEEPER: "off",
      ROUTE_SERVER_RECONCILIATION: "on",
    });
    const early = await post(fresh, key());
    expect(early.status).toBe(503);
    expect(early.json.code).toBe("reconciliation_pending");

    let run = null;
    for (let i = 0; i < 300 && !run; i += 1) {
      run = await prisma().reconciliationRun.findFirst({
        where: { status: "completed", trigger: "startup" },
      });
      if (!run) await sleep(100);
    }
    expect(run).not.toBeNull();
    await simControl(h.sim, "POST", "faults", { latencyMs: 0 });
    // Settled to the venue's truth: open when the placement arrived before the kill (the usual
    // case), rejected when it never did; never a second venue order.
    const settled = await prisma().order.findUniqueOrThrow({ where: { id: stuck.id } });
    const atVenue = await h.venueOrders(stuck.clientOrderId);
    expect(atVenue.length).toBeLessThanOrEqual(1);
    expect(settled.status).toBe(atVenue.length === 1 ? "open" : "rejected");
    const record = await prisma().idempotencyRecord.findFirstOrThrow({ where: { key: k } });
    expect(record.state).toBe("completed");

    await sleep(600); // the gate re-checks at most twice a second
    expect((await post(fresh, key())).status).toBe(201);
  });
});
