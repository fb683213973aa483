import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import {
  MISMATCH_SEVERITIES,
  MISMATCH_STATUSES,
  MISMATCH_TYPES,
} from "@/lib/reconciliation/read/mismatch-vocabulary";
import { callRoute } from "@/test/http-client";
import { apiTokenFor } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";
import { GET as getMismatchRoute } from "./[id]/route";
import { GET as listRoute } from "./route";

type Row = {
  id: string;
  type: string;
  severity: string;
  status: string;
  symbol: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
};
type Listed = { id: string; type: string; severity: string; status: string; symbol: string | null };

let token: string;
let orderId: string;
let withOrder: string;
const rows: Row[] = [];
const runIds: string[] = [];
const base = Date.parse("2026-04-01T00:00:00.000Z");
const HOUR = 3_600_000;

const list = (search = "") =>
  callRoute(listRoute, { path: `/api/reconciliation/mismatches${search}`, token });
const ids = (response: Awaited<ReturnType<typeof list>>) =>
  (response.json.mismatches as Listed[]).map((m) => m.id);
const byIdDesc = (a: Row, b: Row) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const newest = (key: "firstSeenAt" | "lastSeenAt") => (a: Row, b: Row) =>
  b[key].getTime() - a[key].getTime() || byIdDesc(a, b);
const rank = (row: Row) => MISMATCH_SEVERITIES.indexOf(row.severity as (typeof MISMATCH_SEVERITIES)[number]);
const expected = {
  lastSeenAt: () => [...rows].sort(newest("lastSeenAt")).map((r) => r.id),
  firstSeenAt: () => [...rows].sort(newest("firstSeenAt")).map((r) => r.id),
  severity: () => [...rows].sort((a, b) => rank(a) - rank(b) || newest("lastSeenAt")(a, b)).map((r) => r.id),
};

beforeAll(async () => {
  await resetDatabase();
  token = (await apiTokenFor("viewer")).token;
  await prisma().instrument.create({
    data: {
      symbol: "BTC/USDT",
      base: "BTC",
      quote: "USDT",
      tickSize: "0.01",
      lotSize: "0.00001",
      minNotional: "10",
    },
  });
  const order = await prisma().order.create({
    data: {
      clientOrderId: "tly-recon-1",
      venue: "sim",
      venueOrderId: "v-1",
      symbol: "BTC/USDT",
      side: "buy",
      type: "limit",
      timeInForce: "GTC",
      quantity: "0.5",
      price: "30000",
      filledQuantity: "0.2",
      status: "partially_filled",
      fills: {
        create: {
          venue: "sim",
          venueTradeId: "t-1",
          price: "30000",
          quantity: "0.2",
          fee: "0.0002",
          feeAsset: "BTC",
          source: "reconciliation",
          executedAt: new Date(base),
        },
      },
      events: {
        create: [
          { type: "created", toStatus: "pending_new" },
          { type: "accepted", fromStatus: "pending_new", toStatus: "open" },
        ],
      },
    },
  });
  orderId = order.id;
  // 14 mismatches over every type, severity and status; both times repeat so the id breaks ties.
  for (let i = 0; i < 14; i++) {
    const row = await prisma().mismatch.create({
      data: {
        type: MISMATCH_TYPES[i % MISMATCH_TYPES.length]!,
        severity: MISMATCH_SEVERITIES[i % 3]!,
        status: MISMATCH_STATUSES[i % 5]!,
        subject: `subject-${i}`,
        fingerprint: `fp-${i}`,
        symbol: i === 13 ? null : i % 2 ? "ETH/USDT" : "BTC/USDT",
        expected: { quantity: "1" },
        actual: { quantity: "0.9" },
        quantityDelta: i % 2 ? "-0.100000" : null,
        firstSeenAt: new Date(base + (i % 5) * 60_000),
        lastSeenAt: new Date(base + (i % 4) * HOUR),
      },
    });
    rows.push(row);
  }
  const detailed = await prisma().mismatch.create({
    data: {
      type: "fill_missing_locally",
      severity: "critical",
      status: "acknowledged",
      subject: "t-1",
      fingerprint: "fp-detail",
      symbol: "BTC/USDT",
      orderId,
      clientOrderId: "tly-recon-1",
      venueOrderId: "v-1",
      expected: { fill: null },
      actual: { fill: { venueTradeId: "t-1", quantity: "0.2" } },
      quantityDelta: "0.2",
      notionalDelta: "6000.00",
      firstSeenAt: new Date(base - 2 * HOUR),
      lastSeenAt: new Date(base - HOUR),
      note: "looking",
    },
  });
  withOrder = detailed.id;
  rows.push(detailed);
  for (let i = 0; i < 52; i++) {
    const run = await prisma().reconciliationRun.create({
      data: {
        trigger: "periodic",
        status: "completed",
        startedAt: new Date(base - 3 * HOUR + i * 60_000),
        instance: "host:1",
      },
    });
    runIds.push(run.id);
  }
  await prisma().mismatchSighting.createMany({
    data: runIds.map((runId) => ({ mismatchId: withOrder, runId })),
  });
  await prisma().mismatchSighting.create({ data: { mismatchId: rows[0]!.id, runId: runIds[0]! } });
  await prisma().mismatchEvent.create({
    data: {
      mismatchId: withOrder,
      action: "raised",
      toStatus: "open",
      actor: "reconciliation",
      data: { runId: runIds[0] },
    },
  });
  await prisma().mismatchEvent.create({
    data: {
      mismatchId: withOrder,
      action: "acknowledged",
      fromStatus: "open",
      toStatus: "acknowledged",
      actor: "user:alice",
      note: "looking",
    },
  });
  await prisma().adjustment.create({
    data: {
      mismatchId: withOrder,
      orderId,
      kind: "fill_inserted",
      evidence: { venueTradeId: "t-1", quantity: "0.2" },
      runId: runIds[0],
      source: "reconciliation",
      actor: "reconciliation",
    },
  });
});

