import { ExactDecimal } from "@/lib/marketdata/exact-decimal";

/** Fraction digits that carry value: "43250.50000000" has 1. */
export function significantFractionDigits(value: string): number {
  return new ExactDecimal(value).decimalPlaces();
}

/** The fewest fraction digits that show every value exactly, so a column lines up without rounding. */
export function commonFractionDigits(values: readonly string[]): number {
  return values.reduce((max, value) => Math.max(max, significantFractionDigits(value)), 0);
}

export const toFixedDigits = (value: string, digits: number): string =>
  new ExactDecimal(value).toFixed(digits);
