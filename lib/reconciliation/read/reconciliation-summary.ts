import type { ReconciliationRun } from "../../db/generated/prisma/client";
import { prisma } from "../../db/prisma";
import { sql } from "../../db/sql";
import {
  MISMATCH_SEVERITIES,
  MISMATCH_TYPES,
  type MismatchSeverity,
  type MismatchType,
  UNRESOLVED_MISMATCH_STATUSES,
} from "./mismatch-vocabulary";

export type SeriesBucket = "hour" | "day";

const BUCKET_MS: Record<SeriesBucket, number> = { hour: 3_600_000, day: 86_400_000 };

export interface RunSummary {
  id: string;
  trigger: string;
  status: ReconciliationRun["status"];
  startedAt: string;
  finishedAt: string | null;
  /** Seconds since it finished, or since it started while it runs. */
  ageSeconds: number;
  durationMs: number | null;
  error: string | null;
}

export interface ReconciliationSummary {
  /** Unresolved (open or acknowledged) mismatches. */
  openBySeverity: Record<MismatchSeverity, number>;
  openByType: Record<MismatchType, number>;
  lastRun: RunSummary | null;
  lastSuccessfulRun: RunSummary | null;
  /** Mismatches auto-resolved since 00:00 UTC today. */
  autoResolvedToday: number;
  series: {
    bucket: SeriesBucket;
    from: string;
    to: string;
    /** One point per bucket (UTC) from the one holding `from` up to `to`: mismatches first seen in it by type. */
    points: Array<{ at: string; byType: Record<MismatchType, number> }>;
  };
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

function runSummary(run: ReconciliationRun | null, now: Date): RunSummary | null {
  if (!run) return null;
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - (run.finishedAt ?? run.startedAt).getTime()) / 1000)),
    durationMs: run.durationMs,
    error: run.error,
  };
}

async function firstSeenSeries(options: { from: Date; to: Date; bucket: SeriesBucket }) {
  const rows = await sql().$queryRaw<Array<{ at: Date; type: string; count: number }>>`
    SELECT date_trunc(${options.bucket}, "firstSeenAt", 'UTC') AS at, type, count(*)::int AS count
    FROM "Mismatch"
    WHERE "firstSeenAt" >= ${options.from}::timestamptz AND "firstSeenAt" < ${options.to}::timestamptz
    GROUP BY 1, 2`;
  const step = BUCKET_MS[options.bucket];
  const points = new Map<number, Record<MismatchType, number>>();
  for (let at = Math.floor(options.from.getTime() / step) * step; at < options.to.getTime(); at += step)
    points.set(at, zeros(MISMATCH_TYPES));
  for (const row of rows) {
    const byType = points.get(row.at.getTime());
    if (byType && row.type in byType) byType[row.type as MismatchType] += row.count;
  }
  return [...points].map(([at, byType]) => ({ at: new Date(at).toISOString(), byType }));
}

/** What the reconciliation dashboard shows: open mismatches, the latest runs, and new mismatches over time. */
export async function reconciliationSummary(options: {
  from: Date;
  to: Date;
  bucket: SeriesBucket;
  now: Date;
}): Promise<ReconciliationSummary> {
  const startOfDay = new Date(Math.floor(options.now.getTime() / BUCKET_MS.day) * BUCKET_MS.day);
  const [open, lastRun, lastSuccessfulRun, autoResolvedToday, points] = await Promise.all([
    prisma().mismatch.groupBy({
      by: ["severity", "type"],
      where: { status: { in: [...UNRESOLVED_MISMATCH_STATUSES] } },
      _count: { _all: true },
    }),
    prisma().reconciliationRun.findFirst({ orderBy: [{ startedAt: "desc" }, { id: "desc" }] }),
    prisma().reconciliationRun.findFirst({
      where: { status: "completed" },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    }),
    prisma().mismatch.count({ where: { status: "auto_resolved", resolvedAt: { gte: startOfDay } } }),
    firstSeenSeries(options),
  ]);
  const openBySeverity = zeros(MISMATCH_SEVERITIES);
  const openByType = zeros(MISMATCH_TYPES);
  for (const group of open) {
    if (group.severity in openBySeverity)
      openBySeverity[group.severity as MismatchSeverity] += group._count._all;
    if (group.type in openByType) openByType[group.type as MismatchType] += group._count._all;
  }
  return {
    openBySeverity,
    openByType,
    lastRun: runSummary(lastRun, options.now),
    lastSuccessfulRun: runSummary(lastSuccessfulRun, options.now),
    autoResolvedToday,
    series: {
      bucket: options.bucket,
      from: options.from.toISOString(),
      to: options.to.toISOString(),
      points,
    },
  };
}