describe("GET /api/reconciliation/mismatches", () => {
  it("lists every field, decimals as strings, newest lastSeenAt first by default", async () => {
    const response = await list("?limit=200");
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual(expected.lastSeenAt());
    expect(response.json.nextCursor).toBeNull();
    const detailed = (response.json.mismatches as Listed[]).find((m) => m.id === withOrder);
    expect(detailed).toEqual({
      id: withOrder,
      type: "fill_missing_locally",
      severity: "critical",
      status: "acknowledged",
      symbol: "BTC/USDT",
      orderId,
      clientOrderId: "tly-recon-1",
      venueOrderId: "v-1",
      expected: { fill: null },
      actual: { fill: { venueTradeId: "t-1", quantity: "0.2" } },
      quantityDelta: "0.2",
      notionalDelta: "6000",
      firstSeenAt: new Date(base - 2 * HOUR).toISOString(),
      lastSeenAt: new Date(base - HOUR).toISOString(),
      resolution: null,
      resolvedBy: null,
      resolvedAt: null,
      note: "looking",
    });
    const odd = (response.json.mismatches as Array<Listed & { quantityDelta: string | null }>).find(
      (m) => m.id === rows[1]!.id,
    );
    expect(odd?.quantityDelta).toBe("-0.1");
  });

  for (const sort of ["lastSeenAt", "firstSeenAt", "severity"] as const) {
    it(`sort=${sort}: pages through every row once, in order, with a stable cursor`, async () => {
      const whole = await list(`?sort=${sort}&limit=200`);
      expect(ids(whole)).toEqual(expected[sort]());
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await list(`?sort=${sort}&limit=4${cursor ? `&cursor=${cursor}` : ""}`);
        expect(response.status).toBe(200);
        seen.push(...ids(response));
        cursor = response.json.nextCursor as string | null;
        pages++;
      } while (cursor);
      expect(pages).toBe(4);
      expect(seen).toEqual(expected[sort]());
    });
  }

  it("refuses a cursor made for another sort", async () => {
    const first = await list("?sort=firstSeenAt&limit=2");
    const response = await list(`?sort=severity&cursor=${first.json.nextCursor}`);
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ field: "cursor" })]);
  });

  it("filters by status, type, severity and symbol, each one value or a comma list, combined with AND", async () => {
    const only = (pick: (row: Row) => boolean) =>
      expected.lastSeenAt().filter((id) => pick(rows.find((r) => r.id === id)!));
    const cases: Array<[string, (row: Row) => boolean]> = [
      ["status=open", (r) => r.status === "open"],
      ["status=open,acknowledged", (r) => ["open", "acknowledged"].includes(r.status)],
      ["type=balance_drift", (r) => r.type === "balance_drift"],
      ["type=stuck_pending, missing_at_venue", (r) => ["stuck_pending", "missing_at_venue"].includes(r.type)],
      ["severity=critical", (r) => r.severity === "critical"],
      ["severity=critical,info", (r) => r.severity !== "warning"],
      ["symbol=ETH/USDT", (r) => r.symbol === "ETH/USDT"],
      ["symbol=ETH/USDT,BTC/USDT", (r) => r.symbol !== null],
      [
        "status=open,resolved&severity=critical",
        (r) => ["open", "resolved"].includes(r.status) && r.severity === "critical",
      ],
    ];
    for (const [search, pick] of cases) {
      const response = await list(`?limit=200&${search.replaceAll(" ", "%20")}`);
      expect(response.status, search).toBe(200);
      const want = only(pick);
      expect(want.length, search).toBeGreaterThan(0);
      expect(ids(response), search).toEqual(want);
    }
  });

  it("answers 400 validation_failed naming the field for an unknown status, type, severity or sort", async () => {
    for (const [search, field] of [
      ["status=open,closed", "status"],
      ["type=fill_missing", "type"],
      ["severity=high", "severity"],
      ["sort=createdAt", "sort"],
      ["limit=201", "limit"],
      ["cursor=xyz", "cursor"],
    ] as const) {
      const response = await list(`?${search}`);
      expect(response.status, search).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.json.code, search).toBe("validation_failed");
      expect(response.json.errors, search).toEqual([expect.objectContaining({ field })]);
    }
    const named = await list("?status=open,closed");
    expect((named.json.errors as Array<{ message: string }>)[0]!.message).toContain('"closed"');
  });
});

