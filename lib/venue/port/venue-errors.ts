export type VenueErrorKind =
  | "auth"
  | "validation"
  | "insufficient_funds"
  | "duplicate_order"
  | "order_not_found"
  | "rejected"
  | "rate_limit"
  | "transient"
  | "circuit_open"
  | "config"
  | "unexpected";

export interface VenueErrorDetails {
  endpoint?: string;
  venueCode?: number;
  httpStatus?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Base class of every error the venue adapter surfaces. Messages are scrubbed of credentials
 * and query strings before they reach this class.
 */
export class VenueError extends Error {
  readonly kind: VenueErrorKind;
  readonly endpoint: string | undefined;
  readonly venueCode: number | undefined;
  readonly httpStatus: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(kind: VenueErrorKind, message: string, details: VenueErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.endpoint = details.endpoint;
    this.venueCode = details.venueCode;
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** True when retrying the same request can help (after backoff). */
  get retriable(): boolean {
    return this.kind === "transient" || this.kind === "rate_limit";
  }

  /** True when the request may have been executed although we got no definitive answer. */
  get outcomeUnknown(): boolean {
    return this.kind === "transient" || this.kind === "unexpected";
  }
}

/** Credentials, signature, IP or clock problems (401/403, -1021, -1022, -2014, -2015). Operator action. */
export class VenueAuthError extends VenueError {
  constructor(message: string, details?: VenueErrorDetails) {
    super("auth", message, details);
  }
}

/** The venue refused the request's content (-1013 filters, -11xx parameters). Never retried. */
export class VenueValidationError extends VenueError {
  constructor(message: string, details?: VenueErrorDetails) {
    super("validation", message, details);
  }
}

export class VenueInsufficientFundsError extends VenueError {
  constructor(message: string, details?: VenueErrorDetails) {
    super("insufficient_funds", message, details);
  }
}

/** The client order id is already in use on the venue: the order exists, look it up. */
export class VenueDuplicateOrderError extends VenueError {
  constructor(message: string, details?: VenueErrorDetails) {
    super("duplicate_order", message, details);
  }
}

export class VenueOrderNotFoundError extends VenueError {
  constructor(message: string, details?: VenueErrorDetails) {
    super("order_not_found", message, details);
  }
}

/** Definitive venue refusal not covered by a narrower class. */
export class VenueRejectedError extends VenueError {
  constructor(message: string, details?: VenueErrorDetails) {
    super("rejected", message, details);
  }
}

/** 429/418 and request-weight codes; carries retryAfterMs when the venue sent Retry-After. */
export class VenueRateLimitError extends VenueError {
  constructor(message: string, details?: VenueErrorDetails) {
    super("rate_limit", message, details);
  }
}

/** Timeout, dropped connection, 5xx: the outcome of a write is unknown. */
export class VenueTransientError extends VenueError {
  constructor(message: string, details?: VenueErrorDetails) {
    super("transient", message, details);
  }
}

/** Refused locally by an open circuit breaker: nothing was sent. */
export class VenueCircuitOpenError extends VenueError {
  readonly breaker: string;
  constructor(breaker: string, details?: VenueErrorDetails) {
    super("circuit_open", `venue circuit breaker "${breaker}" is open; request not sent`, details);
    this.breaker = breaker;
  }
}

export class VenueConfigError extends VenueError {
  constructor(message: string) {
    super("config", message);
  }
}

/** A venue error we could not classify; treated as a possible execution for writes. */
export class VenueUnexpectedError extends VenueError {
  constructor(message: string, details?: VenueErrorDetails) {
    super("unexpected", message, details);
  }
}

/**
 * Thrown by a placement's beforeAttempt hook to stop that attempt before it is signed (trading was
 * halted meanwhile): nothing is sent, and the placement is rejected unless an earlier attempt's
 * outcome is still unknown.
 */
export class VenueSendRefusedError extends VenueError {
  constructor(message: string) {
    super("rejected", message);
  }
}
