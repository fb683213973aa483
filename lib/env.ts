import { z } from "zod";

const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  TALLY_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  /** Optional: the schema owner's URL, for migrations and grants, when DATABASE_URL is a least-privilege role. */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_USERNAME_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  LOGIN_MAX_FAILURES_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(100),
  TALLY_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  TRUST_PROXY: booleanString.default(false),
  VENUE: z.string().min(1).default("sim"),
  VENUE_API_KEY: z.string().optional(),
  VENUE_API_SECRET: z.string().optional(),
  VENUE_SANDBOX: booleanString.default(false),
  VENUE_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  VENUE_RECV_WINDOW_MS: z.coerce.number().int().positive().optional(),
  VENUE_ORDER_RECV_WINDOW_MS: z.coerce.number().int().positive().max(60_000).optional(),
  SIM_HOST: z.string().min(1).default("127.0.0.1"),
  SIM_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  SIM_API_KEY: z.string().min(1).default("tally-sim-key"),
  SIM_API_SECRET: z.string().min(1).default("tally-sim-secret"),
  SIM_SEED: z.coerce.number().int().optional(),
  TALLY_SIM_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().positive().default(24),
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  IDEMPOTENCY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Seeds the global max order notional (quote currency), like the other RISK_ variables. */
  RISK_MAX_ORDER_NOTIONAL: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a plain decimal such as 250000")
    .default("250000"),
  RISK_MAX_OPEN_ORDERS_PER_SYMBOL: z.coerce.number().int().min(1).default(50),
  /** Automatic kill-switch engages also cancel every open order at the venue (manual ones choose per engage). */
  KILL_SWITCH_AUTO_CANCEL: booleanString.default(false),
  /** Seeds of the global risk limits (read only while the database has no global row); unset: no limit. */
  RISK_MAX_ORDER_QUANTITY: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a plain decimal such as 10")
    .optional(),
  RISK_MAX_POSITION: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a plain decimal such as 25")
    .optional(),
  RISK_PRICE_BAND_PERCENT: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a plain decimal such as 10")
    .optional(),
  RECONCILIATION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  /** Corrections up to this notional (quote currency) are applied by the engine on its own. */
  RECONCILIATION_AUTO_HEAL_MAX_NOTIONAL: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a plain decimal such as 100")
    .default("100"),
  /** How far back the first run reads venue trades of a symbol without a cursor. */
  RECONCILIATION_LOOKBACK_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** A pending order unresolved this long is reported as stuck. */
  RECONCILIATION_STUCK_SECONDS: z.coerce.number().int().min(1).default(300),
  /** Where kill-switch changes and reconciliation breaches are POSTed (Standard Webhooks); unset: no alerts. */
  ALERT_WEBHOOK_URL: z
    .string()
    .url("must be an http(s) URL")
    .regex(/^https?:\/\//i, "must be an http(s) URL")
    .optional(),
  /** The Standard Webhooks signing secret, `whsec_` then base64 of at least 24 bytes. */
  ALERT_WEBHOOK_SECRET: z
    .string()
    .regex(
      /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/,
      "must be a Standard Webhooks secret: whsec_ followed by base64 (at least 24 bytes)",
    )
    .optional(),
  /** Base64 of 32 bytes: the AES-256-GCM key webhook source secrets are encrypted with; unset: a key file in TALLY_DATA_DIR. */
  WEBHOOK_SECRET_KEY: z
    .string()
    .refine((value) => Buffer.from(value, "base64").length === 32, "must be base64 of exactly 32 bytes")
    .optional(),
  /** How long a rotated-out webhook secret still verifies. */
  WEBHOOK_ROTATION_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(86_400),
  ALERT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  /**
   * Realized loss (quote currency, UTC day, average cost) at which trading halts; per quote currency.
   * Unset: no loss limit.
   */
  RISK_DAILY_LOSS_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?$/, "must be a plain positive decimal such as 5000")
    .optional(),
  /** The venue unreachable this long while we have open orders halts trading. */
  KILL_SWITCH_VENUE_UNREACHABLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Validates the environment once, with one readable line per problem (values are never echoed). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema
    .superRefine((value, context) => {
      if (value.ALERT_WEBHOOK_URL && !value.ALERT_WEBHOOK_SECRET)
        context.addIssue({
          code: "custom",
          path: ["ALERT_WEBHOOK_SECRET"],
          message: "is required when ALERT_WEBHOOK_URL is set (alerts are always signed)",
        });
    })
    .safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * The raw environment, for the few parsers that read their own variables as text (venue and order
 * book stream configuration) and for child processes. Everything else uses env().
 */
export function rawEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}

export function requireDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url)
    throw new EnvError("DATABASE_URL is not set (npm start sets it when it starts the embedded database)");
  return url;
}
