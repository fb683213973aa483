import { Decimal } from "decimal.js";
import { hasRole } from "../../auth/roles";
import { DomainError } from "../../errors/domain-error";
import type { VenuePort } from "../../venue/port/venue-port";
import { applyAdjustment } from "../apply-adjustment";
import { reconciliationSettings } from "../run-reconciliation";
import { actOnMismatch, type MismatchActionRequest } from "./act-on-mismatch";
import { healFromEvidence, readVenueEvidence } from "./adjustment-evidence";

/**
 * Adjust: apply the correction the venue's evidence supports as an Adjustment (source operator), also
 * one the engine may not apply on its own (above the threshold, or a status the state machine forbids).
 * A trader may adjust up to the auto-heal threshold (|notional delta|, unknown counts as above); above
 * it takes the risk role (adjustment_above_threshold).
 */
export function adjustMismatch(options: MismatchActionRequest & { note: string; venue: VenuePort }) {
  const threshold = reconciliationSettings().autoHealMaxNotional;
  return actOnMismatch({
    ...options,
    action: "adjust",
    prepare: () => readVenueEvidence({ venue: options.venue, mismatchId: options.mismatchId }),
    apply: async ({ tx, mismatch, prepared }) => {
      const notional =
        mismatch.notionalDelta === null ? null : new Decimal(mismatch.notionalDelta.toString()).abs();
      const within = notional?.lte(threshold) === true;
      if (!within && !hasRole(options.principal.role, "risk"))
        throw new DomainError({
          kind: "forbidden",
          code: "adjustment_above_threshold",
          detail: `Adjusting more than ${threshold.toFixed()} in notional takes the risk role`,
          extra: {
            thresholdNotional: threshold.toFixed(),
            notionalDelta: notional?.toFixed() ?? null,
          },
        });
      const heal = healFromEvidence(mismatch, prepared);
      await applyAdjustment({
        tx,
        venue: options.venue.venue,
        mismatchId: mismatch.id,
        fromStatus: mismatch.status,
        heal,
        by: { source: "operator", actor: options.principal.name, note: options.note },
      });
      return { adjustment: heal.kind };
    },
  });
}
