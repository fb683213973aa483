import { Decimal } from "decimal.js";
import type { RiskLimitSet, RiskLimitValues } from "./risk-limit-values";
import type { StoredRiskLimits } from "./risk-limits-store";
import type { RiskLimitsInput, RiskLimitsWire, RiskLimitValuesWire } from "./risk-limits-wire-schema";

export function valuesToWire(values: RiskLimitValues): RiskLimitValuesWire {
  return {
    maxOrderQuantity: values.maxOrderQuantity?.toFixed() ?? null,
    maxOrderNotional: values.maxOrderNotional?.toFixed() ?? null,
    maxOpenOrders: values.maxOpenOrders,
    maxPosition: values.maxPosition?.toFixed() ?? null,
    priceBandPercent: values.priceBandPercent?.toFixed() ?? null,
  };
}

function valuesFromWire(values: RiskLimitValuesWire): RiskLimitValues {
  const decimal = (value: string | null) => (value === null ? null : new Decimal(value));
  return {
    maxOrderQuantity: decimal(values.maxOrderQuantity),
    maxOrderNotional: decimal(values.maxOrderNotional),
    maxOpenOrders: values.maxOpenOrders,
    maxPosition: decimal(values.maxPosition),
    priceBandPercent: decimal(values.priceBandPercent),
  };
}

export function riskLimitsToWire(stored: StoredRiskLimits): RiskLimitsWire {
  return {
    global: valuesToWire(stored.global),
    symbols: Object.entries(stored.symbols).map(([symbol, values]) => ({ symbol, ...valuesToWire(values) })),
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt.toISOString(),
  };
}

export function riskLimitsFromWire(input: RiskLimitsInput): RiskLimitSet {
  return {
    global: valuesFromWire(input.global),
    symbols: Object.fromEntries(
      input.symbols.map(({ symbol, ...values }) => [symbol, valuesFromWire(values)]),
    ),
  };
}
