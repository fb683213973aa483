import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/prisma";
import { MISMATCH_TYPES } from "@/lib/reconciliation/read/mismatch-vocabulary";
import { callRoute } from "@/test/http-client";
import { apiTokenFor } from "@/test/principals";
import { resetDatabase } from "@/test/reset-database";
import { GET as summaryRoute } from "./route";

type Point = { at: string; byType: Record<string, number> };

let token: string;
let n = 0;
let lastRunId: string;
let lastSuccessfulRunId: string;
const DAY = 86_400_000;
const now = Date.now();
const startOfToday = Math.floor(now / DAY) * DAY;

const summary = (search = "") =>
  callRoute(summaryRoute, { path: `/api/reconciliation/summary${search}`, token });

const mismatch = (data: {
  type: string;
  status: string;
  severity?: string;
  firstSeenAt: string | Date;
  resolvedAt?: Date;
}) =>
  prisma().mismatch.create({
    data: {
      severity: "info",
      ...data,
      subject: `subject-${n++}`,
      fingerprint: `fp-${n}`,
      expected: {},
      actual: {},
      firstSeenAt: new Date(data.firstSeenAt),
      lastSeenAt: new Date(data.firstSeenAt),
    },
  });

const counts = (byType: Record<string, number>) =>
  Object.fromEntries(Object.entries(byType).filter(([, count]) => count > 0));

beforeAll(async () => {
  await resetDatabase();
  token = (await apiTokenFor("viewer")).token;
  const old = "2026-01-01T00:00:00.000Z";
  await mismatch({ type: "balance_drift", status: "open", severity: "critical", firstSeenAt: old });
  await mismatch({ type: "balance_drift", status: "open", severity: "critical", firstSeenAt: old });
  await mismatch({ type: "status_mismatch", status: "acknowledged", severity: "warning", firstSeenAt: old });
  await mismatch({ type: "status_mismatch", status: "open", severity: "info", firstSeenAt: old });
  await mismatch({ type: "stuck_pending", status: "accepted", severity: "critical", firstSeenAt: old });
  await mismatch({ type: "stuck_pending", status: "resolved", severity: "critical", firstSeenAt: old });
  await mismatch({
    type: "missing_at_venue",
    status: "auto_resolved",
    firstSeenAt: old,
    resolvedAt: new Date(now - 1000),
  });
  await mismatch({
    type: "missing_at_venue",
    status: "auto_resolved",
    firstSeenAt: old,
    resolvedAt: new Date(startOfToday),
  });
  await mismatch({
    type: "missing_at_venue",
    status: "auto_resolved",
    firstSeenAt: old,
    resolvedAt: new Date(startOfToday - 60_000),
  });
  await mismatch({
    type: "missing_at_venue",
    status: "resolved",
    firstSeenAt: old,
    resolvedAt: new Date(now - 1000),
  });
  // The series: 2026-05-10, resolved so that they do not count as open.
  for (const [type, firstSeenAt] of [
    ["fill_missing_locally", "2026-05-10T00:15:00.000Z"],
    ["fill_missing_locally", "2026-05-10T00:45:00.000Z"],
    ["fill_missing_locally", "2026-05-10T01:00:00.000Z"],
    ["price_or_fee_mismatch", "2026-05-10T01:59:59.999Z"],
    ["fill_missing_locally", "2026-05-10T03:30:00.000Z"],
    ["fill_missing_locally", "2026-05-10T04:00:00.000Z"],
    ["price_or_fee_mismatch", "2026-05-08T11:59:59.999Z"],
    ["price_or_fee_mismatch", "2026-05-08T12:00:00.000Z"],
    ["balance_drift", "2026-05-09T23:59:59.999Z"],
  ] as const)
    await mismatch({ type, status: "resolved", firstSeenAt });

  const succeeded = await prisma().reconciliationRun.create({
    data: {
      trigger: "periodic",
      status: "completed",
      startedAt: new Date(now - 120_000),
      finishedAt: new Date(now - 118_000),
      durationMs: 2000,
      instance: "host:1",
    },
  });
  lastSuccessfulRunId = succeeded.id;
  await prisma().reconciliationRun.create({
    data: { trigger: "startup", status: "completed", startedAt: new Date(now - 600_000), instance: "host:1" },
  });
  const failed = await prisma().reconciliationRun.create({
    data: {
      trigger: "manual",
      status: "failed",
      startedAt: new Date(now - 10_000),
      finishedAt: new Date(now - 5_000),
      durationMs: 5000,
      error: "venue unavailable",
      instance: "host:2",
    },
  });
  lastRunId = failed.id;
});

