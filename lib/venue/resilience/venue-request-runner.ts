import type { Logger } from "../../observability/logger";
import { classifyVenueError } from "../ccxt/classify-venue-error";
import type { VenueCounters } from "../port/venue-counters";
import {
  VenueCircuitOpenError,
  type VenueError,
  type VenueErrorKind,
  VenueSendRefusedError,
} from "../port/venue-errors";
import type { EndpointClass } from "../port/venue-types";
import type { VenueConfig } from "../venue-config";
import { type BreakerState, CircuitBreaker } from "./circuit-breaker";
import { computeBackoffDelay } from "./compute-backoff-delay";
import { ConcurrencyLimiter } from "./concurrency-limiter";
import { TokenBucket } from "./token-bucket";
import { WeightPacer } from "./weight-pacer";

/** idempotent: retry transient and rate-limit errors; rate_limit_only: the request was surely not executed. */
export type RetryPolicy = "idempotent" | "rate_limit_only" | "none";
export type BreakerName = "auth" | "rate_limit" | "platform";

export interface VenueRequestSpec<T> {
  endpoint: string;
  endpointClass: EndpointClass;
  retry: RetryPolicy;
  /** The venue's request weight of one attempt (Binance's per-endpoint weights); 1 when unset. */
  weight?: number;
  call: () => Promise<T>;
  /** Runs after the backoff, before the next attempt; returning { value } ends the request with it. */
  beforeRetry?: (error: VenueError, attempt: number) => Promise<{ value: T } | undefined>;
}

export interface RequestAttemptRecord {
  requestId: number;
  endpoint: string;
  endpointClass: EndpointClass;
  attempt: number;
  ok: boolean;
  errorKind?: VenueErrorKind;
  venueCode?: number;
  httpStatus?: number;
  retryAfterMs?: number;
  /** Delay scheduled before the next attempt, when one follows. */
  nextDelayMs?: number;
  latencyMs: number;
  inFlight: number;
  at: number;
}

export interface VenueRequestRunnerOptions {
  config: VenueConfig;
  logger: Logger;
  counters: VenueCounters;
  secrets: readonly string[];
  onBreakerStateChange?: (change: {
    name: BreakerName;
    from: BreakerState;
    to: BreakerState;
    error: VenueError | undefined;
  }) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Venue clock minus ours (ms), for the venue's minute windows; 0 until measured. */
  venueOffsetMs?: () => number;
}

const LOG_CAPACITY = 1000;

/** Every venue REST call goes through here: breakers, token bucket, concurrency caps, retries, logging. */
export class VenueRequestRunner {
  readonly breakers: Record<BreakerName, CircuitBreaker>;
  readonly limiters: Record<EndpointClass, ConcurrencyLimiter>;
  readonly bucket: TokenBucket;
  readonly pacer: WeightPacer;
  private readonly options: VenueRequestRunnerOptions;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly attemptLog: RequestAttemptRecord[] = [];
  private nextRequestId = 1;
  private lastError: VenueError | undefined;

  constructor(options: VenueRequestRunnerOptions) {
    this.options = options;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    const { breaker, concurrency, rateLimit } = options.config;
    const makeBreaker = (name: BreakerName, failureThreshold: number) =>
      new CircuitBreaker({
        name,
        failureThreshold,
        openMs: breaker.openMs,
        now: this.now,
        onStateChange: (change) => {
          if (change.to === "open") options.counters.breakerOpens[name] += 1;
          options.logger.warn(
            { breaker: name, from: change.from, to: change.to },
            "venue circuit breaker state change",
          );
          options.onBreakerStateChange?.({ name, from: change.from, to: change.to, error: this.lastError });
        },
      });
    this.breakers = {
      auth: makeBreaker("auth", breaker.authFailureThreshold),
      rate_limit: makeBreaker("rate_limit", breaker.rateLimitFailureThreshold),
      platform: makeBreaker("platform", breaker.platformFailureThreshold),
    };
    this.limiters = {
      private: new ConcurrencyLimiter({ limit: concurrency.private, now: this.now }),
      public: new ConcurrencyLimiter({ limit: concurrency.public, now: this.now }),
    };
    this.bucket = new TokenBucket({ ...rateLimit, now: this.now, sleep: this.sleep });
    this.pacer = new WeightPacer({
      budgetPerMinute: options.config.weightBudgetPerMinute,
      now: this.now,
      sleep: this.sleep,
      venueOffsetMs: options.venueOffsetMs,
    });
  }

  /** The most recent attempts, oldest first (bounded). */
  getAttemptLog(): readonly RequestAttemptRecord[] {
    return this.attemptLog;
  }

  breakerStates(): Record<BreakerName, BreakerState> {
    return {
      auth: this.breakers.auth.state,
      rate_limit: this.breakers.rate_limit.state,
      platform: this.breakers.platform.state,
    };
  }

