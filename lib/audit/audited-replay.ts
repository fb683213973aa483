import type { Principal } from "../auth/principal";
import type { StoredOutcome } from "../idempotency/idempotency-types";
import type { IdempotentResult } from "../idempotency/run-idempotently";
import { recordAudit } from "./record-audit";

/**
 * Records that a keyed request was answered from the stored outcome of an earlier one (`<action>.replay`),
 * naming the earlier outcome and the records it is about; returns the result unchanged.
 */
export async function auditedReplay<R extends IdempotentResult>(
  options: { actor: Principal; action: string; targets: (outcome: StoredOutcome) => string[] },
  result: R,
): Promise<R> {
  if (!result.replayed) return result;
  const targets = options.targets(result.outcome);
  await recordAudit({
    actor: options.actor,
    action: `${options.action}.replay`,
    outcome: "success",
    target: targets.length === 1 ? targets[0] : undefined,
    details: { replayedOutcome: result.outcome.kind, targets },
  });
  return result;
}
