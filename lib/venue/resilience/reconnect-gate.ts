import { computeBackoffDelay } from "./compute-backoff-delay";

export interface ReconnectGateOptions {
  baseMs: number;
  capMs: number;
  /** Called once per reconnect flight (not per waiting stream). */
  onReconnect?: (attempt: number) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Single-flight WebSocket reconnect: every consumer that sees the connection drop joins the same
 * jittered backoff and the same resync task instead of each reconnecting on its own.
 */
export class ReconnectGate {
  private readonly options: ReconnectGateOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private flight: Promise<void> | null = null;
  private consecutive = 0;
  private total = 0;

  constructor(options: ReconnectGateOptions) {
    this.options = options;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get reconnects(): number {
    return this.total;
  }

  /** Waits for the (shared) backoff, then runs `resync` once for everybody waiting on this flight. */
  reconnect(resync?: () => Promise<void>): Promise<void> {
    if (this.flight) return this.flight;
    this.consecutive += 1;
    this.total += 1;
    const attempt = this.consecutive;
    this.options.onReconnect?.(attempt);
    const delay = computeBackoffDelay({
      attempt,
      baseMs: this.options.baseMs,
      capMs: this.options.capMs,
      random: this.options.random,
    });
    this.flight = (async () => {
      try {
        await this.sleep(delay);
        await resync?.();
      } finally {
        this.flight = null;
      }
    })();
    return this.flight;
  }

  /** A successful read after reconnecting resets the backoff. */
  markHealthy(): void {
    this.consecutive = 0;
  }
}
