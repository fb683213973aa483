import { Decimal } from "decimal.js";

/** Fraction digits an increment shows: tick "0.01" has 2, lot "0.00100" has 3, "1" has 0. */
export function incrementDigits(increment: string): number {
  return new Decimal(increment).decimalPlaces();
}

/**
 * A price or quantity as the instrument shows it: with its tick's (or lot's) fraction digits, so
 * every screen reads "57028.50" on a 0.01 tick. A value finer than the increment keeps all its
 * digits, never rounded; without a known increment the value is only trimmed. Decimal strings in
 * and out, never a JS number.
 */
export function formatByIncrement(value: string, increment: string | null | undefined): string {
  const decimal = new Decimal(value);
  if (!increment) return decimal.toFixed();
  return decimal.toFixed(Math.max(incrementDigits(increment), decimal.decimalPlaces()));
}
