export interface BackoffOptions {
  /** 1 for the delay before the first retry. */
  attempt: number;
  baseMs: number;
  capMs: number;
  /** Returns [0, 1); injectable for tests. */
  random?: () => number;
}

/** Exponential backoff with full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2^(n-1))). */
export function computeBackoffDelay(options: BackoffOptions): number {
  const { attempt, baseMs, capMs, random = Math.random } = options;
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(exponent, 30));
  return Math.floor(random() * ceiling);
}
