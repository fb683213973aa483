import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postOrder } from "../../app/api/orders/route";
import { configureAlertWebhook } from "../../test/alert-receiver";
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

// Alerts are written to the outbox (no worker runs here: delivery is tested in lib/alerts).
configureAlertWebhook("http://127.0.0.1:9/alerts");

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
    expect(
      await prisma().auditLog.findMany({
        where: { action: "kill_switch.engage" },
        select: { actorType: true, actorName: true, target: true },
      }),
    ).toEqual([{ actorType: "system", actorName: "reconciliation", target: "BTC/USDT" }]);
    const alerts = await prisma().alertDelivery.findMany({ orderBy: { type: "asc" } });
    expect(alerts.map((alert) => alert.payload)).toMatchObject([
      {
        type: "kill_switch.engaged",
        data: { scope: "BTC/USDT", source: "reconciliation_breach", actor: "reconciliation" },
      },
      { type: "reconciliation.breach", data: { type: "fill_missing_locally", scope: "BTC/USDT" } },
    ]);
    await run(); // still open: another breach alert, the halt already engaged
    expect(await prisma().alertDelivery.count({ where: { type: "kill_switch.engaged" } })).toBe(1);
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
    // Still open at the venue: still an open mismatch (recording the order is not adopting it).
    expect(await mismatches()).toMatchObject([{ type: "unknown_at_venue_order", status: "open" }]);
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
    expect(await readTradingHalt(sql(), "BTC/USDT")).toMatchObject({
      scope: "BTC/USDT",
      source: "reconciliation_breach",
    });
    expect(await readTradingHalt(sql(), "ETH/USDT")).toBeNull();
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
    expect(await prisma().alertDelivery.findMany({ where: { type: "kill_switch.engaged" } })).toMatchObject([
      { payload: { data: { scope: "global", source: "reconciliation_breach" } } },
    ]);
  });

  it("two venue orders with one client order id: duplicate_venue_orders halts everything", async () => {
    for (const [symbol, price] of [
      ["BTCUSDT", "25000"],
      ["ETHUSDT", "1000"],
    ] as const) {
      await simControl(h.sim, "POST", "foreign-order", {
        symbol,
        side: "BUY",
        quantity: "0.01",
        price,
        clientOrderId: "twice-on-the-venue",
      });
    }
    await run();
    expect(await mismatches()).toContainEqual(
      expect.objectContaining({ type: "duplicate_venue_orders", severity: "critical", status: "open" }),
    );
    expect(await readTradingHalt(sql(), "SOL/USDT")).toMatchObject({
      scope: "global",
      source: "reconciliation_breach",
    });
  });

  it("a partial fill whose report was lost: inserted from the venue's trade, the order moves to partially filled, nothing else", async () => {
    const stream = ownOrderStreamService(h.venue());
    stream.start();
    try {
      await sleep(500);
      // One tick under the best ask, so it is the best bid: a smaller sell at its price fills part of it.
      const depth = (await (await fetch(`${h.sim.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=1`)).json()) as {
        asks: [string][];
      };
      const price = (Number(depth.asks[0]?.[0]) - 0.01).toFixed(2);
      const placed = await post(buy("0.002", { price }));
      expect(placed.status, JSON.stringify(placed.json)).toBe(201);
      const id = (placed.json.order as { id: string }).id;
      await simControl(h.sim, "POST", "faults", { dropExecutionReports: 1 });
      await simControl(h.sim, "POST", "synthetic-order", {
        symbol: "BTCUSDT",
        side: "SELL",
        quantity: "0.001",
        price,
      });
      await sleep(300);
      await simControl(h.sim, "DELETE", "faults");
      expect((await prisma().order.findUniqueOrThrow({ where: { id } })).filledQuantity.toFixed()).toBe("0");
      await run();
      expect(
        (await mismatches()).map((m) => ({ ...m, quantityDelta: m.quantityDelta?.toFixed() })),
      ).toMatchObject([{ type: "fill_missing_locally", status: "auto_resolved", quantityDelta: "0.001" }]);
      const after = await prisma().order.findUniqueOrThrow({ where: { id }, include: { fills: true } });
      expect(after.filledQuantity.toFixed()).toBe("0.001");
      expect(after.status).toBe("partially_filled");
      expect(after.fills.map((fill) => [fill.quantity.toFixed(), fill.source])).toEqual([
        ["0.001", "reconciliation"],
      ]);
      await run();
      expect(await prisma().mismatch.count()).toBe(1);
    } finally {
      await stream.stop();
    }
  });

  it("a placement whose answer was lost after it executed, lookups failing too: the run settles it from the venue, one venue order, no mismatch", async () => {
    await simControl(h.sim, "POST", "faults", {
      dropResponseAfterExecute: 1,
      endpoints: ["POST order"],
      lookupFailure: 1,
    });
    const placed = await post(buy("0.001", { price: "20000" }));
    await simControl(h.sim, "DELETE", "faults");
    expect(placed.status).not.toBe(201);
    const order = await prisma().order.findFirstOrThrow();
    expect(["pending_new", "unknown"]).toContain(order.status);
    await run();
    const settled = await prisma().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(settled.status).toBe("open");
    expect(settled.venueOrderId).not.toBeNull();
    expect(await h.venueOrders(order.clientOrderId)).toHaveLength(1);
    expect(await mismatches()).toEqual([]);
  });

  it("two runs started at once: one runs, the other joins it", async () => {
    const [a, b] = await Promise.all([run(), run()]);
    expect([a.joined, b.joined].sort()).toEqual([false, true]);
    expect(a.run.id).toBe(b.run.id);
    expect(await prisma().reconciliationRun.count()).toBe(1);
  });
});
