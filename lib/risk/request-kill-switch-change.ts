import { recordAudit } from "../audit/record-audit";
import type { Principal } from "../auth/principal";
import { type Tx, transaction } from "../db/sql";
import { completeIdempotencyRecord } from "../idempotency/complete-idempotency-record";
import type { KeyedRequest } from "../idempotency/idempotency-types";
import { type IdempotentResult, runIdempotently } from "../idempotency/run-idempotently";
import type { VenuePort } from "../venue/port/venue-port";
import { assertKnownSymbol } from "./assert-known-symbol";
import { engageKillSwitch, type KillSwitchChangeResult, releaseKillSwitch } from "./change-kill-switch";
import type { KillSwitchOutcome } from "./kill-switch-outcome";
import { readTradingState } from "./read-trading-state";
import { settleAfterEngage } from "./settle-after-engage";

interface ChangeRequest {
  venue: VenuePort;
  principal: Principal;
  /** The request under its Idempotency-Key, as the route received it. */
  request: KeyedRequest;
  reason: string;
  /** No symbol: the global switch. */
  symbol?: string;
  requestId?: string;
  ip?: string;
}

/**
 * Changes the switch in the claim's transaction, audited there, so one key is one change (and one
 * KillSwitchEvent) however often it is sent.
 */
async function changeInClaim(options: {
  tx: Tx;
  change: ChangeRequest;
  engage: boolean;
  details: Record<string, unknown>;
}): Promise<KillSwitchChangeResult> {
  const { tx, change } = options;
  const scope = change.symbol ?? "global";
  const input = { scope, reason: change.reason, source: "manual" as const, actor: change.principal.name, tx };
  const result = options.engage ? await engageKillSwitch(input) : await releaseKillSwitch(input);
  await recordAudit(
    {
      actor: change.principal,
      action: options.engage ? "kill_switch.engage" : "kill_switch.release",
      outcome: "success",
      target: scope,
      ip: change.ip,
      requestId: change.requestId,
      details: { reason: change.reason, changed: result.changed, ...options.details },
    },
    tx,
  );
  return result;
}

/**
 * Engages the global kill switch or a symbol's halt under an Idempotency-Key, then answers once no
 * send made before it can still reach the venue and, with `cancelOpenOrders`, once the cancels of
 * every open order in the scope were sent (the check that nothing is open follows on the events stream).
 */
export function requestEngage(
  options: ChangeRequest & { cancelOpenOrders: boolean },
): Promise<IdempotentResult<KillSwitchOutcome>> {
  const { venue } = options;
  const scope = options.symbol ?? "global";
  const finish = async (recordId: string, changed: boolean): Promise<KillSwitchOutcome> => {
    const cancel = await settleAfterEngage({ venue, scope, cancelOpenOrders: options.cancelOpenOrders });
    return transaction(async (tx) => {
      const outcome: KillSwitchOutcome = {
        kind: "trading_halted",
        state: await readTradingState(tx),
        cancel,
        changed,
      };
      await completeIdempotencyRecord({ tx, recordId, outcome });
      return outcome;
    });
  };
  return runIdempotently<undefined, boolean, KillSwitchOutcome>({
    request: { ...options.request, operation: "kill_switch_engage", targetIds: [] },
    prepare: async () => {
      if (options.symbol) await assertKnownSymbol({ venue, symbol: options.symbol });
    },
    start: async ({ tx }) => {
      const result = await changeInClaim({
        tx,
        change: options,
        engage: true,
        details: { cancelOpenOrders: options.cancelOpenOrders },
      });
      return { work: result.changed };
    },
    finish: ({ record, work }) => finish(record.id, work),
    // The engage committed with the claim; a dead worker left the waiting and the cancels undone.
    resume: ({ record }) => finish(record.id, false),
    completeNow: ({ tx, record, outcome }) => completeIdempotencyRecord({ tx, recordId: record.id, outcome }),
  });
}

/** Releases the global switch or a symbol's halt under an Idempotency-Key; releasing never resumes anything. */
export function requestRelease(options: ChangeRequest): Promise<IdempotentResult<KillSwitchOutcome>> {
  return runIdempotently<undefined, never, KillSwitchOutcome>({
    request: { ...options.request, operation: "kill_switch_release", targetIds: [] },
    prepare: async () => {
      if (options.symbol) await assertKnownSymbol({ venue: options.venue, symbol: options.symbol });
    },
    start: async ({ tx }) => {
      const result = await changeInClaim({ tx, change: options, engage: false, details: {} });
      return {
        outcome: { kind: "trading_released", state: await readTradingState(tx), changed: result.changed },
      };
    },
    finish: async () => {
      throw new Error("a release completes in its claim");
    },
    resume: async () => {
      throw new Error("a release completes in its claim");
    },
    completeNow: ({ tx, record, outcome }) => completeIdempotencyRecord({ tx, recordId: record.id, outcome }),
  });
}