  async run<T>(spec: VenueRequestSpec<T>): Promise<T> {
    const requestId = this.nextRequestId++;
    const { maxAttempts, baseDelayMs, maxDelayMs } = this.options.config.retry;
    for (let attempt = 1; ; attempt++) {
      const relevant = this.relevantBreakers(spec.endpointClass);
      this.acquireBreakers(relevant, spec.endpoint);
      await this.bucket.take(1);
      const weight = spec.weight ?? 1;
      await this.pacer.reserve(weight);
      const limiter = this.limiters[spec.endpointClass];
      let startedAt = 0;
      let inFlight = 0;
      try {
        const value = await limiter.run(() => {
          startedAt = this.now();
          inFlight = limiter.inFlight;
          this.options.counters.requests += 1;
          this.options.counters.weightSent += weight;
          return spec.call();
        });
        this.pacer.settle(weight);
        for (const breaker of relevant) breaker.recordSuccess();
        this.record({ requestId, spec, attempt, ok: true, latencyMs: this.now() - startedAt, inFlight });
        return value;
      } catch (raw) {
        this.pacer.settle(weight);
        if (raw instanceof VenueSendRefusedError) {
          // Stopped by the caller before anything was signed: says nothing about the venue.
          for (const breaker of relevant) breaker.releaseProbe();
          throw raw;
        }
        const error = classifyVenueError({
          error: raw,
          endpoint: spec.endpoint,
          secrets: this.options.secrets,
          now: this.now(),
        });
        this.options.counters.requestErrors += 1;
        this.lastError = error;
        this.updateBreakers(error, relevant);
        const retry = attempt < maxAttempts && this.allowsRetry(spec.retry, error);
        let nextDelayMs: number | undefined;
        if (error.kind === "rate_limit") {
          this.applyBackpressure(error, spec.endpointClass);
        }
        if (retry) {
          const backoff = computeBackoffDelay({
            attempt,
            baseMs: baseDelayMs,
            capMs: maxDelayMs,
            random: this.random,
          });
          nextDelayMs =
            error.kind === "rate_limit" ? Math.max(error.retryAfterMs ?? baseDelayMs, backoff) : backoff;
        }
        this.record({
          requestId,
          spec,
          attempt,
          ok: false,
          error,
          nextDelayMs,
          latencyMs: startedAt === 0 ? 0 : this.now() - startedAt,
          inFlight,
        });
        if (nextDelayMs === undefined) throw error;
        await this.sleep(nextDelayMs);
        const settled = await spec.beforeRetry?.(error, attempt);
        if (settled) return settled.value;
        this.options.counters.retries += 1;
      }
    }
  }

  private relevantBreakers(endpointClass: EndpointClass): CircuitBreaker[] {
    const list = [this.breakers.rate_limit, this.breakers.platform];
    if (endpointClass === "private") list.unshift(this.breakers.auth);
    return list;
  }

  private acquireBreakers(breakers: CircuitBreaker[], endpoint: string): void {
    const acquired: CircuitBreaker[] = [];
    for (const breaker of breakers) {
      if (breaker.tryAcquire()) {
        acquired.push(breaker);
        continue;
      }
      for (const held of acquired) held.releaseProbe();
      this.options.counters.circuitRejections += 1;
      throw new VenueCircuitOpenError(breaker.name, { endpoint, retryAfterMs: breaker.remainingOpenMs });
    }
  }

  private updateBreakers(error: VenueError, relevant: CircuitBreaker[]): void {
    const failed: Partial<Record<VenueErrorKind, BreakerName>> = {
      auth: "auth",
      rate_limit: "rate_limit",
      transient: "platform",
      unexpected: "platform",
    };
    const failedName = failed[error.kind];
    for (const breaker of relevant) {
      if (breaker.name === failedName) {
        breaker.recordFailure(
          failedName === "rate_limit" && error.retryAfterMs !== undefined
            ? { openForMs: error.retryAfterMs }
            : {},
        );
      } else if (failedName === undefined || (failedName === "auth" && breaker.name === "platform")) {
        // A definitive venue answer: the venue is up and (for private calls) our credentials work.
        breaker.recordSuccess();
      } else {
        breaker.releaseProbe();
      }
    }
  }

  private applyBackpressure(error: VenueError, endpointClass: EndpointClass): void {
    this.options.counters.rateLimited += 1;
    const pauseMs = error.retryAfterMs ?? this.options.config.retry.baseDelayMs;
    this.bucket.pauseUntil(this.now() + pauseMs);
    for (const limiter of Object.values(this.limiters)) {
      limiter.throttle({
        limit: Math.floor(limiter.limit / 2),
        forMs: pauseMs + this.options.config.backpressureCooldownMs,
      });
    }
    this.options.logger.warn(
      { endpoint_class: endpointClass, retry_after_ms: error.retryAfterMs, pause_ms: pauseMs },
      "venue rate limit: pausing and lowering concurrency",
    );
  }

  private allowsRetry(policy: RetryPolicy, error: VenueError): boolean {
    if (policy === "none") return false;
    if (error.kind === "rate_limit") return true;
    return policy === "idempotent" && error.kind === "transient";
  }

  private record(entry: {
    requestId: number;
    spec: VenueRequestSpec<unknown>;
    attempt: number;
    ok: boolean;
    error?: VenueError;
    nextDelayMs?: number;
    latencyMs: number;
    inFlight: number;
  }): void {
    const { error, spec } = entry;
    const record: RequestAttemptRecord = {
      requestId: entry.requestId,
      endpoint: spec.endpoint,
      endpointClass: spec.endpointClass,
      attempt: entry.attempt,
      ok: entry.ok,
      errorKind: error?.kind,
      venueCode: error?.venueCode,
      httpStatus: error?.httpStatus,
      retryAfterMs: error?.retryAfterMs,
      nextDelayMs: entry.nextDelayMs,
      latencyMs: entry.latencyMs,
      inFlight: entry.inFlight,
      at: this.now(),
    };
    this.attemptLog.push(record);
    if (this.attemptLog.length > LOG_CAPACITY) this.attemptLog.shift();
    const fields = {
      request_id: record.requestId,
      endpoint: record.endpoint,
      endpoint_class: record.endpointClass,
      status: record.ok ? "ok" : "error",
      http_status: record.httpStatus,
      error_kind: record.errorKind,
      error_code: record.venueCode,
      attempt: record.attempt,
      latency_ms: record.latencyMs,
      in_flight: record.inFlight,
      next_delay_ms: record.nextDelayMs,
    };
    if (record.ok) this.options.logger.info(fields, "venue request");
    else this.options.logger.warn({ ...fields, error_message: error?.message }, "venue request failed");
  }
}
