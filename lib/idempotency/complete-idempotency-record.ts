import type { Tx } from "../db/sql";
import type { StoredOutcome } from "./idempotency-types";

/** The record was completed (or removed) by someone else: this worker must not write its outcome. */
export class IdempotencyLeaseLostError extends Error {
  override name = "IdempotencyLeaseLostError";
}

/**
 * Stores the outcome in the caller's transaction (together with the state change it describes).
 * Throws IdempotencyLeaseLostError, rolling the caller back, when the record is no longer in progress.
 */
export async function completeIdempotencyRecord(options: {
  tx: Tx;
  recordId: string;
  outcome: StoredOutcome;
}): Promise<void> {
  const { tx, recordId, outcome } = options;
  const updated = await tx.$executeRaw`
    UPDATE "IdempotencyRecord"
    SET state = 'completed'::"IdempotencyState", outcome = ${JSON.stringify(outcome)}, "completedAt" = now()
    WHERE id = ${recordId}::uuid AND state = 'in_progress'::"IdempotencyState"`;
  if (updated !== 1)
    throw new IdempotencyLeaseLostError(`idempotency record ${recordId} is no longer in progress`);
}
