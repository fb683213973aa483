import { sql } from "../db/sql";
import { DomainError } from "../errors/domain-error";

/**
 * Placements wait for reconciliation: until a full run that started after this process booted has
 * completed (on any instance), this instance refuses new orders (cancels stay allowed). Built by the
 * composition root; in-process tests build an open one.
 */
export interface ReconciliationGate {
  isOpen(): Promise<boolean>;
  /** Refuses with unavailable `reconciliation_pending` (and a Retry-After) while closed. */
  assertOpen(): Promise<void>;
}

const RECHECK_MS = 500;

export function createReconciliationGate(options: { bootedAt: Date; open?: boolean }): ReconciliationGate {
  let open = options.open ?? false;
  let checkedAt = 0;
  const isOpen = async () => {
    if (open || Date.now() - checkedAt < RECHECK_MS) return open;
    checkedAt = Date.now();
    const rows = await sql().$queryRaw<{ found: number }[]>`
      SELECT 1 AS found FROM "ReconciliationRun"
      WHERE status = 'completed'::"ReconciliationRunStatus" AND "startedAt" >= ${options.bootedAt} LIMIT 1`;
    open = rows.length > 0;
    return open;
  };
  return {
    isOpen,
    async assertOpen() {
      if (await isOpen()) return;
      throw new DomainError({
        kind: "unavailable",
        code: "reconciliation_pending",
        detail:
          "Orders are accepted once this instance's first reconciliation with the venue has completed; retry shortly",
        retryAfterSeconds: 2,
      });
    },
  };
}
