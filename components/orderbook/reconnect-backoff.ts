const BASE_MS = 500;
const MAX_MS = 15_000;

/**
 * Delay before reconnect attempt number `failures` (1 = first retry): exponential from 500 ms,
 * capped at 15 s, with ±20% jitter so many open dashboards do not reconnect in lockstep.
 */
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_MS, BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