describe("GET /api/reconciliation/mismatches/{id}", () => {
  it("answers the mismatch with its timeline in order, the newest 50 runs that saw it, adjustments and the order", async () => {
    const response = await callRoute(getMismatchRoute, { params: { id: withOrder }, token });
    expect(response.status).toBe(200);
    const mismatch = response.json.mismatch as Record<string, unknown> & {
      timeline: Array<{ action: string }>;
      runs: Array<{ id: string; startedAt: string }>;
      adjustments: unknown[];
      order: { id: string; fills: unknown[]; events: Array<{ type: string }> };
    };
    expect(mismatch).toMatchObject({ id: withOrder, status: "acknowledged", quantityDelta: "0.2", orderId });
    expect(mismatch.timeline).toEqual([
      {
        id: expect.any(String),
        action: "raised",
        fromStatus: null,
        toStatus: "open",
        actor: "reconciliation",
        note: null,
        data: { runId: runIds[0] },
        createdAt: expect.any(String),
      },
      expect.objectContaining({
        action: "acknowledged",
        fromStatus: "open",
        toStatus: "acknowledged",
        note: "looking",
      }),
    ]);
    expect(mismatch.runs).toHaveLength(50);
    expect(mismatch.runs[0]).toEqual({
      id: runIds[51],
      startedAt: new Date(base - 3 * HOUR + 51 * 60_000).toISOString(),
    });
    expect(mismatch.runs.map((r) => r.id)).toEqual([...runIds].reverse().slice(0, 50));
    expect(mismatch.adjustments).toEqual([
      {
        id: expect.any(String),
        kind: "fill_inserted",
        orderId,
        runId: runIds[0],
        source: "reconciliation",
        actor: "reconciliation",
        evidence: { venueTradeId: "t-1", quantity: "0.2" },
        createdAt: expect.any(String),
      },
    ]);
    expect(mismatch.order).toMatchObject({
      id: orderId,
      clientOrderId: "tly-recon-1",
      filledQuantity: "0.2",
      placedBy: null,
    });
    expect(mismatch.order.fills).toEqual([
      expect.objectContaining({ venueTradeId: "t-1", quantity: "0.2", fee: "0.0002" }),
    ]);
    expect(mismatch.order.events.map((e) => e.type)).toEqual(["created", "accepted"]);
  });

  it("answers order null and empty lists for a mismatch about no order", async () => {
    const response = await callRoute(getMismatchRoute, { params: { id: rows[0]!.id }, token });
    expect(response.status).toBe(200);
    expect(response.json.mismatch).toMatchObject({
      timeline: [],
      runs: [{ id: runIds[0] }],
      adjustments: [],
      order: null,
    });
  });

  it("answers 404 mismatch_not_found for an unknown id and 400 for a non-uuid", async () => {
    const missing = await callRoute(getMismatchRoute, {
      params: { id: "00000000-0000-4000-8000-000000000000" },
      token,
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    expect(missing.json.code).toBe("mismatch_not_found");
    const bad = await callRoute(getMismatchRoute, { params: { id: "nope" }, token });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ field: "id" })]);
  });
});
