import { z } from "zod";

const schema = z.object({
  ORDERBOOK_MAX_UPDATES_PER_SECOND: z.coerce.number().positive().max(1000).default(20),
  ORDERBOOK_IDLE_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  ORDERBOOK_STALE_AFTER_MS: z.coerce.number().int().positive().default(5_000),
  ORDERBOOK_SNAPSHOT_LIMIT: z.coerce.number().int().min(1).max(5000).default(1000),
  ORDERBOOK_MIN_RESYNC_INTERVAL_MS: z.coerce.number().int().min(0).default(1_000),
});

export interface OrderbookStreamConfig {
  /** Book frames (snapshot/update/status) per second of one symbol's stream at one depth, at most. */
  readonly maxUpdatesPerSecond: number;
  /** A symbol's venue subscription stops this long after its last subscriber leaves. */
  readonly idleGraceMs: number;
  /** A synced book with no venue update for this long is reported "stale". */
  readonly staleAfterMs: number;
  /** Levels per side requested in REST snapshots. */
  readonly snapshotLimit: number;
  /** Snapshots per symbol are at least this far apart, however many gaps occur. */
  readonly minResyncIntervalMs: number;
}

/** Order book streaming settings from the environment; throws one line per bad variable. */
export function readOrderbookStreamConfig(source: Record<string, string | undefined>): OrderbookStreamConfig {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key.startsWith("ORDERBOOK_") && value !== ""),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid order book stream configuration: ${lines.join("; ")}`);
  }
  const env = result.data;
  return {
    maxUpdatesPerSecond: env.ORDERBOOK_MAX_UPDATES_PER_SECOND,
    idleGraceMs: env.ORDERBOOK_IDLE_GRACE_MS,
    staleAfterMs: env.ORDERBOOK_STALE_AFTER_MS,
    snapshotLimit: env.ORDERBOOK_SNAPSHOT_LIMIT,
    minResyncIntervalMs: env.ORDERBOOK_MIN_RESYNC_INTERVAL_MS,
  };
}
