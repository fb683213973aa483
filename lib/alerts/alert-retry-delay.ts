/** Exponential backoff with full jitter: base * 2^(attempts-1), capped, times a random factor in [0.5, 1]. */
export function alertRetryDelayMs(
  attempts: number,
  options: { baseMs: number; capMs: number; random?: () => number },
): number {
  const exponential = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.5 + 0.5 * (options.random ?? Math.random)()));
}
