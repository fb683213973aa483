import type { Sql } from "../db/sql";
import { alertSettings } from "./alert-settings";
import type { AlertPayload, AlertType } from "./alert-types";

/**
 * Writes an alert to the outbox in the caller's transaction, so it commits (and survives a crash)
 * together with the change it reports; the delivery worker sends it later. Nothing is written when
 * no alert webhook is configured.
 */
export async function enqueueAlert(
  tx: Sql,
  alert: { type: AlertType; data: Record<string, unknown> },
): Promise<void> {
  if (!alertSettings()) return;
  const payload: AlertPayload = { type: alert.type, timestamp: new Date().toISOString(), data: alert.data };
  await tx.$executeRaw`
    INSERT INTO "AlertDelivery" (id, type, payload, status, attempts, "nextAttemptAt", "createdAt")
    VALUES (gen_random_uuid(), ${alert.type}, ${JSON.stringify(payload)}::jsonb, 'pending', 0, now(), now())`;
}
