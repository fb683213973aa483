export interface ConcurrencyLimiterOptions {
  limit: number;
  now?: () => number;
}

/** At most `limit` tasks in flight; throttle() lowers the limit for a while (backpressure). */
export class ConcurrencyLimiter {
  private readonly baseLimit: number;
  private readonly now: () => number;
  private throttledLimit: number | null = null;
  private throttledUntil = 0;
  private running = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(options: ConcurrencyLimiterOptions) {
    if (options.limit < 1) throw new Error("concurrency limit must be >= 1");
    this.baseLimit = options.limit;
    this.now = options.now ?? Date.now;
  }

  get inFlight(): number {
    return this.running;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  get limit(): number {
    if (this.throttledLimit !== null && this.now() < this.throttledUntil) return this.throttledLimit;
    this.throttledLimit = null;
    return this.baseLimit;
  }

  /** Lower the limit to `limit` (at least 1) until `forMs` from now. */
  throttle(options: { limit: number; forMs: number }): void {
    this.throttledLimit = Math.max(1, Math.min(options.limit, this.baseLimit));
    this.throttledUntil = Math.max(this.throttledUntil, this.now() + options.forMs);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limit && this.waiters.length === 0) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push(() => {
        this.running += 1;
        resolve();
      });
    });
  }

  private release(): void {
    this.running -= 1;
    while (this.waiters.length > 0 && this.running < this.limit) this.waiters.shift()?.();
  }
}
