import * as ccxt from "ccxt";
import {
  VenueAuthError,
  VenueDuplicateOrderError,
  VenueError,
  type VenueErrorDetails,
  VenueInsufficientFundsError,
  VenueOrderNotFoundError,
  VenueRateLimitError,
  VenueRejectedError,
  VenueTransientError,
  VenueUnexpectedError,
  VenueValidationError,
} from "../port/venue-errors";
import { parseRetryAfter } from "../resilience/parse-retry-after";
import { readResponseContext } from "./ccxt-error-context";
import { scrubSecrets } from "./scrub-secrets";

export interface ClassifyVenueErrorOptions {
  error: unknown;
  endpoint?: string;
  /** Values that must never appear in a message (api key, secret). */
  secrets?: readonly string[];
  now?: number;
}

const AUTH_CODES = new Set([-1002, -1021, -1022, -2014, -2015]);
const RATE_LIMIT_CODES = new Set([-1003, -1015]);
/** Binance: internal error / message bus / backend timeout: execution status unknown. */
const TRANSIENT_CODES = new Set([-1001, -1006, -1007, -1008]);

function firstMatch(text: string, pattern: RegExp): string | undefined {
  return pattern.exec(text)?.[1];
}

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/**
 * The single place where ccxt exceptions (and raw Binance codes) become our typed errors.
 * ccxt's class alone is ambiguous for Binance (-1013 is ExchangeError/BadRequest, -2010 covers
 * duplicates, balance and other rejections), so the raw code and message decide first.
 */
export function classifyVenueError(options: ClassifyVenueErrorOptions): VenueError {
  const { error, endpoint, secrets = [], now = Date.now() } = options;
  if (error instanceof VenueError) return error;

  const context = readResponseContext(error);
  const rawMessage = error instanceof Error ? error.message : String(error);
  const message = scrubSecrets({ text: rawMessage, secrets });
  const codeText = firstMatch(rawMessage, /"code"\s*:\s*"?(-?\d+)/);
  const venueCode = context.venueCode ?? (codeText === undefined ? undefined : Math.trunc(+codeText));
  const venueMessage = context.venueMessage ?? firstMatch(rawMessage, /"msg"\s*:\s*"([^"]*)"/) ?? rawMessage;
  const statusText = firstMatch(rawMessage, /^\S+ (?:(?:GET|POST|PUT|DELETE) \S+ )?(\d{3}) /);
  const httpStatus = context.httpStatus ?? (statusText === undefined ? undefined : Math.trunc(+statusText));
  const retryAfterMs = parseRetryAfter({ value: headerValue(context.headers, "retry-after"), now });
  const details: VenueErrorDetails = { endpoint, venueCode, httpStatus, retryAfterMs, cause: error };
  const text = `${endpoint ?? "venue"}: ${message}`;

  // Order matters: rate limiting first (Binance answers -2015 with DDoSProtection during a temporary ban).
  if (
    httpStatus === 429 ||
    httpStatus === 418 ||
    (venueCode !== undefined && RATE_LIMIT_CODES.has(venueCode)) ||
    error instanceof ccxt.DDoSProtection ||
    error instanceof ccxt.RateLimitExceeded
  ) {
    return new VenueRateLimitError(text, details);
  }
  // ChecksumError extends InvalidNonce in ccxt but is an order-book gap, not a clock problem.
  if (error instanceof ccxt.ChecksumError) return new VenueTransientError(text, details);
  if (
    httpStatus === 401 ||
    httpStatus === 403 ||
    (venueCode !== undefined && AUTH_CODES.has(venueCode)) ||
    error instanceof ccxt.AuthenticationError ||
    error instanceof ccxt.InvalidNonce
  ) {
    return new VenueAuthError(text, details);
  }
  if (/duplicate order/i.test(venueMessage) || error instanceof ccxt.DuplicateOrderId) {
    return new VenueDuplicateOrderError(text, details);
  }
  if (/insufficient balance/i.test(venueMessage) || error instanceof ccxt.InsufficientFunds) {
    return new VenueInsufficientFundsError(text, details);
  }
  if (
    venueCode === -2013 ||
    /unknown order sent|order does not exist/i.test(venueMessage) ||
    error instanceof ccxt.OrderNotFound
  ) {
    return new VenueOrderNotFoundError(text, details);
  }
  if (venueCode !== undefined && TRANSIENT_CODES.has(venueCode))
    return new VenueTransientError(text, details);
  if (venueCode === -1013 || (venueCode !== undefined && venueCode <= -1100 && venueCode >= -1199)) {
    return new VenueValidationError(text, details);
  }
  if (venueCode === -2010 || venueCode === -2011) return new VenueRejectedError(text, details);
  if (httpStatus !== undefined && httpStatus >= 500) return new VenueTransientError(text, details);
  if (
    error instanceof ccxt.RequestTimeout ||
    error instanceof ccxt.ExchangeNotAvailable ||
    error instanceof ccxt.NetworkError ||
    error instanceof ccxt.BadResponse
  ) {
    return new VenueTransientError(text, details);
  }
  if (
    error instanceof ccxt.BadRequest ||
    error instanceof ccxt.ArgumentsRequired ||
    error instanceof ccxt.InvalidOrder ||
    error instanceof ccxt.NotSupported
  ) {
    return new VenueValidationError(text, details);
  }
  // A definitive 4xx answer with a venue code that none of the above covers.
  if (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500 && venueCode !== undefined) {
    return new VenueRejectedError(text, details);
  }
  if (error instanceof ccxt.OperationRejected) return new VenueRejectedError(text, details);
  return new VenueUnexpectedError(text, details);
}
