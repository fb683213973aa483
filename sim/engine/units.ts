/**
 * All amounts (prices, quantities, balances) are bigint counts of 1e-8, the precision Binance
 * uses on the wire. Arithmetic stays exact; strings are produced only at the edge.
 */
export const DECIMALS = 8;
export const ONE = 100_000_000n;

const NUMBER_RE = /^(\d+)(?:\.(\d+))?$/;

/** Parses a non-negative decimal string; null when malformed or finer than 1e-8. */
export function parseUnits(text: string): bigint | null {
  const m = NUMBER_RE.exec(text.trim());
  if (!m) return null;
  const whole = m[1] ?? "0";
  let frac = m[2] ?? "";
  if (frac.length > DECIMALS) {
    if (!/^0*$/.test(frac.slice(DECIMALS))) return null;
    frac = frac.slice(0, DECIMALS);
  }
  return BigInt(whole) * ONE + BigInt(frac.padEnd(DECIMALS, "0"));
}

/** Like parseUnits but throws; for constants written in code. */
export function units(text: string): bigint {
  const v = parseUnits(text);
  if (v === null) throw new Error(`bad decimal constant ${text}`);
  return v;
}

export function formatUnits(value: bigint, decimals = DECIMALS): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / ONE;
  const frac = (abs % ONE).toString().padStart(DECIMALS, "0").slice(0, decimals);
  const body = decimals > 0 ? `${whole}.${frac}` : `${whole}`;
  return negative ? `-${body}` : body;
}

/** price * qty, exact for tick/lot multiples used here; any sub-1e-8 remainder is truncated. */
export function mulUnits(a: bigint, b: bigint): bigint {
  return (a * b) / ONE;
}

/** a / b truncated to 1e-8. */
export function divUnits(a: bigint, b: bigint): bigint {
  return (a * ONE) / b;
}

/** Rounds half up: value * bps / 10000. */
export function applyBps(value: bigint, bps: bigint): bigint {
  return (value * bps + 5_000n) / 10_000n;
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function toNumber(value: bigint): number {
  return Number(value) / 1e8;
}
