import ccxt from "ccxt";
import { z } from "zod";
import { VenueConfigError } from "./port/venue-errors";

const positiveInt = z.number().int().positive();

export const venueConfigSchema = z
  .object({
    /** "sim" for the simulator, otherwise a ccxt exchange id with WebSocket support (ccxt.pro). */
    venue: z.string().min(1),
    /** ccxt class used underneath ("binance" for the simulator). */
    exchangeId: z.string().min(1),
    apiKey: z.string(),
    apiSecret: z.string(),
    sandbox: z.boolean().default(false),
    /** Set for venue=sim: REST base (http://host:port) and WebSocket base (ws://host:port). */
    sim: z.object({ restUrl: z.string().url(), wsUrl: z.string() }).optional(),
    timeoutMs: positiveInt.default(10_000),
    recvWindowMs: positiveInt.default(5_000),
    /**
     * recvWindow of order placements: how long a signed order request may still execute at the venue.
     * Short, because a lookup that finds nothing is evidence only after it (plus clock offset and margin).
     */
    orderRecvWindowMs: positiveInt.max(60_000).default(3_000),
    /** Added to an order's recvWindow and clock offset before a lookup that finds nothing counts. */
    executionWindowMarginMs: positiveInt.default(1_000),
    /** The longest a placement waits in the request for its execution window to close before a lookup. */
    recoveryWaitMaxMs: positiveInt.default(6_000),
    retry: z
      .object({ baseDelayMs: positiveInt, maxDelayMs: positiveInt, maxAttempts: positiveInt.max(3) })
      .default({ baseDelayMs: 500, maxDelayMs: 30_000, maxAttempts: 3 }),
    concurrency: z.object({ private: positiveInt, public: positiveInt }).default({ private: 2, public: 4 }),
    rateLimit: z
      .object({ capacity: positiveInt, refillPerSecond: z.number().positive() })
      .default({ capacity: 20, refillPerSecond: 10 }),
    /** Request weight we allow ourselves per venue minute (Binance spot allows 6,000; 80% of it). */
    weightBudgetPerMinute: positiveInt.default(4_800),
    breaker: z
      .object({
        authFailureThreshold: positiveInt,
        rateLimitFailureThreshold: positiveInt,
        platformFailureThreshold: positiveInt,
        openMs: positiveInt,
      })
      .default({
        authFailureThreshold: 1,
        rateLimitFailureThreshold: 3,
        platformFailureThreshold: 5,
        openMs: 30_000,
      }),
    ws: z
      .object({ reconnectBaseMs: positiveInt, reconnectMaxMs: positiveInt })
      .default({ reconnectBaseMs: 500, reconnectMaxMs: 30_000 }),
    /** How long a 429 keeps concurrency lowered, beyond Retry-After. */
    backpressureCooldownMs: positiveInt.default(10_000),
  })
  .superRefine((config, ctx) => {
    if (!isSupportedExchangeId(config.exchangeId)) {
      ctx.addIssue({
        code: "custom",
        path: ["exchangeId"],
        message: `unknown exchange id "${config.exchangeId}": use "sim" or a ccxt exchange with WebSocket support`,
      });
    }
  });

export type VenueConfig = z.output<typeof venueConfigSchema>;
export type VenueConfigInput = z.input<typeof venueConfigSchema>;

export function isSupportedExchangeId(id: string): boolean {
  const pro = ccxt.pro as unknown as Record<string, unknown>;
  return Object.hasOwn(pro, id) && typeof pro[id] === "function";
}

/** Parses a config object; errors name the field, never its value (values may be secrets). */
export function parseVenueConfig(input: VenueConfigInput): VenueConfig {
  const result = venueConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join(".") || "config"}: ${issue.message}`,
  );
  throw new VenueConfigError(`invalid venue configuration: ${problems.join("; ")}`);
}

function readBoolean(value: string | undefined, name: string): boolean {
  if (value === undefined || value === "") return false;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new VenueConfigError(`${name} must be true or false`);
}

function readPositiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d+$/.test(value) || +value <= 0) throw new VenueConfigError(`${name} must be a positive integer`);
  return +value;
}

/**
 * VENUE=sim (default): the simulator at SIM_HOST:SIM_PORT with SIM_API_KEY/SIM_API_SECRET.
 * VENUE=<ccxt id>: VENUE_API_KEY, VENUE_API_SECRET, VENUE_SANDBOX=true|false.
 * Optional: VENUE_TIMEOUT_MS, VENUE_RECV_WINDOW_MS, VENUE_ORDER_RECV_WINDOW_MS, VENUE_PRIVATE_CONCURRENCY (default 2 in flight),
 * VENUE_RATE_LIMIT_PER_SECOND (default 10 requests/s; raise only for the simulator or a venue that allows it),
 * VENUE_WEIGHT_BUDGET_PER_MINUTE (default 4800 request weight per venue minute).
 */
export function venueConfigFromEnv(env: Record<string, string | undefined>): VenueConfig {
  const venue = (env.VENUE ?? "").trim().toLowerCase() || "sim";
  const privateConcurrency = readPositiveInt(env.VENUE_PRIVATE_CONCURRENCY, "VENUE_PRIVATE_CONCURRENCY");
  const ratePerSecond = readPositiveInt(env.VENUE_RATE_LIMIT_PER_SECOND, "VENUE_RATE_LIMIT_PER_SECOND");
  const common = {
    weightBudgetPerMinute: readPositiveInt(
      env.VENUE_WEIGHT_BUDGET_PER_MINUTE,
      "VENUE_WEIGHT_BUDGET_PER_MINUTE",
    ),
    timeoutMs: readPositiveInt(env.VENUE_TIMEOUT_MS, "VENUE_TIMEOUT_MS"),
    recvWindowMs: readPositiveInt(env.VENUE_RECV_WINDOW_MS, "VENUE_RECV_WINDOW_MS"),
    orderRecvWindowMs: readPositiveInt(env.VENUE_ORDER_RECV_WINDOW_MS, "VENUE_ORDER_RECV_WINDOW_MS"),
    ...(privateConcurrency ? { concurrency: { private: privateConcurrency, public: 4 } } : {}),
    ...(ratePerSecond
      ? { rateLimit: { capacity: Math.max(20, ratePerSecond * 2), refillPerSecond: ratePerSecond } }
      : {}),
  };
  if (venue === "sim") {
    const host = env.SIM_HOST || "127.0.0.1";
    const port = readPositiveInt(env.SIM_PORT, "SIM_PORT") ?? 4010;
    return parseVenueConfig({
      ...common,
      venue: "sim",
      exchangeId: "binance",
      apiKey: env.SIM_API_KEY || "tally-sim-key",
      apiSecret: env.SIM_API_SECRET || "tally-sim-secret",
      sandbox: false,
      sim: { restUrl: `http://${host}:${port}`, wsUrl: `ws://${host}:${port}` },
    });
  }
  if (!isSupportedExchangeId(venue)) {
    throw new VenueConfigError(
      `VENUE="${venue}" is not a known exchange id; use "sim" or a ccxt exchange with WebSocket support (e.g. binance)`,
    );
  }
  return parseVenueConfig({
    ...common,
    venue,
    exchangeId: venue,
    apiKey: env.VENUE_API_KEY ?? "",
    apiSecret: env.VENUE_API_SECRET ?? "",
    sandbox: readBoolean(env.VENUE_SANDBOX, "VENUE_SANDBOX"),
  });
}
