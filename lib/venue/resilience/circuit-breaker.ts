export type BreakerState = "closed" | "open" | "half_open";

export interface CircuitBreakerOptions {
  name: string;
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long the breaker stays open before letting one probe through. */
  openMs: number;
  now?: () => number;
  onStateChange?: (change: { name: string; from: BreakerState; to: BreakerState }) => void;
}

/** Closed -> open after N consecutive failures; open -> half-open after openMs; one probe decides. */
export class CircuitBreaker {
  readonly name: string;
  private readonly options: CircuitBreakerOptions;
  private readonly now: () => number;
  private current: BreakerState = "closed";
  private failures = 0;
  private openedAt = 0;
  private openForMs: number;
  private probeInFlight = false;
  private opens = 0;

  constructor(options: CircuitBreakerOptions) {
    this.options = options;
    this.name = options.name;
    this.now = options.now ?? Date.now;
    this.openForMs = options.openMs;
  }

  get state(): BreakerState {
    if (this.current === "open" && this.now() - this.openedAt >= this.openForMs) this.transition("half_open");
    return this.current;
  }

  get openCount(): number {
    return this.opens;
  }

  /** Milliseconds until an open breaker lets a probe through (0 when not open). */
  get remainingOpenMs(): number {
    return this.state === "open" ? Math.max(0, this.openedAt + this.openForMs - this.now()) : 0;
  }

  /** Whether a request may go out now; in half-open state only one probe at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.probeInFlight = false;
    this.failures = 0;
    if (this.current !== "closed") this.transition("closed");
  }

  /** openForMs overrides the configured open time (e.g. a Retry-After). */
  recordFailure(options: { openForMs?: number } = {}): void {
    this.probeInFlight = false;
    this.failures += 1;
    const state = this.state;
    if (state === "half_open" || (state === "closed" && this.failures >= this.options.failureThreshold)) {
      this.openFor(options.openForMs ?? this.options.openMs);
    } else if (state === "open" && options.openForMs !== undefined) {
      this.openedAt = this.now();
      this.openForMs = Math.max(options.openForMs, this.openForMs);
    }
  }

  /** A request that was let through but proved nothing about this breaker's failure class. */
  releaseProbe(): void {
    this.probeInFlight = false;
  }

  private openFor(ms: number): void {
    this.openedAt = this.now();
    this.openForMs = ms;
    this.opens += 1;
    this.transition("open");
  }

  private transition(to: BreakerState): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.options.onStateChange?.({ name: this.name, from, to });
  }
}
