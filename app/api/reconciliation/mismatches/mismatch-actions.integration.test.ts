import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as postOrder } from "@/app/api/orders/route";
import { prisma } from "@/lib/db/prisma";
import { transaction } from "@/lib/db/sql";
import { syncInstruments } from "@/lib/instruments/sync-instruments";
import { MISMATCH_ACTION_RULES, type MismatchAction } from "@/lib/reconciliation/actions/mismatch-actions";
import { canMoveMismatch } from "@/lib/reconciliation/mismatch-lifecycle";
import { MISMATCH_STATUSES, type MismatchStatus } from "@/lib/reconciliation/read/mismatch-vocabulary";
import { runReconciliation } from "@/lib/reconciliation/run-reconciliation";
import { SETTLE_MARGIN_MS } from "@/lib/reconciliation/settle-margin";
import { simControl, sleep } from "@/lib/venue/testing/sim-test-helpers";
import { callRoute } from "@/test/http-client";
import {
  type OrderTestHarness,
  resetAppVenue,
  resetSim,
  startOrderTestHarness,
} from "@/test/order-test-harness";
import { apiTokenFor } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";
import { POST as acceptRoute } from "./[id]/accept/route";
import { POST as acknowledgeRoute } from "./[id]/acknowledge/route";
import { POST as adjustRoute } from "./[id]/adjust/route";
import { POST as resolveRoute } from "./[id]/resolve/route";

const ROUTES = {
  acknowledge: acknowledgeRoute,
  resolve: resolveRoute,
  accept: acceptRoute,
  adjust: adjustRoute,
} as const;
const ACTIONS = Object.keys(ROUTES) as MismatchAction[];

let h: OrderTestHarness;
const tokens: Record<"viewer" | "trader" | "risk", string> = { viewer: "", trader: "", risk: "" };
let n = 0;
const newKey = () => `act-${Date.now()}-${n++}`;

function act(
  action: MismatchAction,
  id: string,
  options: { role?: keyof typeof tokens; note?: string | null; key?: string } = {},
) {
  const note = options.note === undefined ? `${action} in a test` : options.note;
  return callRoute(ROUTES[action], {
    method: "POST",
    path: `/api/reconciliation/mismatches/${id}/${action}`,
    params: { id },
    token: tokens[options.role ?? "risk"],
    headers: { "idempotency-key": options.key ?? newKey() },
    ...(note === null || action === "acknowledge" ? {} : { json: { note } }),
  });
}

const run = () =>
  runReconciliation({
    venue: h.venue(),
    trigger: "manual",
    now: () => Date.now() + SETTLE_MARGIN_MS + 1_000,
  });

const buy = (quantity: string, price = "61000") =>
  callRoute(postOrder, {
    method: "POST",
    path: "/api/orders",
    token: tokens.trader,
    headers: { "idempotency-key": newKey() },
    json: { symbol: "BTC/USDT", side: "buy", type: "limit", quantity, price },
  });

/** An order of ours and a fill_missing_locally about it: the venue's trade, 0.0001 BTC at 60,000 (6 USDT). */
async function seedMissedFill(status: MismatchStatus, notionalDelta = "6") {
  const clientOrderId = `tly-seed-${n++}`;
  const order = await prisma().order.create({
    data: {
      clientOrderId,
      venue: h.venue().venue,
      venueOrderId: `v-${clientOrderId}`,
      symbol: "BTC/USDT",
      side: "buy",
      type: "limit",
      timeInForce: "GTC",
      quantity: "0.0001",
      price: "60000",
      status: "open",
      events: { create: [{ type: "created", toStatus: "pending_new" }] },
    },
  });
  const tradeId = `t-${clientOrderId}`;
  const final = !["open", "acknowledged"].includes(status);
  return prisma().mismatch.create({
    data: {
      type: "fill_missing_locally",
      severity: "warning",
      status,
      subject: tradeId,
      fingerprint: `fp-${tradeId}`,
      symbol: "BTC/USDT",
      orderId: order.id,
      clientOrderId,
      venueOrderId: order.venueOrderId,
      expected: { fill: null },
      actual: {
        tradeId,
        venueOrderId: order.venueOrderId,
        price: "60000",
        quantity: "0.0001",
        fee: "0.0000001",
        feeAsset: "BTC",
        at: new Date().toISOString(),
      },
      quantityDelta: "0.0001",
      notionalDelta,
      firstSeenAt: new Date(),
      lastSeenAt: new Date(),
      ...(final ? { resolvedAt: new Date(), resolvedBy: "earlier", resolution: "earlier" } : {}),
    },
  });
}

