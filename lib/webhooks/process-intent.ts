import { recordAudit } from "../audit/record-audit";
import { type Principal, principalScope } from "../auth/principal";
import { sql } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import { fingerprintRequest } from "../idempotency/fingerprint-request";
import type { KeyedRequest } from "../idempotency/idempotency-types";
import { logger } from "../observability/logger";
import { cancelOrder } from "../orders/cancel-order";
import type { OrderOutcome } from "../orders/order-outcome";
import { placeOrder } from "../orders/place-order";
import type { ReconciliationGate } from "../reconciliation/reconciliation-gate";
import type { MidSource } from "../risk/limits/mid-quote";
import type { VenuePort } from "../venue/port/venue-port";
import { type ClaimedIntent, completeIntent, type IntentOutcome, retryIntentLater } from "./intent-store";

export interface IntentServices {
  venue: VenuePort;
  gate: ReconciliationGate;
  midSource: MidSource;
}

type SourceRow = {
  id: string;
  name: string;
  role: Principal["role"];
  createdById: string;
  disabled: boolean;
};

/** The order service's key for an intent: the same (source, webhook-id) is always the same request. */
function keyedRequest(intent: ClaimedIntent, principal: Principal): KeyedRequest {
  const path = `/api/webhooks/signals/${intent.sourceId}`;
  return {
    scope: principalScope(principal),
    key: `webhook-id:${intent.webhookId}`,
    method: "POST",
    path,
    fingerprint: fingerprintRequest({ method: "POST", path, body: intent.payload }),
  };
}

function fromOrderOutcome(outcome: OrderOutcome | { kind: string }): IntentOutcome {
  const o = outcome as OrderOutcome;
  switch (o.kind) {
    case "order_placed": {
      const { order } = o;
      if (order.status === "rejected")
        return {
          status: "rejected",
          orderId: order.id,
          error: { code: "order_rejected", detail: order.rejectReason ?? "The venue rejected the order" },
        };
      const pending = order.status === "pending_new" || order.status === "unknown";
      return { status: pending ? "pending" : "placed", orderId: order.id, error: null };
    }
    case "order_canceled":
      return { status: "canceled", orderId: o.order.id, error: null };
    case "order_not_cancelable":
    case "order_state_unknown":
      return {
        status: "rejected",
        orderId: o.order.id,
        error: { code: o.kind, detail: `The order is ${o.order.status}` },
      };
    default:
      return { status: "failed", orderId: null, error: { code: "unexpected_outcome", detail: outcome.kind } };
  }
}

async function findOwnOrderId(sourceId: string, by: { orderId?: string; clientOrderId?: string }) {
  const rows = await sql().$queryRaw<{ id: string }[]>`
    SELECT id FROM "Order" WHERE "createdByWebhookSourceId" = ${sourceId}::uuid
      AND (id = ${by.orderId ?? null}::uuid OR "clientOrderId" = ${by.clientOrderId ?? null})`;
  return rows[0]?.id;
}

async function carryOut(intent: ClaimedIntent, principal: Principal, services: IntentServices) {
  const request = keyedRequest(intent, principal);
  const { payload } = intent;
  if (payload.type === "order.place") {
    return (await placeOrder({ ...services, principal, request, order: payload.order })).outcome;
  }
  // A source cancels only the orders it placed itself.
  const orderId = await findOwnOrderId(intent.sourceId, payload);
  if (!orderId)
    throw new DomainError({
      kind: "not_found",
      code: "order_not_found",
      detail: "No order of this source with this id",
    });
  return (await cancelOrder({ venue: services.venue, principal, request, orderId })).outcome;
}

const TRANSIENT = new Set(["idempotency_key_in_progress"]);

type RetryOptions = { maxAttempts: number; retryMs: number };

/** The intent's outcome, or null when a transient refusal left it queued for a later attempt. */
async function attempt(
  intent: ClaimedIntent,
  principal: Principal,
  services: IntentServices,
  options: RetryOptions,
): Promise<IntentOutcome | null> {
  try {
    return fromOrderOutcome(await carryOut(intent, principal, services));
  } catch (error) {
    const transient =
      !(error instanceof DomainError) || error.kind === "unavailable" || TRANSIENT.has(error.code);
    if (transient && intent.attempts < options.maxAttempts) {
      logger.warn(
        { intentId: intent.id, attempts: intent.attempts, err_message: (error as Error).message },
        "webhook intent will be retried",
      );
      await retryIntentLater(intent.id, options.retryMs * intent.attempts, (error as Error).message);
      return null;
    }
    return error instanceof DomainError && !transient
      ? { status: "rejected", orderId: null, error: { code: error.code, detail: error.detail } }
      : {
          status: "failed",
          orderId: null,
          error: { code: "processing_failed", detail: (error as Error).message },
        };
  }
}

const SOURCE_DISABLED: IntentOutcome = {
  status: "rejected",
  orderId: null,
  error: { code: "webhook_source_disabled", detail: "The source was disabled before this intent ran" },
};

/**
 * Carries one leased intent out through the order service as its source (validation, kill switch,
 * risk limits and idempotency all apply) and records the outcome; a transient refusal (venue
 * unavailable, key in progress elsewhere) leaves it queued for a later attempt. Disabling a source
 * (say its secret leaked) also stops what it queued before.
 */
export async function processIntent(
  intent: ClaimedIntent,
  services: IntentServices,
  options: RetryOptions,
): Promise<void> {
  const [source] = await sql().$queryRaw<SourceRow[]>`
    SELECT id, name, role, "createdById", disabled FROM "WebhookSource" WHERE id = ${intent.sourceId}::uuid`;
  if (!source) return;
  const { disabled, ...identity } = source;
  const principal: Principal = { kind: "webhook", ...identity };
  const outcome = disabled ? SOURCE_DISABLED : await attempt(intent, principal, services, options);
  if (!outcome || !(await completeIntent(intent.id, outcome))) return;
  await recordAudit({
    actor: principal,
    action: "webhook.intent_processed",
    outcome: outcome.status === "rejected" || outcome.status === "failed" ? "failure" : "success",
    target: `webhook_intent:${intent.id}`,
    details: {
      webhookId: intent.webhookId,
      status: outcome.status,
      orderId: outcome.orderId,
      error: outcome.error,
    },
  });
}
