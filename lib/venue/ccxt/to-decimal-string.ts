import { functions } from "ccxt";
import { Decimal } from "decimal.js";

const DECIMAL_PATTERN = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * Venue value -> canonical decimal string ("0.01000000" -> "0.01"). Strings (raw venue fields) are
 * preferred; ccxt's parsed numbers go through ccxt's numberToString, which expands exponents
 * without float arithmetic. Returns null for missing or non-numeric input.
 */
export function toDecimalString(value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  let text: string;
  if (typeof value === "string") text = value.trim();
  else if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    text = functions.numberToString(value) as string;
  } else return null;
  if (!DECIMAL_PATTERN.test(text)) return null;
  return new Decimal(text).toFixed();
}

/** First defined decimal among raw venue fields, then ccxt's parsed value. */
export function pickDecimal(info: unknown, keys: readonly string[], fallback: unknown): string | null {
  if (typeof info === "object" && info !== null) {
    const record = info as Record<string, unknown>;
    for (const key of keys) {
      const value = toDecimalString(record[key]);
      if (value !== null) return value;
    }
  }
  return toDecimalString(fallback);
}
