import { sql } from "../lib/db/sql";
import type { RunRow } from "../lib/reconciliation/run-lease";

/** Waits until a reconciliation run is no longer running (tests of runs started in the background). */
export async function waitForRun(runId: string, timeoutMs: number): Promise<RunRow | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await sql().$queryRaw<RunRow[]>`
      SELECT id, trigger, status::text AS status, "startedAt", instance FROM "ReconciliationRun" WHERE id = ${runId}::uuid`;
    const run = rows[0] ?? null;
    if (run?.status !== "running" || Date.now() > until) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