/**
 * Runs `during` while another transaction holds the mismatch's row, and lets go after a while: the
 * requests in `during` get as far as they can at once, as two operators' clicks would.
 */
async function whileRowHeld<T>(id: string, during: () => Promise<T>): Promise<T> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const holder = transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Mismatch" WHERE id = ${id}::uuid FOR UPDATE`;
    locked();
    await released;
  });
  await isLocked;
  const pending = during();
  await sleep(500);
  release();
  await holder;
  return pending;
}

const timeline = (mismatchId: string) =>
  prisma().mismatchEvent.findMany({ where: { mismatchId }, orderBy: { id: "asc" } });
const audits = (target: string) => prisma().auditLog.findMany({ where: { target }, orderBy: { at: "asc" } });

beforeAll(async () => {
  h = await startOrderTestHarness({ seed: 12 });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await resetAppVenue();
  await resetSim(h.sim);
  await resetDatabase();
  await syncInstruments({ venue: h.venue(), reload: true });
  for (const role of ["viewer", "trader", "risk"] as const) tokens[role] = (await apiTokenFor(role)).token;
  await simControl(h.sim, "POST", "synthetic-order", {
    symbol: "BTCUSDT",
    side: "SELL",
    quantity: "5",
    price: "30000",
  });
});

describe("mismatch actions: every action from every status, as the lifecycle says", () => {
  const cases = MISMATCH_STATUSES.flatMap((from) => ACTIONS.map((action) => ({ from, action })));
  it.each(cases)("$action from $from", async ({ from, action }) => {
    const mismatch = await seedMissedFill(from);
    const before = await timeline(mismatch.id);
    const response = await act(action, mismatch.id);
    const to = MISMATCH_ACTION_RULES[action].to;
    const after = await prisma().mismatch.findUniqueOrThrow({ where: { id: mismatch.id } });
    const entries = (await timeline(mismatch.id)).slice(before.length);
    const [audit] = await audits(mismatch.id);
    if (canMoveMismatch(from, to)) {
      expect(response.status).toBe(200);
      expect(response.json.mismatch).toMatchObject({ id: mismatch.id, status: to });
      expect(after.status).toBe(to);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ fromStatus: from, toStatus: to });
      expect(audit).toMatchObject({ action: `reconciliation.mismatch_${action}`, outcome: "success" });
      if (action !== "acknowledge") expect(after.note).toBe(`${action} in a test`);
      if (action === "adjust") {
        const fills = await prisma().fill.findMany({ where: { orderId: mismatch.orderId ?? "" } });
        expect(fills).toMatchObject([{ source: "operator", venueTradeId: mismatch.subject }]);
      }
    } else {
      expect(response.status).toBe(409);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.json).toMatchObject({ code: "mismatch_state_conflict", currentStatus: from });
      expect(after.status).toBe(from);
      expect(entries).toHaveLength(0);
      expect(audit).toMatchObject({ action: `reconciliation.mismatch_${action}`, outcome: "failure" });
      expect(await prisma().adjustment.count()).toBe(0);
    }
  });
});

