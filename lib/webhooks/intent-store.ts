import { sql } from "../db/sql";
import type { WebhookIntentBody } from "./intent-schema";

export interface ClaimedIntent {
  id: string;
  sourceId: string;
  webhookId: string;
  payload: WebhookIntentBody;
  attempts: number;
}

/**
 * Leases up to `limit` queued intents: SKIP LOCKED lets workers in other processes pass over each
 * other's rows, and the lease keeps a row away from them while it is processed. A worker that dies
 * leaves its lease to expire; the next claim takes the row again (the order key is deterministic, so
 * the order service replays rather than places twice).
 */
export function claimQueuedIntents(options: { limit: number; leaseMs: number }): Promise<ClaimedIntent[]> {
  return sql().$queryRaw<ClaimedIntent[]>`
    UPDATE "WebhookIntent" SET "lockedUntil" = now() + ${options.leaseMs} * interval '1 millisecond',
      attempts = attempts + 1, "updatedAt" = now()
    WHERE id IN (
      SELECT id FROM "WebhookIntent"
      WHERE status = 'queued' AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
      ORDER BY "createdAt" LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, "sourceId", "webhookId", payload, attempts`;
}

export type IntentOutcome = {
  status: "placed" | "pending" | "canceled" | "rejected" | "failed";
  orderId: string | null;
  error: { code: string; detail: string } | null;
};

/** Stores the outcome unless another worker already did (false then). */
export async function completeIntent(id: string, outcome: IntentOutcome): Promise<boolean> {
  const updated = await sql().$executeRaw`
    UPDATE "WebhookIntent" SET status = ${outcome.status}::"WebhookIntentStatus", "orderId" = ${outcome.orderId}::uuid,
      error = ${outcome.error ? JSON.stringify(outcome.error) : null}::jsonb, "lockedUntil" = NULL, "updatedAt" = now()
    WHERE id = ${id}::uuid AND status = 'queued'`;
  return updated === 1;
}

/** Leaves the intent queued for another attempt after `delayMs`. */
export async function retryIntentLater(id: string, delayMs: number, error: string): Promise<void> {
  await sql().$executeRaw`
    UPDATE "WebhookIntent" SET "lockedUntil" = now() + ${delayMs} * interval '1 millisecond',
      error = ${JSON.stringify({ code: "retrying", detail: error })}::jsonb, "updatedAt" = now()
    WHERE id = ${id}::uuid AND status = 'queued'`;
}
