import {
  type RiskLimitsInput,
  type RiskLimitsWire,
  type RiskLimitValuesWire,
  riskLimitsInputSchema,
} from "@/lib/risk/limits/risk-limits-wire-schema";

export const LIMIT_FIELDS = [
  "maxOrderQuantity",
  "maxOrderNotional",
  "maxOpenOrders",
  "maxPosition",
  "priceBandPercent",
] as const satisfies readonly (keyof RiskLimitValuesWire)[];
export type LimitField = (typeof LIMIT_FIELDS)[number];

/** One row of the panel as typed: the global row (symbol null) or a symbol's overrides. Empty is no value. */
export type LimitRow = { symbol: string | null; values: Record<LimitField, string> };

export function rowsFromWire(limits: RiskLimitsWire): LimitRow[] {
  const text = (values: RiskLimitValuesWire) =>
    Object.fromEntries(
      LIMIT_FIELDS.map((field) => [field, values[field] === null ? "" : String(values[field])]),
    ) as Record<LimitField, string>;
  return [
    { symbol: null, values: text(limits.global) },
    ...limits.symbols.map((entry) => ({ symbol: entry.symbol, values: text(entry) })),
  ];
}

/** The key a field's error is shown under: the same path the API names in its `errors`. */
export function fieldKey(rows: readonly LimitRow[], row: LimitRow, field: LimitField): string {
  return row.symbol === null ? `global.${field}` : `symbols.${rows.indexOf(row) - 1}.${field}`;
}

/**
 * The PUT body from the rows, checked with the API's own schema, so every mistake is shown under
 * its field before anything is sent.
 */
export function buildRiskLimitsBody(rows: readonly LimitRow[]): {
  body: RiskLimitsInput | null;
  errors: Record<string, string>;
} {
  const values = (row: LimitRow) =>
    Object.fromEntries(
      LIMIT_FIELDS.map((field) => {
        const typed = row.values[field].trim();
        if (typed === "") return [field, null];
        // a count, never money: a whole number is sent as a JSON number, anything else as typed (refused)
        return [field, field === "maxOpenOrders" && /^\d{1,9}$/.test(typed) ? Number(typed) : typed];
      }),
    );
  const global = rows.find((row) => row.symbol === null);
  const candidate = {
    global: global ? values(global) : {},
    symbols: rows.filter((row) => row.symbol !== null).map((row) => ({ symbol: row.symbol, ...values(row) })),
  };
  const parsed = riskLimitsInputSchema.safeParse(candidate);
  if (parsed.success) return { body: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return { body: null, errors };
}