describe("mismatch actions: roles", () => {
  it("a viewer cannot acknowledge; a trader cannot resolve or accept", async () => {
    const mismatch = await seedMissedFill("open");
    expect((await act("acknowledge", mismatch.id, { role: "viewer" })).status).toBe(403);
    for (const action of ["resolve", "accept"] as const) {
      const refused = await act(action, mismatch.id, { role: "trader" });
      expect(refused.status).toBe(403);
      expect(refused.json.code).toBe("insufficient_role");
    }
    expect((await act("acknowledge", mismatch.id, { role: "trader" })).status).toBe(200);
    expect((await prisma().mismatch.findUniqueOrThrow({ where: { id: mismatch.id } })).status).toBe(
      "acknowledged",
    );
  });

  it("resolve, accept and adjust need a note", async () => {
    const mismatch = await seedMissedFill("open");
    for (const action of ["resolve", "accept", "adjust"] as const) {
      expect((await act(action, mismatch.id, { note: "  " })).status).toBe(400);
      expect((await act(action, mismatch.id, { note: null })).status).toBeGreaterThanOrEqual(400);
    }
    expect((await timeline(mismatch.id)).length).toBe(0);
  });

  it("a trader adjusts up to the auto-heal threshold; above it is 403 adjustment_above_threshold, for risk only", async () => {
    const small = await seedMissedFill("open", "-100");
    expect((await act("adjust", small.id, { role: "trader" })).status).toBe(200);
    const large = await seedMissedFill("acknowledged", "100.01");
    const refused = await act("adjust", large.id, { role: "trader" });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: "adjustment_above_threshold", thresholdNotional: "100" });
    expect((await prisma().mismatch.findUniqueOrThrow({ where: { id: large.id } })).status).toBe(
      "acknowledged",
    );
    expect(await prisma().fill.count({ where: { orderId: large.orderId ?? "" } })).toBe(0);
    expect((await act("adjust", large.id, { role: "risk" })).status).toBe(200);
  });

  it("an unknown mismatch is 404; a type with no correction is 409 mismatch_not_adjustable", async () => {
    const missing = await act("acknowledge", "00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe("mismatch_not_found");
    const drift = await prisma().mismatch.create({
      data: {
        type: "balance_drift",
        severity: "warning",
        status: "open",
        subject: "USDT",
        fingerprint: "fp-drift",
        expected: { total: "100" },
        actual: { total: "150" },
        quantityDelta: "50",
        notionalDelta: "50",
        firstSeenAt: new Date(),
        lastSeenAt: new Date(),
      },
    });
    const refused = await act("adjust", drift.id);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("mismatch_not_adjustable");
    expect((await prisma().mismatch.findUniqueOrThrow({ where: { id: drift.id } })).status).toBe("open");
  });
});

