const MAX_DECIMALS = 15;
const POW10: readonly number[] = Array.from({ length: MAX_DECIMALS + 1 }, (_, i) => 10 ** i);

/**
 * Converts decimal price strings to exact integers scaled by 10^decimals and back.
 * Scaled integers stay exact below 2^53, so they serve both as map keys and as sort keys.
 */
export class PriceScale {
  readonly decimals: number;

  constructor(decimals: number) {
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
      throw new RangeError(`priceDecimals must be an integer in 0..${MAX_DECIMALS}, got ${decimals}`);
    }
    this.decimals = decimals;
  }

  /** Parses an unsigned decimal string; throws if it is malformed, too precise or too large. */
  parse(text: string): number {
    const decimals = this.decimals;
    const length = text.length;
    let value = 0;
    let digit = 0;
    let i = 0;
    // `digit >>> 0 > 9` rejects every non-digit in one comparison; "." is 46 - 48 = -2
    for (; i < length; i++) {
      digit = text.charCodeAt(i) - 48;
      if (digit >>> 0 > 9) break;
      value = value * 10 + digit;
    }
    let fractionDigits = 0;
    if (i < length) {
      if (digit !== -2) throw new TypeError(`invalid price "${text}"`);
      const fractionStart = i + 1;
      const fractionEnd = Math.min(length, fractionStart + decimals);
      for (i = fractionStart; i < fractionEnd; i++) {
        digit = text.charCodeAt(i) - 48;
        if (digit >>> 0 > 9) throw new TypeError(`invalid price "${text}"`);
        value = value * 10 + digit;
      }
      // digits beyond the instrument's decimals are only acceptable as trailing zeros
      for (; i < length; i++) {
        if (text.charCodeAt(i) !== 48)
          throw new RangeError(`price "${text}" has more than ${decimals} decimals`);
      }
      fractionDigits = fractionEnd - fractionStart;
      if (fractionStart === 1 && fractionDigits === 0) throw new TypeError(`invalid price "${text}"`);
    } else if (length === 0) {
      throw new TypeError(`invalid price "${text}"`);
    }
    const scaled = value * POW10[decimals - fractionDigits]!;
    if (scaled > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`price "${text}" is too large for ${decimals} decimals`);
    }
    return scaled;
  }

  format(scaled: number | bigint): string {
    return formatScaled(scaled, this.decimals);
  }
}

/** Canonical decimal string for `scaled / 10^decimals`: no exponent, no trailing zeros. */
export function formatScaled(scaled: number | bigint, decimals: number): string {
  let digits = String(scaled);
  const negative = digits.startsWith("-");
  if (negative) digits = digits.slice(1);
  if (decimals > 0) {
    digits = digits.padStart(decimals + 1, "0");
    const point = digits.length - decimals;
    const fraction = digits.slice(point).replace(/0+$/, "");
    digits = fraction === "" ? digits.slice(0, point) : `${digits.slice(0, point)}.${fraction}`;
  }
  return negative && digits !== "0" ? `-${digits}` : digits;
}
