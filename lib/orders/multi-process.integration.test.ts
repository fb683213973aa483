import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type OrderTestHarness, resetSim, startOrderTestHarness } from "../../test/order-test-harness";
import { postOrderTo, routeServers } from "../../test/route-servers";
import type { RouteServer } from "../../test/spawn-route-server";
import { prisma } from "../db/prisma";
import { presentOutcome } from "../http/present-outcome";
import { simControl, sleep } from "../venue/testing/sim-test-helpers";
import { sweepOrders } from "./sweep-orders";

let h: OrderTestHarness;
const servers = routeServers({ sim: () => h.sim });
let n = 0;
const key = () => `mp-${Date.now()}-${n++}`;
const body = { symbol: "BTC/USDT", side: "buy", type: "limit", quantity: "0.001", price: "30000" };

const start = servers.start;
const post = (server: RouteServer, idempotencyKey: string) =>
  postOrderTo({ server, token: h.token, idempotencyKey, body });

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 31 });
});
afterEach(async () => {
  await servers.stopAll();
  await resetSim(h.sim);
});
afterAll(async () => {
  await h?.close();
});

describe("several app processes on one database", () => {
  it("two servers racing one key: one order row, one venue order, identical completed bodies", async () => {
    const [a, b] = await Promise.all([
      start({ ROUTE_SERVER_SWEEPER: "off" }),
      start({ ROUTE_SERVER_SWEEPER: "off" }),
    ]);
    const k = key();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => post(i % 2 === 0 ? (a as RouteServer) : (b as RouteServer), k)),
    );
    const completed = responses.filter((r) => r.status === 201);
    expect(completed.length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    for (const r of completed) expect(r.text).toBe(completed[0]?.text);
    expect(await prisma().order.count({ where: { idempotencyRecord: { key: k } } })).toBe(1);
    expect(await h.venueOrders()).toHaveLength(1);
  });

  it("a server killed (-9) while the venue call is in flight: a fresh one resolves the key, no second venue order", async () => {
    await simControl(h.sim, "POST", "faults", { latencyMs: 1500, endpoints: ["POST order"] });
    const doomed = await start({ IDEMPOTENCY_LEASE_SECONDS: "2", ROUTE_SERVER_SWEEPER: "off" });
    const k = key();
    const pending = post(doomed, k).catch(() => null);
    for (
      let i = 0;
      i < 500 && (await prisma().idempotencyRecord.count({ where: { key: k } })) === 0;
      i += 1
    ) {
      await sleep(10);
    }
    await sleep(300); // the venue call is now held by the simulator's latency
    doomed.child.kill("SIGKILL");
    expect(await pending).toBeNull();
    const record = await prisma().idempotencyRecord.findFirstOrThrow({ where: { key: k } });
    expect(record.state).toBe("in_progress");
    const stuck = await prisma().order.findFirstOrThrow({ where: { idempotencyRecordId: record.id } });
    expect(stuck.status).toBe("pending_new");
    await simControl(h.sim, "DELETE", "faults");

    // A new process; its next request with the key takes the expired lease over and resolves by lookup.
    const fresh = await start({ IDEMPOTENCY_LEASE_SECONDS: "2", ROUTE_SERVER_SWEEPER: "off" });
    let response = await post(fresh, k);
    for (let i = 0; i < 100 && response.status === 409; i += 1) {
      await sleep(100);
      response = await post(fresh, k);
    }
    expect(response.status).toBe(201);
    expect(JSON.parse(response.text).order).toMatchObject({ id: stuck.id, status: "open" });
    expect(await h.venueOrders(stuck.clientOrderId)).toHaveLength(1);
    expect(await h.venueOrders()).toHaveLength(1);
    const done = await prisma().idempotencyRecord.findUniqueOrThrow({ where: { id: record.id } });
    expect(done.state).toBe("completed");
    const replay = await post(fresh, k);
    expect(replay.text).toBe(response.text);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });

  /** Starts a request on a server whose market loading is held, and kills it once the claim committed. */
  async function killAfterClaim(k: string) {
    // The doomed server's first venue call (market loading) is held, so it dies with the claim and the
    // pending order committed and nothing sent.
    await simControl(h.sim, "POST", "faults", { latencyMs: 5000, endpoints: ["exchangeInfo"] });
    const doomed = await start({ IDEMPOTENCY_LEASE_SECONDS: "1", ROUTE_SERVER_SWEEPER: "off" });
    const pending = post(doomed, k).catch(() => null);
    for (
      let i = 0;
      i < 500 && (await prisma().idempotencyRecord.count({ where: { key: k } })) === 0;
      i += 1
    ) {
      await sleep(10);
    }
    await sleep(200);
    doomed.child.kill("SIGKILL");
    expect(await pending).toBeNull();
    await simControl(h.sim, "DELETE", "faults");
    const record = await prisma().idempotencyRecord.findFirstOrThrow({ where: { key: k } });
    expect(record.state).toBe("in_progress");
    expect(await h.venueOrders()).toHaveLength(0);
    return record;
  }

  it("killed right after the claim committed, before the venue saw anything: the sweeper never places it, it rejects it once the send window has passed", async () => {
    const record = await killAfterClaim(key());
    await sleep(1200); // the lease runs out, but the order's send window (order recvWindow + margin) has not
    expect(await sweepOrders({ venue: h.venue() })).toMatchObject({ resumed: 0, pending: 1 });
    const order = await prisma().order.findFirstOrThrow({ where: { idempotencyRecordId: record.id } });
    expect(order.status).toBe("pending_new");

    await sleep(4500);
    expect((await sweepOrders({ venue: h.venue() })).resumed).toBe(1);
    expect((await sweepOrders({ venue: h.venue() })).resumed).toBe(0);
    const settled = await prisma().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(settled.status).toBe("rejected");
    expect(settled.rejectReason).toMatch(/never reached the venue/);
    const done = await prisma().idempotencyRecord.findUniqueOrThrow({ where: { id: record.id } });
    expect(done.state).toBe("completed");
    expect(presentOutcome(JSON.parse(done.outcome as string)).status).toBe(422);
    expect(await h.venueOrders()).toHaveLength(0);
  });

  it("killed right after the claim committed: the client retrying its key is told to wait out the send window, then the order is placed once", async () => {
    const k = key();
    const record = await killAfterClaim(k);
    await sleep(1200); // the lease runs out
    // A longer order recvWindow on the new server, so its first retry surely falls inside the window
    // however long the server takes to start.
    const fresh = await start({
      IDEMPOTENCY_LEASE_SECONDS: "1",
      ROUTE_SERVER_SWEEPER: "off",
      VENUE_ORDER_RECV_WINDOW_MS: "8000",
    });
    const early = await post(fresh, k);
    expect(early.status).toBe(503);
    expect(JSON.parse(early.text)).toMatchObject({ code: "order_outcome_pending" });
    expect(Number(early.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await h.venueOrders()).toHaveLength(0);

    await sleep(Number(early.headers.get("retry-after")) * 1000 + 300);
    const response = await post(fresh, k);
    expect(response.status).toBe(201);
    const order = await prisma().order.findFirstOrThrow({ where: { idempotencyRecordId: record.id } });
    expect(JSON.parse(response.text).order).toMatchObject({ id: order.id, status: "open" });
    expect(await h.venueOrders(order.clientOrderId)).toHaveLength(1);
    expect(await h.venueOrders()).toHaveLength(1);
  });
});
