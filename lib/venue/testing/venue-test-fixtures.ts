import { logger } from "../../observability/logger";
import { createVenueCounters } from "../port/venue-counters";
import { VenueRequestRunner } from "../resilience/venue-request-runner";
import { parseVenueConfig, type VenueConfig } from "../venue-config";

/** Test helper: a runner on a fake clock (sleeps advance time instantly and are recorded). */
export function createTestRunner(overrides: Partial<VenueConfig> = {}) {
  let now = 1_000_000;
  const sleeps: number[] = [];
  const config = {
    ...parseVenueConfig({
      venue: "sim",
      exchangeId: "binance",
      apiKey: "k",
      apiSecret: "s",
      retry: { baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 3 },
    }),
    ...overrides,
  };
  const counters = createVenueCounters();
  const changes: string[] = [];
  const runner = new VenueRequestRunner({
    config,
    logger,
    counters,
    secrets: ["k", "s"],
    now: () => now,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    onBreakerStateChange: ({ name, to }) => changes.push(`${name}:${to}`),
  });
  return {
    runner,
    counters,
    sleeps,
    changes,
    config,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => (now += ms),
  };
}
