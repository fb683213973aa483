import { Decimal } from "decimal.js";
import { z } from "zod";

/** Browser-safe contract of GET/PUT /api/risk-limits: decimals travel as strings, null is "no limit". */
const decimalOrNull = (field: string) =>
  z
    .string({ error: `${field} must be a decimal string such as "2.5" or null` })
    .max(40, `${field} is too long`)
    .regex(/^\d+(\.\d{1,18})?$/, `${field} must be a plain decimal string (at most 18 decimals, no exponent)`)
    .refine((value) => /[1-9]/.test(value), `${field} must be greater than 0`)
    .nullable()
    .default(null);

const valueFields = {
  maxOrderQuantity: decimalOrNull("maxOrderQuantity"),
  maxOrderNotional: decimalOrNull("maxOrderNotional"),
  maxOpenOrders: z
    .number({ error: "maxOpenOrders must be a whole number or null" })
    .int("maxOpenOrders must be a whole number")
    .min(1, "maxOpenOrders must be at least 1")
    .max(100_000, "maxOpenOrders must be at most 100000")
    .nullable()
    .default(null),
  maxPosition: decimalOrNull("maxPosition"),
  priceBandPercent: decimalOrNull("priceBandPercent").refine(
    (value) => value === null || new Decimal(value).lte(100),
    "priceBandPercent must be at most 100",
  ),
};

export const riskLimitValuesWireSchema = z.strictObject(valueFields);
export type RiskLimitValuesWire = z.infer<typeof riskLimitValuesWireSchema>;

export const symbolRiskLimitsWireSchema = z.strictObject({
  symbol: z.string({ error: 'symbol must be a string such as "BTC/USDT"' }).min(1).max(40),
  ...valueFields,
});
export type SymbolRiskLimitsWire = z.infer<typeof symbolRiskLimitsWireSchema>;

/** PUT body: the whole set; symbols left out lose their overrides. */
export const riskLimitsInputSchema = z.strictObject({
  global: riskLimitValuesWireSchema,
  symbols: z
    .array(symbolRiskLimitsWireSchema)
    .max(500, "at most 500 symbols")
    .default([])
    .refine(
      (symbols) => new Set(symbols.map((entry) => entry.symbol)).size === symbols.length,
      "each symbol may appear once",
    ),
});
export type RiskLimitsInput = z.infer<typeof riskLimitsInputSchema>;

export const riskLimitsWireSchema = z.object({
  global: riskLimitValuesWireSchema,
  symbols: z.array(symbolRiskLimitsWireSchema),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type RiskLimitsWire = z.infer<typeof riskLimitsWireSchema>;
