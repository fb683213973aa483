import type { AuditActor } from "../audit/record-audit";
import { recordAudit } from "../audit/record-audit";
import type { Order } from "../db/generated/prisma/client";
import { transaction } from "../db/sql";
import { completeIdempotencyRecord } from "../idempotency/complete-idempotency-record";
import type { ClaimedRecord } from "../idempotency/idempotency-types";
import type { VenuePort } from "../venue/port/venue-port";
import { applyCancelOutcome } from "./apply-cancel-outcome";
import { type OrderOutcome, placementOutcome } from "./order-outcome";
import { requestCancelAtVenue } from "./request-cancel-at-venue";
import { type IfAbsent, resolveOrderAtVenue } from "./resolve-order-at-venue";
import { findOrder, findOrdersInOrder } from "./store/find-orders";

/** An order of the record may still execute at the venue: nothing is stored; try again after retryAfterMs. */
export class OrderOutcomePendingError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`an order of this request may still execute at the venue; settle it in ${retryAfterMs} ms`);
  }
}

/**
 * Finishes the work of an idempotency record whose worker died (its lease expired and the caller or
 * the sweeper took it over): placements are settled by venue lookup (what the venue proves absent is
 * placed with the same client order id for a retrying caller, rejected for the sweeper: `ifAbsent`),
 * a cancel is asked again (idempotent at the venue). Stores the outcome as the original request would
 * have, audits once, and returns it. Throws OrderOutcomePendingError while an order may still execute.
 */
export async function resumeOrderOperation(options: {
  venue: VenuePort;
  record: ClaimedRecord;
  actor: AuditActor;
  ifAbsent: IfAbsent;
  requestId?: string;
}): Promise<OrderOutcome> {
  const { venue, record, actor, requestId } = options;
  if (record.operation === "place_order" || record.operation === "place_batch") {
    const orders = await findOrdersInOrder(record.targetIds);
    const settled: Order[] = [];
    let retryAfterMs = 0;
    for (const order of orders) {
      if (order.status !== "pending_new" && order.status !== "unknown") {
        settled.push(order);
        continue;
      }
      const outcome = await resolveOrderAtVenue({ venue, order, ifAbsent: options.ifAbsent });
      if (!outcome.settled) retryAfterMs = Math.max(retryAfterMs, outcome.retryAfterMs);
      settled.push(outcome.order);
    }
    if (retryAfterMs > 0) throw new OrderOutcomePendingError(retryAfterMs);
    const outcome = placementOutcome({
      orders: settled,
      batch: record.operation === "place_batch",
      requestId,
    });
    await transaction((tx) => completeIdempotencyRecord({ tx, recordId: record.id, outcome }));
    for (const order of settled) {
      await recordAudit({
        actor,
        action: "order.place",
        outcome: order.status === "rejected" ? "failure" : "success",
        target: order.id,
        requestId,
        details: { clientOrderId: order.clientOrderId, status: order.status, recovered: true },
      });
    }
    return outcome;
  }
  const [cancelId] = record.targetIds;
  if (record.operation === "cancel_order" && cancelId) {
    const order = await findOrder(cancelId);
    if (!order) throw new Error(`order ${cancelId} of a cancel record vanished`);
    const venueOrder = await requestCancelAtVenue({ venue, order });
    const { order: after, outcome } = await transaction(async (tx) => {
      const applied = await applyCancelOutcome({ tx, orderId: order.id, venueOrder, requestId });
      await completeIdempotencyRecord({ tx, recordId: record.id, outcome: applied.outcome });
      return applied;
    });
    if (after.status === "canceled") {
      await recordAudit({ actor, action: "order.cancel", outcome: "success", target: after.id, requestId });
    }
    return outcome;
  }
  throw new Error(`no way to resume idempotency record ${record.id} (operation ${record.operation})`);
}
