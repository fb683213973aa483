import { auditedReplay } from "../audit/audited-replay";
import { recordAudit } from "../audit/record-audit";
import type { Principal } from "../auth/principal";
import { transaction } from "../db/sql";
import { completeIdempotencyRecord } from "../idempotency/complete-idempotency-record";
import type { KeyedRequest, StoredOutcome } from "../idempotency/idempotency-types";
import { type IdempotentResult, runIdempotently } from "../idempotency/run-idempotently";
import type { VenuePort } from "../venue/port/venue-port";
import { startReconciliation } from "./run-reconciliation";

/** The answer to an on-demand run: the run as it started (or the running one it joined). */
export interface RunRequestedOutcome {
  kind: "reconciliation_run_requested";
  run: { id: string; trigger: string; status: string; startedAt: string; instance: string };
  joined: boolean;
}

/**
 * Starts a reconciliation run on demand under an Idempotency-Key, or joins the one already running
 * on any instance; answers once the run has its row, while the run goes on.
 */
export async function requestReconciliationRun(options: {
  venue: VenuePort;
  principal: Principal;
  request: KeyedRequest;
  requestId?: string;
}): Promise<IdempotentResult<RunRequestedOutcome>> {
  const start = async (recordId: string): Promise<RunRequestedOutcome> => {
    const started = await startReconciliation({ venue: options.venue, trigger: "manual" });
    started.finished.catch(() => undefined); // the run records its own failure
    const { run } = started;
    const outcome: RunRequestedOutcome = {
      kind: "reconciliation_run_requested",
      run: {
        id: run.id,
        trigger: run.trigger,
        status: run.status,
        startedAt: run.startedAt.toISOString(),
        instance: run.instance,
      },
      joined: started.joined,
    };
    await transaction(async (tx) => {
      await completeIdempotencyRecord({ tx, recordId, outcome });
      await recordAudit(
        {
          actor: options.principal,
          action: "reconciliation.run_requested",
          outcome: "success",
          target: run.id,
          requestId: options.requestId,
          details: { joined: started.joined },
        },
        tx,
      );
    });
    return outcome;
  };
  const replay = {
    actor: options.principal,
    action: "reconciliation.run_requested",
    targets: (outcome: StoredOutcome) => {
      const { run } = outcome as { run?: { id: string } };
      return run ? [run.id] : [];
    },
  };
  const result = await runIdempotently<undefined, null, RunRequestedOutcome>({
    request: { ...options.request, operation: "request_reconciliation_run", targetIds: [] },
    prepare: async () => undefined,
    start: async () => ({ work: null }),
    finish: ({ record }) => start(record.id),
    resume: ({ record }) => start(record.id),
    completeNow: ({ tx, record, outcome }) => completeIdempotencyRecord({ tx, recordId: record.id, outcome }),
  });
  return auditedReplay(replay, result);
}
