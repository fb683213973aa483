import { sql } from "../db/sql";
import type { ClaimedRecord, IdempotencyLookup, KeyedRequest, StoredOutcome } from "./idempotency-types";

type Row = ClaimedRecord & {
  fingerprint: string;
  state: "in_progress" | "completed";
  outcome: string | null;
  leaseExpiresAt: Date;
  now: Date;
};

/**
 * When to retry a request whose key is still being worked on: about as long again as it has run so
 * far (1 s while it is young), never past its lease.
 */
export function retryAfterInProgress(options: { ageMs: number; leaseLeftMs: number }): number {
  const expected = Math.ceil(Math.max(0, options.ageMs) / 1000);
  return Math.max(1, Math.min(expected, Math.ceil(options.leaseLeftMs / 1000)));
}

/**
 * What the caller's key holds right now. Expired records count as absent; lease times are compared
 * with the database clock so every app instance agrees.
 */
export async function findIdempotencyRecord(options: { request: KeyedRequest }): Promise<IdempotencyLookup> {
  const { scope, key, fingerprint } = options.request;
  const rows = await sql().$queryRaw<Row[]>`
    SELECT id, scope, key, method, path, operation, "targetIds", fingerprint, state::text AS state, outcome,
           "leaseExpiresAt", "createdAt", now() AS now
    FROM "IdempotencyRecord"
    WHERE scope = ${scope} AND key = ${key} AND "expiresAt" > now()`;
  const row = rows[0];
  if (!row) return { kind: "none" };
  if (row.fingerprint !== fingerprint) return { kind: "reused" };
  if (row.state === "completed" && row.outcome !== null) {
    return { kind: "replay", outcome: JSON.parse(row.outcome) as StoredOutcome };
  }
  const leftMs = row.leaseExpiresAt.getTime() - row.now.getTime();
  if (leftMs > 0) {
    const ageMs = row.now.getTime() - row.createdAt.getTime();
    return { kind: "in_progress", retryAfterSeconds: retryAfterInProgress({ ageMs, leaseLeftMs: leftMs }) };
  }
  return {
    kind: "stale",
    record: {
      id: row.id,
      scope: row.scope,
      key: row.key,
      method: row.method,
      path: row.path,
      operation: row.operation,
      targetIds: row.targetIds,
      createdAt: row.createdAt,
    },
  };
}
