import type { Decimal } from "decimal.js";

export const LIMIT_NAMES = [
  "max_order_quantity",
  "max_order_notional",
  "max_open_orders",
  "max_position",
  "price_band",
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** One scope's limits; null is "no limit" on the global scope and "as global" on a symbol. */
export interface RiskLimitValues {
  maxOrderQuantity: Decimal | null;
  maxOrderNotional: Decimal | null;
  maxOpenOrders: number | null;
  maxPosition: Decimal | null;
  priceBandPercent: Decimal | null;
}

export interface RiskLimitSet {
  global: RiskLimitValues;
  /** Overrides by symbol. */
  symbols: Record<string, RiskLimitValues>;
}

/** The limits that apply to one symbol: each field its override, or the global value. */
export function effectiveLimits(set: RiskLimitSet, symbol: string): RiskLimitValues {
  const own = set.symbols[symbol];
  const global = set.global;
  if (!own) return global;
  return {
    maxOrderQuantity: own.maxOrderQuantity ?? global.maxOrderQuantity,
    maxOrderNotional: own.maxOrderNotional ?? global.maxOrderNotional,
    maxOpenOrders: own.maxOpenOrders ?? global.maxOpenOrders,
    maxPosition: own.maxPosition ?? global.maxPosition,
    priceBandPercent: own.priceBandPercent ?? global.priceBandPercent,
  };
}