describe("mismatch actions: idempotency and double clicks", () => {
  it("the same key again is the same answer, marked as a replay, and one transition", async () => {
    const mismatch = await seedMissedFill("open");
    const key = newKey();
    const first = await act("resolve", mismatch.id, { key });
    const again = await act("resolve", mismatch.id, { key });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await timeline(mismatch.id)).toHaveLength(1);
    expect(await audits(mismatch.id)).toHaveLength(1);
  });

  it("a refusal replays as the same refusal", async () => {
    const mismatch = await seedMissedFill("accepted");
    const key = newKey();
    const first = await act("resolve", mismatch.id, { key });
    const again = await act("resolve", mismatch.id, { key });
    expect(first.status).toBe(409);
    expect(again.text).toBe(first.text);
  });

  it("a double click (the same key sent twice at once) is one transition with one answer", async () => {
    const mismatch = await seedMissedFill("open");
    const key = newKey();
    const answers = await Promise.all([
      act("adjust", mismatch.id, { key }),
      act("adjust", mismatch.id, { key }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[1]?.text).toBe(answers[0]?.text);
    expect(await timeline(mismatch.id)).toHaveLength(1);
    expect(await prisma().adjustment.count({ where: { mismatchId: mismatch.id } })).toBe(1);
    expect(await prisma().fill.count({ where: { orderId: mismatch.orderId ?? "" } })).toBe(1);
  });

  it("two operators at once (two keys): one transition, the other told the status it found", async () => {
    const mismatch = await seedMissedFill("open");
    const answers = await whileRowHeld(mismatch.id, () =>
      Promise.all([act("resolve", mismatch.id), act("accept", mismatch.id)]),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409);
    const done = answers.find((a) => a.status === 200);
    expect(refused?.json.currentStatus).toBe((done?.json.mismatch as { status: string } | undefined)?.status);
    expect(await timeline(mismatch.id)).toHaveLength(1);
  });
});

describe("mismatch actions against the engine and the venue", () => {
  it("an accepted difference is not raised again while unchanged, and is raised again when it changes", async () => {
    await run(); // the baselines
    await simControl(h.sim, "POST", "balance", { asset: "USDT", delta: "50" });
    await run();
    const drift = await prisma().mismatch.findFirstOrThrow({ where: { type: "balance_drift" } });
    expect((await act("accept", drift.id, { note: "a deposit from treasury" })).status).toBe(200);
    const accepted = (await timeline(drift.id)).at(-1);
    expect(accepted?.data).toMatchObject({ fingerprint: drift.fingerprint, actual: drift.actual });
    await run();
    expect(await prisma().mismatch.findMany({ select: { status: true } })).toEqual([{ status: "accepted" }]);
    await simControl(h.sim, "POST", "balance", { asset: "USDT", delta: "10" });
    await run();
    const raised = await prisma().mismatch.findFirstOrThrow({
      where: { type: "balance_drift", status: "open" },
    });
    expect(raised.id).not.toBe(drift.id);
    expect(raised.quantityDelta?.toFixed()).toBe("60");
  });

  it("a missed fill above the threshold: a trader is refused, risk adjusts it from the venue's trade", async () => {
    expect((await buy("0.01")).status).toBe(201); // about 600 USDT, no stream: its report is lost
    await run();
    const mismatch = await prisma().mismatch.findFirstOrThrow({ where: { type: "fill_missing_locally" } });
    expect(mismatch.status).toBe("open");
    expect((await act("adjust", mismatch.id, { role: "trader" })).json.code).toBe(
      "adjustment_above_threshold",
    );
    const adjusted = await act("adjust", mismatch.id, { note: "fill confirmed on the venue's trade list" });
    expect(adjusted.status).toBe(200);
    expect(adjusted.json.mismatch).toMatchObject({ status: "resolved", resolution: "applied fill_inserted" });
    const order = await prisma().order.findUniqueOrThrow({ where: { id: mismatch.orderId ?? "" } });
    expect(order.status).toBe("filled");
    expect(await prisma().adjustment.findMany()).toMatchObject([
      { kind: "fill_inserted", source: "operator", mismatchId: mismatch.id },
    ]);
    await run();
    expect(await prisma().mismatch.count({ where: { status: { in: ["open", "acknowledged"] } } })).toBe(0);
  });

  it("a status the state machine forbids: an operator correction moves the order to the venue's status", async () => {
    const placed = await buy("0.001", "20000"); // rests at the venue
    const orderId = (placed.json.order as { id: string }).id;
    // Our books say partially filled with nothing filled; the venue says open: the state machine
    // never moves partially_filled back to open, so the engine only reports it.
    await prisma().order.update({ where: { id: orderId }, data: { status: "partially_filled" } });
    await run();
    const mismatch = await prisma().mismatch.findFirstOrThrow({ where: { type: "status_mismatch" } });
    expect(mismatch).toMatchObject({ severity: "critical", status: "open" });
    const adjusted = await act("adjust", mismatch.id, { note: "venue shows it open, nothing filled" });
    expect(adjusted.status).toBe(200);
    const order = await prisma().order.findUniqueOrThrow({
      where: { id: orderId },
      include: { events: { orderBy: { id: "asc" } } },
    });
    expect(order.status).toBe("open");
    expect(order.events.at(-1)).toMatchObject({
      type: "operator_correction",
      fromStatus: "partially_filled",
      toStatus: "open",
    });
    expect(await prisma().adjustment.findMany()).toMatchObject([
      { kind: "status_moved", source: "operator" },
    ]);
  });
});
