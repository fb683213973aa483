import { recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { transaction } from "../../db/sql";
import { DomainError } from "../../errors/domain-error";
import { publishEvent } from "../../events/publish-event";
import { listInstruments } from "../../instruments/list-instruments";
import { readRiskLimits, writeRiskLimits } from "./risk-limits-store";
import { riskLimitsFromWire, riskLimitsToWire } from "./risk-limits-view";
import type { RiskLimitsInput, RiskLimitsWire } from "./risk-limits-wire-schema";

export const RISK_LIMITS_CHANGED = "risk_limits.changed";

/**
 * PUT /api/risk-limits: replaces the global limits and the per-symbol overrides in one transaction,
 * audited with the set before and after, and announced to every instance (tickets refetch).
 */
export async function updateRiskLimits(options: {
  input: RiskLimitsInput;
  actor: Principal;
  requestId?: string;
  ip?: string;
}): Promise<RiskLimitsWire> {
  const { input, actor } = options;
  const known = new Set((await listInstruments()).map((instrument) => instrument.symbol));
  const unknown = input.symbols.filter((entry) => !known.has(entry.symbol));
  if (unknown.length > 0) {
    throw new DomainError({
      kind: "bad_request",
      code: "validation_failed",
      detail: `Unknown symbols: ${unknown.map((entry) => entry.symbol).join(", ")}`,
      extra: {
        errors: unknown.map((entry) => ({
          field: `symbols.${input.symbols.indexOf(entry)}.symbol`,
          message: `${entry.symbol} is not a listed instrument`,
        })),
      },
    });
  }
  return transaction(async (tx) => {
    // one edit at a time, so each audit row's "before" is what it replaced
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('tally:risk-limits', 0))`;
    const before = riskLimitsToWire(await readRiskLimits(tx));
    await writeRiskLimits({ tx, limits: riskLimitsFromWire(input), actor: actor.name });
    const after = riskLimitsToWire(await readRiskLimits(tx));
    await recordAudit(
      {
        actor,
        action: "risk_limits.update",
        outcome: "success",
        target: "risk_limits",
        ip: options.ip,
        requestId: options.requestId,
        details: {
          before: { global: before.global, symbols: before.symbols },
          after: { global: after.global, symbols: after.symbols },
        },
      },
      tx,
    );
    await publishEvent({ type: RISK_LIMITS_CHANGED, data: { updatedBy: actor.name } }, tx);
    return after;
  });
}
