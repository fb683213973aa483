import type { SymbolSpec } from "./symbols.js";
import type { Side } from "./types.js";

export interface HistorySeedRequest {
  symbol: string;
  orders: number;
  fillsPerOrder: number;
  /** Time of the first order; default: so that the last order is `spacingMs` before now. */
  startTime?: number;
  spacingMs?: number;
  clientOrderIdPrefix?: string;
}

/** One past order of ours, filled at `price` in `fillQty` pieces, all at `time`. */
export interface FilledOrderPlan {
  clientOrderId: string;
  side: Side;
  price: bigint;
  fillQty: bigint;
  fills: number;
  time: number;
}

export const DEFAULT_SPACING_MS = 1000;

export function defaultClientOrderIdPrefix(symbol: string): string {
  return `hist-${symbol}-`;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/**
 * Orders alternate BUY/SELL (so the account's balances only drift by fees) at prices a few ticks
 * around `referencePrice`; each fill is the smallest lot whose notional passes the NOTIONAL filter.
 */
export function planFilledHistory(
  spec: SymbolSpec,
  referencePrice: bigint,
  req: HistorySeedRequest,
  now: number,
): FilledOrderPlan[] {
  const spacingMs = req.spacingMs ?? DEFAULT_SPACING_MS;
  const startTime = req.startTime ?? now - req.orders * spacingMs;
  const prefix = req.clientOrderIdPrefix ?? defaultClientOrderIdPrefix(spec.symbol);
  const base = referencePrice - (referencePrice % spec.tickSize);
  const plans: FilledOrderPlan[] = [];
  for (let n = 1; n <= req.orders; n++) {
    const price = base + spec.tickSize * BigInt((n % 11) - 5);
    // smallest k with price * k * step / 1e8 >= minNotional
    const steps = ceilDiv(spec.minNotional * 100_000_000n, price * spec.stepSize);
    plans.push({
      clientOrderId: `${prefix}${n}`,
      side: n % 2 === 1 ? "BUY" : "SELL",
      price,
      fillQty: steps * spec.stepSize,
      fills: req.fillsPerOrder,
      time: startTime + (n - 1) * spacingMs,
    });
  }
  return plans;
}
