import { sql } from "../db/sql";
import type { ClaimedRecord } from "./idempotency-types";

/**
 * Atomically takes over an in-progress record whose lease has run out (its worker died or stalled).
 * At most one caller wins; null for everyone else.
 */
export async function takeOverIdempotencyLease(options: {
  recordId: string;
  leaseMs: number;
}): Promise<ClaimedRecord | null> {
  const rows = await sql().$queryRaw<ClaimedRecord[]>`
    UPDATE "IdempotencyRecord"
    SET "leaseExpiresAt" = now() + ${options.leaseMs}::double precision * interval '1 millisecond'
    WHERE id = ${options.recordId}::uuid AND state = 'in_progress'::"IdempotencyState"
      AND "leaseExpiresAt" < now()
    RETURNING id, scope, key, method, path, operation, "targetIds", "createdAt"`;
  return rows[0] ?? null;
}
