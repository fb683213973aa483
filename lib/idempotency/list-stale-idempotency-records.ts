import { sql } from "../db/sql";
import type { ClaimedRecord } from "./idempotency-types";

/** In-progress records whose lease has run out (their worker died or stalled), oldest first. */
export async function listStaleIdempotencyRecords(
  options: { limit?: number } = {},
): Promise<ClaimedRecord[]> {
  return sql().$queryRaw<ClaimedRecord[]>`
    SELECT id, scope, key, method, path, operation, "targetIds", "createdAt"
    FROM "IdempotencyRecord"
    WHERE state = 'in_progress'::"IdempotencyState" AND "leaseExpiresAt" < now() AND "expiresAt" > now()
    ORDER BY "createdAt"
    LIMIT ${options.limit ?? 50}`;
}
