import type { Tx } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import { evaluateOrderLimits, type LimitViolation } from "../risk/limits/evaluate-order-limits";
import type { MidQuote, MidSource } from "../risk/limits/mid-quote";
import { effectiveLimits, type RiskLimitSet } from "../risk/limits/risk-limit-values";
import { readRiskLimits } from "../risk/limits/risk-limits-store";
import type { PreparedLeg } from "./prepare-order-legs";
import { readSymbolExposure } from "./store/read-symbol-exposure";

export type MidsBySymbol = Map<string, MidQuote>;

/**
 * The mids the legs need (limit orders under a price band, market orders under a notional limit),
 * fetched before the transaction so no venue call runs under the per-symbol lock.
 */
export async function fetchNeededMids(options: {
  legs: PreparedLeg[];
  midSource: MidSource;
}): Promise<MidsBySymbol> {
  const limits = await readRiskLimits();
  const needed = new Set<string>();
  for (const { input } of options.legs) {
    const applying = effectiveLimits(limits, input.symbol);
    if (input.type === "limit" ? applying.priceBandPercent !== null : applying.maxOrderNotional !== null)
      needed.add(input.symbol);
  }
  const mids: MidsBySymbol = new Map();
  for (const symbol of needed) mids.set(symbol, await options.midSource.mid(symbol));
  return mids;
}

function refusal(violation: LimitViolation, batch: boolean): DomainError {
  const { detail, leg, ...fields } = violation;
  return new DomainError({
    kind: "unprocessable",
    code: "risk_limit_exceeded",
    detail: batch ? `Order ${leg}: ${detail}` : `The order breaks a risk limit: ${detail}`,
    extra: { ...fields, ...(batch ? { leg } : {}) },
  });
}

/**
 * The pre-trade risk limits (RiskLimit rows, see lib/risk/limits) on the legs whose pending rows the
 * caller inserted in this transaction (`orderIds`). Takes a transaction-scoped advisory lock per symbol
 * (in symbol order, so batches cannot deadlock) before reading open orders and fills, held until
 * commit: the limits hold across app instances. Refuses with 422 risk_limit_exceeded naming the limit,
 * its value and the order's value.
 */
export async function enforceRiskLimits(options: {
  tx: Tx;
  legs: PreparedLeg[];
  orderIds: string[];
  mids: MidsBySymbol;
  batch: boolean;
}): Promise<void> {
  const { tx, legs } = options;
  const symbols = [...new Set(legs.map((leg) => leg.input.symbol))].sort();
  const exposures = new Map<string, Awaited<ReturnType<typeof readSymbolExposure>>>();
  for (const symbol of symbols) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`tally:open-orders:${symbol}`}, 0))`;
    exposures.set(symbol, await readSymbolExposure({ tx, symbol, excludeOrderIds: options.orderIds }));
  }
  const limits: RiskLimitSet = await readRiskLimits(tx);
  const violation = evaluateOrderLimits({
    legs: legs.map((leg) => leg.input),
    limits,
    exposure: (symbol) => exposures.get(symbol) as NonNullable<ReturnType<typeof exposures.get>>,
    mid: (symbol) => options.mids.get(symbol),
    touchPrice: (index) => legs[index]?.notionalPrice ?? null,
  });
  if (violation) throw refusal(violation, options.batch);
}
