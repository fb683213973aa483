import { type Tx, transaction } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import { claimIdempotencyKey } from "./claim-idempotency-key";
import { IdempotencyLeaseLostError } from "./complete-idempotency-record";
import { findIdempotencyRecord } from "./find-idempotency-record";
import { idempotencySettings } from "./idempotency-settings";
import type { ClaimedRecord, IdempotentRequest, StoredOutcome } from "./idempotency-types";
import { keepLeaseAlive } from "./keep-lease-alive";
import { takeOverIdempotencyLease } from "./take-over-idempotency-lease";

export type StartResult<W, O> = { work: W } | { outcome: O };

export interface RunIdempotentlyOptions<P, W, O extends StoredOutcome> {
  request: IdempotentRequest;
  /** Checks needing no claim (validation, lookups). Throwing stores nothing. Runs only for a new key. */
  prepare: () => Promise<P>;
  /**
   * Runs in the claim's transaction: pre-work checks (kill switch, risk; throwing rolls the claim back,
   * so nothing is stored) and the first writes (the order row). Returns the work to carry out after
   * commit, or an immediate outcome stored in the same transaction.
   */
  start: (options: { tx: Tx; record: ClaimedRecord; prepared: P }) => Promise<StartResult<W, O>>;
  /** The outside effect (venue call); must store its outcome with completeIdempotencyRecord. */
  finish: (options: { record: ClaimedRecord; work: W }) => Promise<O>;
  /** Resolves a record whose worker died (lease expired); must store its outcome the same way. */
  resume: (options: { record: ClaimedRecord }) => Promise<O>;
  /** Stores an immediate outcome from `start` (completeIdempotencyRecord). */
  completeNow: (options: { tx: Tx; record: ClaimedRecord; outcome: O }) => Promise<void>;
}

export interface IdempotentResult<O extends StoredOutcome = StoredOutcome> {
  /** The outcome of this request, or the stored one of an earlier request (which may predate O). */
  outcome: O | StoredOutcome;
  /** True when the stored outcome of an earlier request was returned. */
  replayed: boolean;
}

function inProgress(retryAfterSeconds: number) {
  return new DomainError({
    kind: "conflict",
    code: "idempotency_key_in_progress",
    detail: "A request with this Idempotency-Key is still being processed; retry later",
    retryAfterSeconds,
  });
}

/**
 * The idempotency protocol around one state-changing operation: replay a completed outcome, refuse a
 * reused key (unprocessable) or one in progress (conflict), take over a dead worker's record after its lease, or
 * claim the key atomically with the first writes and carry the work out under a live lease.
 */
export async function runIdempotently<P, W, O extends StoredOutcome>(
  options: RunIdempotentlyOptions<P, W, O>,
): Promise<IdempotentResult<O>> {
  const { request } = options;
  const { leaseMs, ttlMs } = idempotencySettings();
  for (let round = 0; round < 3; round += 1) {
    const found = await findIdempotencyRecord({ request });
    switch (found.kind) {
      case "replay":
        return { outcome: found.outcome, replayed: true };
      case "reused":
        throw new DomainError({
          kind: "unprocessable",
          code: "idempotency_key_reused",
          detail: "This Idempotency-Key was already used for a different request",
        });
      case "in_progress":
        throw inProgress(found.retryAfterSeconds);
      case "stale": {
        const record = await takeOverIdempotencyLease({ recordId: found.record.id, leaseMs });
        if (!record) continue;
        try {
          const outcome = await keepLeaseAlive({
            recordId: record.id,
            leaseMs,
            work: () => options.resume({ record }),
          });
          return { outcome, replayed: false };
        } catch (error) {
          if (error instanceof IdempotencyLeaseLostError) continue;
          throw error;
        }
      }
      case "none": {
        const prepared = await options.prepare();
        const claimed = await transaction(async (tx) => {
          const record = await claimIdempotencyKey({ tx, request, leaseMs, ttlMs });
          if (!record) return null;
          const started = await options.start({ tx, record, prepared });
          if ("outcome" in started) await options.completeNow({ tx, record, outcome: started.outcome });
          return { record, started };
        });
        if (!claimed) continue;
        const { record, started } = claimed;
        if ("outcome" in started) return { outcome: started.outcome, replayed: false };
        try {
          const outcome = await keepLeaseAlive({
            recordId: record.id,
            leaseMs,
            work: () => options.finish({ record, work: started.work }),
          });
          return { outcome, replayed: false };
        } catch (error) {
          if (error instanceof IdempotencyLeaseLostError) continue;
          throw error;
        }
      }
    }
  }
  throw inProgress(1);
}
