import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postOrder } from "../../app/api/orders/route";
import { callRoute } from "../../test/http-client";
import {
  type OrderTestHarness,
  resetAppVenue,
  resetSim,
  startOrderTestHarness,
} from "../../test/order-test-harness";
import { apiTokenFor } from "../../test/principals";
import { resetDatabase } from "../../test/reset-database";
import { prisma } from "../db/prisma";
import { sql } from "../db/sql";
import { syncInstruments } from "../instruments/sync-instruments";
import { ownOrderStreamService } from "../orders/own-order-stream-service";
import { readTradingHalt } from "../risk/read-kill-switch";
import { simControl, sleep } from "../venue/testing/sim-test-helpers";
import { runReconciliation } from "./run-reconciliation";
import { SETTLE_MARGIN_MS } from "./settle-margin";

let h: OrderTestHarness;
let token: string;
let n = 0;
const key = () => `recon-${Date.now()}-${n++}`;
const post = (json: unknown) =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token,
    json,
    headers: { "idempotency-key": key() },
  });
const buy = (quantity: string, overrides: Record<string, unknown> = {}) => ({
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  quantity,
  price: "61000", // above the simulator's best ask (about 60,000): fills at once
  ...overrides,
});
// Runs as if a few seconds later: venue changes younger than the settle margin are left to the next run.
const run = () =>
  runReconciliation({
    venue: h.venue(),
    trigger: "manual",
    now: () => Date.now() + SETTLE_MARGIN_MS + 1_000,
  });
const mismatches = () =>
  prisma().mismatch.findMany({
    orderBy: { firstSeenAt: "asc" },
    select: { type: true, severity: true, status: true, subject: true, quantityDelta: true },
  });

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 41 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await resetAppVenue();
  await resetSim(h.sim);
  await resetDatabase();
  await syncInstruments({ venue: h.venue(), reload: true });
  token = (await apiTokenFor("trader")).token;
  // Someone else's resting sell, so marketable buys fill.
  await simControl(h.sim, "POST", "synthetic-order", {
    symbol: "BTCUSDT",
    side: "SELL",
    quantity: "5",
    price: "30000",
  });
});

