export type InvalidationThrottle = {
  /** Asks for one run; requests while one is scheduled join it. */
  request(): void;
  cancel(): void;
};

/**
 * Runs `run` once per burst of requests: `settleMs` after the first request of a burst (events come
 * in bursts: a fill updates its order too) and never sooner than `minIntervalMs` after the previous
 * run, so a busy stream refreshes a large list at a bounded rate and no request is ever dropped.
 */
export function createInvalidationThrottle(
  run: () => void,
  options: { settleMs: number; minIntervalMs: number },
  now: () => number = Date.now,
): InvalidationThrottle {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = Number.NEGATIVE_INFINITY;
  return {
    request() {
      if (timer !== undefined) return;
      const delay = Math.max(options.settleMs, lastRun + options.minIntervalMs - now());
      timer = setTimeout(() => {
        timer = undefined;
        lastRun = now();
        run();
      }, delay);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
