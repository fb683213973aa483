import { waitForSendsInFlight } from "../orders/wait-for-sends-in-flight";
import type { VenuePort } from "../venue/port/venue-port";
import { type CancelReport, cancelOpenOrders, confirmNothingOpen } from "./cancel-open-orders";
import type { KillSwitchScope } from "./kill-switch-types";

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
