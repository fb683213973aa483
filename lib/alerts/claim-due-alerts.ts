import { sql } from "../db/sql";

export interface ClaimedAlert {
  id: string;
  payload: unknown;
  attempts: number;
}

/**
 * Claims up to `limit` due alerts for `leaseMs`: SKIP LOCKED lets concurrent claims (other app
 * instances) pass over each other's rows, and the lease keeps a claimed row away from them while it
 * is being sent, so an alert is sent by one worker at a time.
 */
export async function claimDueAlerts(options: { limit: number; leaseMs: number }): Promise<ClaimedAlert[]> {
  return sql().$queryRaw<ClaimedAlert[]>`
    UPDATE "AlertDelivery" SET "leasedUntil" = now() + ${options.leaseMs} * interval '1 millisecond'
    WHERE id IN (
      SELECT id FROM "AlertDelivery"
      WHERE status = 'pending' AND "nextAttemptAt" <= now() AND ("leasedUntil" IS NULL OR "leasedUntil" < now())
      ORDER BY "createdAt" LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, payload, attempts`;
}

export async function markAlertDelivered(id: string, attempts: number): Promise<void> {
  await sql().$executeRaw`
    UPDATE "AlertDelivery" SET status = 'delivered', attempts = ${attempts}, "deliveredAt" = now(),
      "leasedUntil" = NULL, "lastError" = NULL
    WHERE id = ${id}::uuid`;
}

/** Records a failed attempt: retried after `retryInMs`, or given up on (`failed`) when that is null. */
export async function markAlertAttemptFailed(options: {
  id: string;
  attempts: number;
  error: string;
  retryInMs: number | null;
}): Promise<void> {
  const { id, attempts, error, retryInMs } = options;
  await sql().$executeRaw`
    UPDATE "AlertDelivery" SET attempts = ${attempts}, "lastError" = ${error}, "leasedUntil" = NULL,
      status = ${retryInMs === null ? "failed" : "pending"},
      "nextAttemptAt" = now() + ${retryInMs ?? 0} * interval '1 millisecond'
    WHERE id = ${id}::uuid`;
}
