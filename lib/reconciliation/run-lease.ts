import os from "node:os";
import { sql } from "../db/sql";

/** A running row whose heartbeat is older than this belongs to a process that died. */
export const RUN_HEARTBEAT_MS = 2_000;
const STALE_AFTER_MS = RUN_HEARTBEAT_MS * 5;

export const RUN_INSTANCE = `${os.hostname()}:${process.pid}`;

import type { RunTrigger } from "./read/mismatch-vocabulary";

export type { RunTrigger };

export interface RunRow {
  id: string;
  trigger: string;
  status: "running" | "completed" | "failed";
  startedAt: Date;
  instance: string;
}

/**
 * Starts a run, or joins the one already running on any instance (the partial unique index on
 * status = 'running' lets only one exist). A running row whose heartbeat stopped is marked failed
 * first, so a run whose process died is never left "running".
 */
export async function startRun(trigger: RunTrigger): Promise<{ run: RunRow; joined: boolean }> {
  await sql().$executeRaw`
    UPDATE "ReconciliationRun"
    SET status = 'failed'::"ReconciliationRunStatus", "finishedAt" = now(),
        "durationMs" = (extract(epoch FROM now() - "startedAt") * 1000)::int,
        error = 'the process running it stopped (no heartbeat since ' || "heartbeatAt"::text || ')'
    WHERE status = 'running'::"ReconciliationRunStatus"
      AND "heartbeatAt" < now() - ${STALE_AFTER_MS}::double precision * interval '1 millisecond'`;
  for (;;) {
    const inserted = await sql().$queryRaw<RunRow[]>`
      INSERT INTO "ReconciliationRun" (id, trigger, status, "startedAt", "heartbeatAt", instance)
      VALUES (gen_random_uuid(), ${trigger}, 'running'::"ReconciliationRunStatus", now(), now(), ${RUN_INSTANCE})
      ON CONFLICT DO NOTHING
      RETURNING id, trigger, status::text AS status, "startedAt", instance`;
    if (inserted[0]) return { run: inserted[0], joined: false };
    const running = await sql().$queryRaw<RunRow[]>`
      SELECT id, trigger, status::text AS status, "startedAt", instance FROM "ReconciliationRun"
      WHERE status = 'running'::"ReconciliationRunStatus"`;
    if (running[0]) return { run: running[0], joined: true };
  }
}

/** Keeps the run's heartbeat fresh while `work` runs. */
export async function withHeartbeat<T>(runId: string, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    void sql()
      .$executeRaw`UPDATE "ReconciliationRun" SET "heartbeatAt" = now() WHERE id = ${runId}::uuid`.catch(
      () => undefined,
    );
  }, RUN_HEARTBEAT_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export interface RunTotals {
  checked: Record<string, unknown>;
  found: number;
  updated: number;
  autoResolved: number;
  cleared: number;
  venueRequests: number;
  venueWeight: number | null;
}

export async function finishRun(
  runId: string,
  outcome: { totals: RunTotals; error: string | null },
): Promise<void> {
  const { totals, error } = outcome;
  await sql().$executeRaw`
    UPDATE "ReconciliationRun"
    SET status = ${error ? "failed" : "completed"}::"ReconciliationRunStatus", "finishedAt" = now(),
        "durationMs" = (extract(epoch FROM now() - "startedAt") * 1000)::int,
        checked = ${JSON.stringify(totals.checked)}::jsonb, found = ${totals.found}, updated = ${totals.updated},
        "autoResolved" = ${totals.autoResolved}, cleared = ${totals.cleared},
        "venueRequests" = ${totals.venueRequests}, "venueWeight" = ${totals.venueWeight}, error = ${error}
    WHERE id = ${runId}::uuid AND status = 'running'::"ReconciliationRunStatus"`;
}
