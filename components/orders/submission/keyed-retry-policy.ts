import { ApiError } from "../../api/api-client";

/** fetch rejects with a TypeError when the request never produced a response (offline, reset, aborted). */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError;
}

export function isInProgress(error: unknown): error is ApiError {
  return error instanceof ApiError && error.problem.code === "idempotency_key_in_progress";
}

/** A 503 with Retry-After: the server could not finish (venue down) and asks for a resend with the same key. */
export function isRetryableUnavailable(error: unknown): error is ApiError {
  return error instanceof ApiError && error.problem.status === 503 && error.retryAfterSeconds !== undefined;
}

const MAX_NETWORK_RETRIES = 3;
const MAX_IN_PROGRESS_RETRIES = 10;
const MAX_UNAVAILABLE_RETRIES = 2;

/**
 * TanStack Query `retry` for keyed writes. Only failures that a resend with the same key can safely
 * resolve are retried: a lost response, the server still working on the first request, and a 503
 * that names a Retry-After.
 */
export function shouldRetryKeyedRequest(failureCount: number, error: unknown): boolean {
  if (isNetworkFailure(error)) return failureCount < MAX_NETWORK_RETRIES;
  if (isInProgress(error)) return failureCount < MAX_IN_PROGRESS_RETRIES;
  if (isRetryableUnavailable(error)) return failureCount < MAX_UNAVAILABLE_RETRIES;
  return false;
}

/** TanStack Query `retryDelay`: the server's Retry-After when it gave one, else a short exponential backoff. */
export function keyedRetryDelay(failureCount: number, error: unknown): number {
  if ((isInProgress(error) || isRetryableUnavailable(error)) && error.retryAfterSeconds !== undefined)
    return Math.min(error.retryAfterSeconds * 1000, 30_000);
  return Math.min(250 * 2 ** Math.max(0, failureCount - 1), 4000);
}
