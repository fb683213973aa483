/**
 * Validates an unsigned decimal quantity string and tells whether it is zero ("0", "0.00000000").
 * Runs on every level update, so it scans characters instead of parsing into a number.
 */
export function isZeroQuantity(text: string): boolean {
  const length = text.length;
  let digits = 0;
  let points = 0;
  let nonZero = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    // one unsigned comparison rejects every non-digit; "." is 46 - 48 = -2
    if (digit >>> 0 <= 9) {
      nonZero |= digit;
      digits++;
    } else if (digit === -2) {
      points++;
    } else {
      throw new TypeError(`invalid quantity "${text}"`);
    }
  }
  if (digits === 0 || points > 1) throw new TypeError(`invalid quantity "${text}"`);
  return nonZero === 0;
}
