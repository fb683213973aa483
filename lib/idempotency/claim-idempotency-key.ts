import type { Tx } from "../db/sql";
import type { ClaimedRecord, IdempotentRequest } from "./idempotency-types";

export interface ClaimIdempotencyKeyOptions {
  tx: Tx;
  request: IdempotentRequest;
  leaseMs: number;
  ttlMs: number;
}

/**
 * Inserts the in-progress record under the (scope, key) unique constraint. Runs inside the caller's
 * transaction, so the claim commits together with the work it guards (the order row) or not at all.
 * A concurrent claim of the same key blocks on the index until the other transaction ends. Returns
 * null when the key is already held.
 */
export async function claimIdempotencyKey(
  options: ClaimIdempotencyKeyOptions,
): Promise<ClaimedRecord | null> {
  const { tx, request, leaseMs, ttlMs } = options;
  const insert = () => tx.$queryRaw<ClaimedRecord[]>`
    INSERT INTO "IdempotencyRecord"
      (id, scope, key, fingerprint, method, path, operation, "targetIds", state, "leaseExpiresAt",
       "expiresAt", "createdAt")
    VALUES (gen_random_uuid(), ${request.scope}, ${request.key}, ${request.fingerprint}, ${request.method},
            ${request.path}, ${request.operation}, ${request.targetIds}::uuid[], 'in_progress'::"IdempotencyState",
            now() + ${leaseMs}::double precision * interval '1 millisecond',
            now() + ${ttlMs}::double precision * interval '1 millisecond', now())
    ON CONFLICT (scope, key) DO NOTHING
    RETURNING id, scope, key, method, path, operation, "targetIds", "createdAt"`;
  const claimed = (await insert())[0];
  if (claimed) return claimed;
  // An expired record counts as absent: remove it so the key can be claimed afresh.
  const removed = await tx.$executeRaw`
    DELETE FROM "IdempotencyRecord"
    WHERE scope = ${request.scope} AND key = ${request.key} AND "expiresAt" <= now()`;
  return removed > 0 ? ((await insert())[0] ?? null) : null;
}