describe("GET /api/reconciliation/summary", () => {
  it("counts unresolved mismatches by severity and type, the last runs and today's auto-resolutions", async () => {
    const response = await summary();
    expect(response.status).toBe(200);
    expect(response.json.openBySeverity).toEqual({ critical: 2, warning: 1, info: 1 });
    const byType = response.json.openByType as Record<string, number>;
    expect(Object.keys(byType).sort()).toEqual([...MISMATCH_TYPES].sort());
    expect(counts(byType)).toEqual({ balance_drift: 2, status_mismatch: 2 });
    expect(response.json.lastRun).toEqual({
      id: lastRunId,
      trigger: "manual",
      status: "failed",
      startedAt: new Date(now - 10_000).toISOString(),
      finishedAt: new Date(now - 5_000).toISOString(),
      ageSeconds: expect.any(Number),
      durationMs: 5000,
      error: "venue unavailable",
    });
    const age = (response.json.lastRun as { ageSeconds: number }).ageSeconds;
    expect(age).toBeGreaterThanOrEqual(5);
    expect(age).toBeLessThan(60);
    expect(response.json.lastSuccessfulRun).toMatchObject({
      id: lastSuccessfulRunId,
      status: "completed",
      durationMs: 2000,
      error: null,
    });
    expect(response.json.autoResolvedToday).toBe(2);
  });

  it("defaults to the last 24 hours in hourly buckets, every bucket present", async () => {
    const response = await summary();
    const series = response.json.series as { bucket: string; from: string; to: string; points: Point[] };
    expect(series.bucket).toBe("hour");
    expect(Date.parse(series.to) - Date.parse(series.from)).toBe(DAY);
    expect(Math.abs(Date.parse(series.to) - Date.now())).toBeLessThan(60_000);
    expect(series.points.length).toBeGreaterThanOrEqual(24);
    expect(series.points.length).toBeLessThanOrEqual(25);
    expect(series.points.every((p) => Object.keys(p.byType).length === MISMATCH_TYPES.length)).toBe(true);
  });

  it("counts mismatches first seen in each UTC hour, from inclusive and to exclusive", async () => {
    const response = await summary("?from=2026-05-10T00:30:00Z&to=2026-05-10T04:00:00.000Z");
    expect(response.status).toBe(200);
    const series = response.json.series as { bucket: string; from: string; to: string; points: Point[] };
    expect(series).toMatchObject({
      bucket: "hour",
      from: "2026-05-10T00:30:00.000Z",
      to: "2026-05-10T04:00:00.000Z",
    });
    expect(series.points.map((p) => ({ at: p.at, byType: counts(p.byType) }))).toEqual([
      { at: "2026-05-10T00:00:00.000Z", byType: { fill_missing_locally: 1 } },
      { at: "2026-05-10T01:00:00.000Z", byType: { fill_missing_locally: 1, price_or_fee_mismatch: 1 } },
      { at: "2026-05-10T02:00:00.000Z", byType: {} },
      { at: "2026-05-10T03:00:00.000Z", byType: { fill_missing_locally: 1 } },
    ]);
  });

  it("counts by UTC day with bucket=day", async () => {
    const response = await summary("?from=2026-05-08T12:00:00Z&to=2026-05-11T00:00:00Z&bucket=day");
    expect(response.status).toBe(200);
    const points = (response.json.series as { points: Point[] }).points;
    expect(points.map((p) => ({ at: p.at, byType: counts(p.byType) }))).toEqual([
      { at: "2026-05-08T00:00:00.000Z", byType: { price_or_fee_mismatch: 1 } },
      { at: "2026-05-09T00:00:00.000Z", byType: { balance_drift: 1 } },
      { at: "2026-05-10T00:00:00.000Z", byType: { fill_missing_locally: 5, price_or_fee_mismatch: 1 } },
    ]);
  });

  it("answers 400 validation_failed naming the field for a bad range or bucket", async () => {
    for (const [search, field] of [
      ["?from=2026-05-10T00:00:00Z&to=2026-05-10T00:00:00Z", "to"],
      ["?from=2026-05-11T00:00:00Z&to=2026-05-10T00:00:00Z", "to"],
      ["?from=2026-04-01T00:00:00Z&to=2026-05-02T00:00:01Z", "to"],
      ["?from=yesterday", "from"],
      ["?to=2026-05-10", "to"],
      ["?bucket=week", "bucket"],
    ] as const) {
      const response = await summary(search);
      expect(response.status, search).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.json.code, search).toBe("validation_failed");
      expect(response.json.errors, search).toEqual([expect.objectContaining({ field })]);
    }
    const month = await summary("?from=2026-04-01T00:00:00Z&to=2026-05-02T00:00:00Z&bucket=day");
    expect(month.status).toBe(200);
    expect((month.json.series as { points: Point[] }).points).toHaveLength(31);
  });
});
