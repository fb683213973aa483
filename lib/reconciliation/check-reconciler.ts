import { sql } from "../db/sql";
import type { ReconciliationGate } from "./reconciliation-gate";

/**
 * Readiness of the reconciler: not ready until this instance's first full run has completed, and
 * again when the newest successful run is older than three periods. Throws saying which.
 */
export async function checkReconciler(options: {
  gate: ReconciliationGate;
  intervalMs: number;
}): Promise<string> {
  if (!(await options.gate.isOpen())) {
    throw new Error(
      "the first reconciliation run since start-up has not completed yet; placements wait for it",
    );
  }
  const rows = await sql().$queryRaw<{ finishedAt: Date }[]>`
    SELECT "finishedAt" FROM "ReconciliationRun" WHERE status = 'completed'::"ReconciliationRunStatus"
    ORDER BY "finishedAt" DESC LIMIT 1`;
  const last = rows[0]?.finishedAt;
  if (!last) throw new Error("no reconciliation run has completed");
  const ageMs = Date.now() - last.getTime();
  if (ageMs > options.intervalMs * 3) {
    throw new Error(`the last successful reconciliation run finished ${Math.round(ageMs / 1000)} s ago`);
  }
  return `last successful run ${Math.round(ageMs / 1000)} s ago`;
}
