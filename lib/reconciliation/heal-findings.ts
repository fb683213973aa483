import { Decimal } from "decimal.js";
import { enqueueAlert } from "../alerts/enqueue-alert";
import { transaction } from "../db/sql";
import { publishEvent } from "../events/publish-event";
import { logger } from "../observability/logger";
import { engageAutomatically } from "../risk/auto-halt/engage-automatically";
import { applyAdjustment } from "./apply-adjustment";
import type { RecordedFinding } from "./record-findings";

/** Halting everything rather than one symbol: these are not confined to a symbol. */
const GLOBAL_BREACHES = new Set(["balance_drift", "duplicate_venue_orders"]);

/**
 * Applies the corrections the evidence supports below the auto-heal threshold (a missed fill
 * inserted from the venue's trade, an order moved to the venue's status along the state machine),
 * each with an Adjustment and the mismatch auto_resolved. Any critical finding, or a healable one
 * above the threshold, stays open and halts trading: the finding's symbol, or everything for balance
 * drift and duplicate orders. Never creates or cancels a venue order.
 */
export async function healFindings(options: {
  runId: string;
  venue: string;
  recorded: RecordedFinding[];
  thresholdNotional: Decimal;
}): Promise<{ autoResolved: number; breaches: number }> {
  let autoResolved = 0;
  let breaches = 0;
  for (const { finding, mismatchId, status } of options.recorded) {
    if (status !== "open" && status !== "acknowledged") continue;
    const notional = finding.notionalDelta === null ? null : new Decimal(finding.notionalDelta).abs();
    const withinThreshold = notional?.lte(options.thresholdNotional) === true;
    if (finding.heal && finding.severity !== "critical" && withinThreshold) {
      const applied = await applyHeal({
        runId: options.runId,
        venue: options.venue,
        mismatchId,
        finding,
        fromStatus: status,
      });
      if (applied) autoResolved += 1;
      continue;
    }
    if (finding.severity !== "critical" && !(finding.heal && !withinThreshold)) continue;
    breaches += 1;
    const scope = GLOBAL_BREACHES.has(finding.type) || !finding.symbol ? "global" : finding.symbol;
    const reason = `reconciliation: ${finding.type} (${finding.severity}) on ${finding.subject}${
      finding.notionalDelta ? `, notional ${finding.notionalDelta}` : ""
    }`.slice(0, 500);
    const breach = { mismatchId, type: finding.type, severity: finding.severity, scope };
    // The halt, the breach alert and the event commit together: a crash loses none of them.
    const engaged = await transaction(async (tx) => {
      const result = await engageAutomatically({
        scope,
        reason,
        source: "reconciliation_breach",
        actor: "reconciliation",
        tx,
      });
      await enqueueAlert(tx, {
        type: "reconciliation.breach",
        data: {
          ...breach,
          subject: finding.subject,
          notionalDelta: finding.notionalDelta,
          runId: options.runId,
          reason,
        },
      });
      await publishEvent({ type: "reconciliation.breach", data: breach }, tx);
      return result;
    });
    logger.error(
      { mismatchId, type: finding.type, scope, halted: engaged.changed },
      "reconciliation breach: trading halted",
    );
  }
  return { autoResolved, breaches };
}

async function applyHeal(options: {
  runId: string;
  venue: string;
  mismatchId: string;
  finding: RecordedFinding["finding"];
  fromStatus: string;
}): Promise<boolean> {
  const { heal } = options.finding;
  if (!heal) return false;
  // False when an operator closed the mismatch since this run recorded it.
  return transaction((tx) =>
    applyAdjustment({
      tx,
      venue: options.venue,
      mismatchId: options.mismatchId,
      fromStatus: options.fromStatus,
      heal,
      by: { source: "reconciliation", runId: options.runId },
    }),
  );
}
