import { env } from "../env";

/** Record lifetime and lease length from the environment (IDEMPOTENCY_TTL_HOURS, IDEMPOTENCY_LEASE_SECONDS). */
export function idempotencySettings(): { ttlMs: number; leaseMs: number; sweepMs: number } {
  const config = env();
  return {
    ttlMs: Math.round(config.IDEMPOTENCY_TTL_HOURS * 3_600_000),
    leaseMs: config.IDEMPOTENCY_LEASE_SECONDS * 1_000,
    sweepMs: config.IDEMPOTENCY_SWEEP_SECONDS * 1_000,
  };
}
