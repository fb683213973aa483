import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type OrderTestHarness, resetSim, startOrderTestHarness } from "../../test/order-test-harness";
import { postOrderTo, routeServers } from "../../test/route-servers";
import type { RouteServer } from "../../test/spawn-route-server";
import { prisma } from "../db/prisma";
import { simControl, sleep } from "../venue/testing/sim-test-helpers";

// Two app processes on one database, both reconciling: runs never overlap, requests on both
// instances at once are one run, and each instance opens its placement gate after a run that
// started after it booted.

let h: OrderTestHarness;
const servers = routeServers({ sim: () => h.sim });
let n = 0;
const body = { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "20000" };

const requestRun = async (server: RouteServer) => {
  const response = await fetch(`${server.url}/api/reconciliation/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${h.token}`, "idempotency-key": `two-${Date.now()}-${n++}` },
  });
  return { status: response.status, json: (await response.json()) as { run: { id: string } } };
};

/** Polls a placement until the instance's gate lets it through; the last status. */
async function placeWhenOpen(server: RouteServer): Promise<number> {
  let status = 0;
  for (let i = 0; i < 150 && status !== 201; i++) {
    status = (await postOrderTo({ server, token: h.token, idempotencyKey: `two-${Date.now()}-${n++}`, body }))
      .status;
    if (status !== 201) await sleep(200);
  }
  return status;
}

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 53 });
});
afterEach(async () => {
  await servers.stopAll();
  await resetSim(h.sim);
});
afterAll(async () => {
  await h?.close();
});

describe("two app instances reconciling one database", () => {
  it("never run two at once, share one run when asked together, and both open their gates", async () => {
    // Slow trade pages: a run takes long enough for the instances to meet it.
    await simControl(h.sim, "POST", "faults", { latencyMs: 1500, endpoints: ["myTrades"] });
    const env = { ROUTE_SERVER_RECONCILIATION: "on", ROUTE_SERVER_SWEEPER: "off" };
    const a = await servers.start(env);
    // The second boots while the first one's start-up run is going on: joining it is not enough,
    // since that run started before the second booted.
    for (let i = 0; i < 100; i++) {
      if ((await prisma().reconciliationRun.count({ where: { status: "running" } })) > 0) break;
      await sleep(50);
    }
    const b = await servers.start(env);
    expect(await Promise.all([placeWhenOpen(a), placeWhenOpen(b)])).toEqual([201, 201]);
    const bootRuns = await prisma().reconciliationRun.findMany({ where: { trigger: "startup" } });
    expect(bootRuns.length).toBeGreaterThanOrEqual(2);

    const [first, second] = await Promise.all([requestRun(a), requestRun(b)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.json.run.id).toBe(second.json.run.id);
    for (let i = 0; i < 100; i++) {
      if ((await prisma().reconciliationRun.count({ where: { status: "running" } })) === 0) break;
      await sleep(100);
    }
    await simControl(h.sim, "DELETE", "faults");

    const runs = await prisma().reconciliationRun.findMany({ orderBy: { startedAt: "asc" } });
    expect(runs.every((run) => run.status === "completed")).toBe(true);
    for (const [i, run] of runs.entries()) {
      const next = runs[i + 1];
      if (next)
        expect(next.startedAt.getTime()).toBeGreaterThanOrEqual(run.finishedAt?.getTime() ?? Infinity);
    }
  });
});
