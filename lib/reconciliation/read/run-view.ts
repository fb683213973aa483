import type { ReconciliationRun } from "../../db/generated/prisma/client";

export interface RunView {
  id: string;
  trigger: string;
  status: ReconciliationRun["status"];
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  checked: unknown;
  found: number;
  updated: number;
  autoResolved: number;
  cleared: number;
  venueRequests: number;
  venueWeight: number | null;
  error: string | null;
  instance: string;
}

/** The API shape of a reconciliation run: ISO times, the counters as the engine wrote them. */
export function toRunView(run: ReconciliationRun): RunView {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.durationMs,
    checked: run.checked,
    found: run.found,
    updated: run.updated,
    autoResolved: run.autoResolved,
    cleared: run.cleared,
    venueRequests: run.venueRequests,
    venueWeight: run.venueWeight,
    error: run.error,
    instance: run.instance,
  };
}
