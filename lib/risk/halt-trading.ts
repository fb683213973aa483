import { recordAudit } from "../audit/record-audit";
import { transaction } from "../db/sql";
import { env } from "../env";
import { waitForSendsInFlight } from "../orders/wait-for-sends-in-flight";
import type { VenuePort } from "../venue/port/venue-port";
import { type CancelReport, cancelOpenOrders, confirmNothingOpen } from "./cancel-open-orders";
import { engageKillSwitch, type KillSwitchChangeResult } from "./change-kill-switch";
import type { KillSwitchScope, KillSwitchSource } from "./kill-switch-types";

/**
 * What follows an engage once it committed: wait until no send made before it can still reach the
 * venue, then (when asked) cancel every open order in the scope. The check that nothing is left open
 * runs on after this returns and is published on the events stream.
 */
export async function settleAfterEngage(options: {
  venue: VenuePort;
  scope: KillSwitchScope;
  cancelOpenOrders: boolean;
}): Promise<CancelReport | null> {
  const { venue, scope } = options;
  await waitForSendsInFlight({ venue, symbol: scope === "global" ? undefined : scope });
  if (!options.cancelOpenOrders) return null;
  const report = await cancelOpenOrders({ venue, scope });
  void confirmNothingOpen({ venue, scope });
  return report;
}

/**
 * Halts trading from inside Tally (automatic triggers): engages the scope (audited as the system
 * component `actor`), waits for sends in flight and cancels open orders when `cancelOpenOrders`
 * says so (by default: automatic sources follow KILL_SWITCH_AUTO_CANCEL, manual ones do not).
 */
export async function haltTrading(options: {
  venue: VenuePort;
  scope: KillSwitchScope;
  reason: string;
  source: KillSwitchSource;
  actor: string;
  cancelOpenOrders?: boolean;
}): Promise<KillSwitchChangeResult & { cancel: CancelReport | null }> {
  const { venue, scope, reason, source, actor } = options;
  const cancel = options.cancelOpenOrders ?? (source !== "manual" && env().KILL_SWITCH_AUTO_CANCEL);
  const result = await transaction(async (tx) => {
    const changed = await engageKillSwitch({ scope, reason, source, actor, tx });
    if (changed.changed) {
      await recordAudit(
        {
          actor: { kind: "system", name: actor },
          action: "kill_switch.engage",
          outcome: "success",
          target: scope,
          details: { reason, source, cancelOpenOrders: cancel },
        },
        tx,
      );
    }
    return changed;
  });
  return { ...result, cancel: await settleAfterEngage({ venue, scope, cancelOpenOrders: cancel }) };
}