describe("reconciliation engine", () => {
  it("a clean account with the user stream running: zero mismatches, and a second run changes nothing", async () => {
    const stream = ownOrderStreamService(h.venue());
    stream.start();
    try {
      await sleep(500);
      expect((await post(buy("0.002"))).status).toBe(201); // fills at once
      expect((await post(buy("0.001", { price: "20000" }))).status).toBe(201); // rests
      await sleep(500); // the stream delivers the fills
      const first = await run();
      expect(first.run.status).toBe("completed");
      expect(await mismatches()).toEqual([]);
      const orders = await prisma().order.findMany({ orderBy: { id: "asc" } });
      const fills = await prisma().fill.count();
      await simControl(h.sim, "POST", "limits/reset-counters");
      const second = await run();
      expect(second.run.status).toBe("completed");
      // The run records the request weight it sent: what the venue charged for it.
      const charged = (await simControl(h.sim, "GET", "limits")) as { totalWeight: number };
      const row = await prisma().reconciliationRun.findUniqueOrThrow({ where: { id: second.run.id } });
      expect(row.venueWeight).toBeGreaterThan(0);
      expect(row.venueWeight).toBe(charged.totalWeight);
      expect(await mismatches()).toEqual([]);
      expect(await prisma().order.findMany({ orderBy: { id: "asc" } })).toEqual(orders);
      expect(await prisma().fill.count()).toBe(fills);
    } finally {
      await stream.stop();
    }
  });

  it("a fill the stream never delivered, below the threshold: inserted from the venue's trade, auto-resolved, with its adjustment", async () => {
    expect((await post(buy("0.001"))).status).toBe(201); // about 60 USDT, no stream running: its report is lost
    await run();
    const [mismatch] = await prisma().mismatch.findMany({ include: { adjustments: true } });
    expect(mismatch).toMatchObject({
      type: "fill_missing_locally",
      severity: "warning",
      status: "auto_resolved",
    });
    expect(mismatch?.adjustments).toHaveLength(1);
    expect(mismatch?.adjustments[0]).toMatchObject({ kind: "fill_inserted", source: "reconciliation" });
    const fills = await prisma().fill.findMany();
    expect(fills).toHaveLength(1);
    expect(fills[0]?.source).toBe("reconciliation");
    expect(await readTradingHalt(sql(), "BTC/USDT")).toBeNull();
    await run(); // unchanged state: nothing new
    expect(await prisma().mismatch.count()).toBe(1);
    expect(await prisma().adjustment.count()).toBe(1);
  });

  it("a fill the stream never delivered, above the threshold: left open and the symbol halts", async () => {
    expect((await post(buy("0.01"))).status).toBe(201); // about 600 USDT > 100
    await run();
    expect(await mismatches()).toMatchObject([{ type: "fill_missing_locally", status: "open" }]);
    expect(await prisma().fill.count()).toBe(0);
    expect(await readTradingHalt(sql(), "BTC/USDT")).toMatchObject({
      scope: "BTC/USDT",
      source: "reconciliation_breach",
    });
    expect(await readTradingHalt(sql(), "ETH/USDT")).toBeNull();
  });

  it("an order placed on our account by someone else: recorded as external, flagged, not adopted", async () => {
    const foreign = (await simControl(h.sim, "POST", "foreign-order", {
      symbol: "BTCUSDT",
      side: "BUY",
      type: "LIMIT",
      quantity: "0.002",
      price: "25000",
    })) as { orderId: number };
    await run();
    expect(await mismatches()).toMatchObject([
      {
        type: "unknown_at_venue_order",
        severity: "warning",
        status: "open",
        subject: `venue:${foreign.orderId}`,
      },
    ]);
    const [raised] = await prisma().mismatch.findMany();
    expect(raised?.actual).toMatchObject({ side: "buy", quantity: "0.002", price: "25000", status: "open" });
    const recorded = await prisma().order.findFirstOrThrow({
      where: { venueOrderId: String(foreign.orderId) },
    });
    expect(recorded).toMatchObject({ origin: "external", status: "open" });
    await run();
    expect(await prisma().mismatch.count()).toBe(1);
    expect(await prisma().order.count({ where: { origin: "external" } })).toBe(1);
  });

  it("the venue canceling an order on its own: the order moves to canceled, auto-resolved", async () => {
    const placed = await post(buy("0.001", { price: "20000" }));
    const order = placed.json.order as { id: string; clientOrderId: string };
    await simControl(h.sim, "POST", "venue-cancel", {
      clientOrderId: order.clientOrderId,
      status: "CANCELED",
    });
    await sleep(20);
    await prisma().order.update({
      where: { id: order.id },
      data: { updatedAt: new Date(Date.now() - 60_000) },
    });
    await run();
    expect(await mismatches()).toMatchObject([{ type: "status_mismatch", status: "auto_resolved" }]);
    expect((await prisma().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("canceled");
  });

  it("a venue blackout: no order closed, no mismatch raised, the run says why it failed", async () => {
    expect((await post(buy("0.001", { price: "20000" }))).status).toBe(201);
    const before = await prisma().order.findMany();
    await simControl(h.sim, "POST", "faults", { http5xx: 1, lookupFailure: 1 });
    const result = await run();
    await simControl(h.sim, "DELETE", "faults");
    expect(result.run.status).toBe("failed");
    expect(await prisma().mismatch.count()).toBe(0);
    expect(await prisma().order.findMany()).toEqual(before);
    const stored = await prisma().reconciliationRun.findUniqueOrThrow({ where: { id: result.run.id } });
    expect(stored.error).toMatch(/trades|orders/);
  });

  it("leaves venue changes younger than the settle margin to the next run (the stream may be delivering them)", async () => {
    expect((await post(buy("0.01"))).status).toBe(201); // above the threshold: would halt if reported
    await runReconciliation({ venue: h.venue(), trigger: "manual" });
    expect(await prisma().mismatch.count()).toBe(0);
    expect(await readTradingHalt(sql(), "BTC/USDT")).toBeNull();
    await run();
    expect(await mismatches()).toMatchObject([{ type: "fill_missing_locally" }]);
  });

  it("the venue reporting less filled than we hold: critical fill_quantity_mismatch, our figure never lowered, the symbol halts", async () => {
    const placed = await post(buy("0.001", { price: "20000" }));
    const id = (placed.json.order as { id: string }).id;
    // Our books say more was filled than the venue says (a double-counted report, say).
    await prisma().order.update({
      where: { id },
      data: { filledQuantity: "0.0005", status: "partially_filled" },
    });
    const venueOrders = await h.venueOrders();
    await run();
    expect(await mismatches()).toMatchObject([
      { type: "fill_quantity_mismatch", severity: "critical", status: "open" },
    ]);
    const after = await prisma().order.findUniqueOrThrow({ where: { id } });
    expect(after.filledQuantity.toFixed()).toBe("0.0005");
    expect(after.status).toBe("partially_filled");
    expect(await readTradingHalt(sql(), "BTC/USDT")).toMatchObject({ source: "reconciliation_breach" });
    // Reconciliation never creates or cancels a venue order.
    expect(await h.venueOrders()).toEqual(venueOrders);
  });

  it("a deposit: balance drift on that asset, and nothing else; never auto-resolved", async () => {
    await run(); // the baselines
    await simControl(h.sim, "POST", "balance", { asset: "USDT", delta: "50" });
    await run();
    const found = await prisma().mismatch.findMany();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      type: "balance_drift",
      subject: "USDT",
      status: "open",
      severity: "warning",
    });
    expect(found[0]?.quantityDelta?.toFixed()).toBe("50");
    // Above the threshold: a withdrawal of 500 more halts everything.
    await simControl(h.sim, "POST", "balance", { asset: "USDT", delta: "-550" });
    await run();
    const drift = await prisma().mismatch.findFirstOrThrow({
      where: { type: "balance_drift", subject: "USDT" },
    });
    expect(drift).toMatchObject({ severity: "critical", status: "open" });
    expect(drift.quantityDelta?.toFixed()).toBe("-500");
    expect(await readTradingHalt(sql(), "ETH/USDT")).toMatchObject({
      scope: "global",
      source: "reconciliation_breach",
    });
  });

  it("two runs started at once: one runs, the other joins it", async () => {
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.joined, b.joined].sort()).toEqual([false, true]);
    expect(a.run.id).toBe(b.run.id);
    expect(await prisma().reconciliationRun.count()).toBe(1);
  });
});
