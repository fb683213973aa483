import { Decimal } from "decimal.js";

/** A decimal as a plain string: no exponent, trailing zeros trimmed ("0.0100" -> "0.01"). */
export function formatDecimal(value: { toString(): string } | string): string {
  return new Decimal(typeof value === "string" ? value : value.toString()).toFixed();
}
