export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** Token bucket rate limit; takers are served in arrival order. pauseUntil() implements Retry-After. */
export class TokenBucket {
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private tokens: number;
  private lastRefill: number;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketOptions) {
    this.capacity = options.capacity;
    this.refillPerMs = options.refillPerSecond / 1000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.tokens = options.capacity;
    this.lastRefill = this.now();
  }

  get available(): number {
    this.refill();
    return this.tokens;
  }

  /** Milliseconds a take(cost) would wait right now (ignores queued takers). */
  waitTimeMs(cost = 1): number {
    this.refill();
    const pause = Math.max(0, this.pausedUntil - this.now());
    const deficit = Math.max(0, cost - this.tokens);
    return Math.max(pause, Math.ceil(deficit / this.refillPerMs));
  }

  take(cost = 1): Promise<void> {
    const turn = this.queue.then(() => this.takeNow(cost));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Nobody gets a token before `until` (epoch ms); the bucket is also emptied. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.refill();
    this.tokens = 0;
  }

  private async takeNow(cost: number): Promise<void> {
    const needed = Math.min(cost, this.capacity);
    for (;;) {
      const wait = this.waitTimeMs(needed);
      if (wait <= 0) {
        this.tokens -= needed;
        return;
      }
      await this.sleep(wait);
    }
  }

  private refill(): void {
    const now = this.now();
    // No tokens accrue while paused.
    const start = Math.max(this.lastRefill, this.pausedUntil);
    if (now > start) this.tokens = Math.min(this.capacity, this.tokens + (now - start) * this.refillPerMs);
    this.lastRefill = Math.max(now, this.lastRefill);
  }
}
