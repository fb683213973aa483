const MINUTE_MS = 60_000;
/** Waits run this far past the rollover: our estimate of the venue clock is off by up to half a round trip. */
const ROLLOVER_MARGIN_MS = 250;

export interface UsedWeight {
  weight: number;
  at: number;
}

export interface WeightPacerOptions {
  budgetPerMinute: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Venue clock minus ours: Binance's weight windows are the venue clock's wall-clock minutes. */
  venueOffsetMs?: () => number;
}

/**
 * Keeps our use of the venue's per-minute request weight under a budget. The venue's own count
 * (X-MBX-USED-WEIGHT-1M) is the truth; weight we sent but whose answer has not come back yet is added
 * to it, since the count we hold cannot include it.
 */
export class WeightPacer {
  private newest: (UsedWeight & { window: number }) | null = null;
  private inFlight = 0;
  private sentInWindow = 0;
  private sentWindow = -1;

  constructor(private readonly options: WeightPacerOptions) {}

  used(): UsedWeight | null {
    return this.newest && { weight: this.newest.weight, at: this.newest.at };
  }

  /** The venue's count, read from an answer (successful or not). Within a window it only grows. */
  observe(weight: number): void {
    const at = this.options.now();
    const window = this.windowOf(at);
    const known = this.newest?.window === window ? this.newest.weight : 0;
    this.newest = { weight: Math.max(known, weight), at, window };
  }

  /** Waits until sending `weight` more keeps the window within budget, then counts it as in flight. */
  async reserve(weight: number): Promise<void> {
    for (;;) {
      const now = this.options.now();
      const window = this.windowOf(now);
      if (this.sentWindow !== window) {
        this.sentWindow = window;
        this.sentInWindow = 0;
      }
      const venueCount = this.newest?.window === window ? this.newest.weight + this.inFlight : 0;
      const projected = Math.max(venueCount, this.sentInWindow) + weight;
      // A request heavier than the whole budget can only go into a fresh window.
      const fresh = venueCount === 0 && this.sentInWindow === 0;
      if (projected <= this.options.budgetPerMinute || fresh) break;
      await this.options.sleep(this.nextWindowAt(window) + ROLLOVER_MARGIN_MS - now);
    }
    this.inFlight += weight;
    this.sentInWindow += weight;
  }

  /** The reserved request was answered (or failed before reaching the venue). */
  settle(weight: number): void {
    this.inFlight = Math.max(0, this.inFlight - weight);
  }

  private windowOf(localMs: number): number {
    return Math.floor((localMs + (this.options.venueOffsetMs?.() ?? 0)) / MINUTE_MS);
  }

  private nextWindowAt(window: number): number {
    return (window + 1) * MINUTE_MS - (this.options.venueOffsetMs?.() ?? 0);
  }
}
