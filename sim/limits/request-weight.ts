/** Binance's default REQUEST_WEIGHT limit per IP and minute (exchangeInfo `rateLimits`). */
export const DEFAULT_REQUEST_WEIGHT_PER_MINUTE = 6000;
const WINDOW_MS = 60_000;

export interface WeightCharge {
  /** The IP's used weight in the current window, this request included (the X-MBX-USED-WEIGHT-1M value). */
  usedWeight: number;
  /** Set when the request took the window past its limit: seconds until the window ends. */
  retryAfterSec?: number;
}

export interface WeightCounters {
  requestWeightPerMinute: number;
  usedWeight: number;
  windowStartedAt: number;
  totalWeight: number;
  requests: number;
}

/**
 * Request weight in fixed one-minute windows aligned to the minute (Binance's `intervalNum 1,
 * interval MINUTE`). As on Binance a request is counted first and refused when the count passes the
 * limit, so refused requests use weight too.
 */
export class RequestWeightMeter {
  private windowStart = 0;
  private used = 0;
  private total = 0;
  private count = 0;

  constructor(public limit: number = DEFAULT_REQUEST_WEIGHT_PER_MINUTE) {}

  charge(weight: number, now: number): WeightCharge {
    this.roll(now);
    this.used += weight;
    this.total += weight;
    this.count++;
    if (this.used <= this.limit) return { usedWeight: this.used };
    const retryAfterSec = Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - now) / 1000));
    return { usedWeight: this.used, retryAfterSec };
  }

  /** The used weight right now, without charging (for answers that never reached an endpoint). */
  current(now: number): number {
    this.roll(now);
    return this.used;
  }

  counters(now: number): WeightCounters {
    this.roll(now);
    return {
      requestWeightPerMinute: this.limit,
      usedWeight: this.used,
      windowStartedAt: this.windowStart,
      totalWeight: this.total,
      requests: this.count,
    };
  }

  /** Restarts the totals a benchmark reads; the current window's weight stays, as the venue keeps it. */
  resetCounters(): void {
    this.total = 0;
    this.count = 0;
  }

  private roll(now: number): void {
    const start = now - (now % WINDOW_MS);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
  }
}
