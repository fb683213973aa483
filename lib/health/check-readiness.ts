import { readdir } from "node:fs/promises";
import path from "node:path";
import { sql } from "../db/sql";
import type { BookHub } from "../marketdata/book-hub";
import { checkOrderbookFeeds } from "../marketdata/check-orderbook-feeds";
import { checkReconciler } from "../reconciliation/check-reconciler";
import type { ReconciliationGate } from "../reconciliation/reconciliation-gate";
import type { VenuePort } from "../venue/port/venue-port";
import { cachedVenueHealth } from "./venue-health-cache";

export type CheckResult = { status: "ok" | "fail"; latencyMs?: number; detail?: string };
export type Readiness = { status: "ok" | "fail"; checks: Record<string, CheckResult> };

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} timed out`)), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);
}

async function timed(run: () => Promise<string | undefined>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const detail = await run();
    return {
      status: "ok",
      latencyMs: Math.round(performance.now() - started),
      ...(detail ? { detail } : {}),
    };
  } catch (error) {
    return {
      status: "fail",
      latencyMs: Math.round(performance.now() - started),
      detail: (error as Error).message,
    };
  }
}

async function checkMigrations(): Promise<string> {
  const dir = path.join(process.cwd(), "prisma", "migrations");
  const expected = (await readdir(dir)).filter((name) => /^\d{14}_/.test(name));
  const applied = await sql().$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const appliedNames = new Set(applied.map((row) => row.migration_name));
  const missing = expected.filter((name) => !appliedNames.has(name));
  if (missing.length > 0) throw new Error(`not applied: ${missing.join(", ")}`);
  return `${expected.length} applied`;
}

/** Dependency checks behind GET /api/ready; later capabilities add their own checks here. */
export async function checkReadiness(options: {
  venue: VenuePort;
  /** The order book hub, if anything has started it. */
  bookHub?: BookHub;
  reconciliation: { gate: ReconciliationGate; intervalMs: number };
}): Promise<Readiness> {
  const database = await timed(async () => {
    await withTimeout(sql().$queryRaw`SELECT 1`, "database");
    return undefined;
  });
  const migrations =
    database.status === "ok"
      ? await timed(() => withTimeout(checkMigrations(), "migrations"))
      : { status: "fail" as const, detail: "database unreachable" };
  const venue = await timed(async () => {
    const health = await withTimeout(cachedVenueHealth(options.venue), "venue");
    if (!health.reachable) throw new Error(health.error ?? "venue unreachable");
    const open = Object.entries(health.breakers).filter(([, state]) => state === "open");
    if (open.length > 0) throw new Error(`circuit breaker open: ${open.map(([name]) => name).join(", ")}`);
    return health.clockOffsetWarning ? `clock offset ${health.clockOffsetMs} ms` : undefined;
  });
  const orderbook = await timed(async () => checkOrderbookFeeds(options.bookHub));
  const reconciler =
    database.status === "ok"
      ? await timed(() => withTimeout(checkReconciler(options.reconciliation), "reconciler"))
      : { status: "fail" as const, detail: "database unreachable" };
  const checks = { database, migrations, venue, orderbook, reconciler };
  const status = Object.values(checks).every((check) => check.status === "ok") ? "ok" : "fail";
  return { status, checks };
}
