import { auditedReplay } from "../audit/audited-replay";
import { recordAudit } from "../audit/record-audit";
import type { Principal } from "../auth/principal";
import type { Order } from "../db/generated/prisma/client";
import { transaction } from "../db/sql";
import { DomainError } from "../errors/domain-error";
import { completeIdempotencyRecord } from "../idempotency/complete-idempotency-record";
import type { KeyedRequest } from "../idempotency/idempotency-types";
import { releaseIdempotencyClaim } from "../idempotency/release-idempotency-claim";
import { type IdempotentResult, runIdempotently } from "../idempotency/run-idempotently";
import { VenueError } from "../venue/port/venue-errors";
import type { VenuePort } from "../venue/port/venue-port";
import { applyCancelOutcome } from "./apply-cancel-outcome";
import { notCancelableOutcome, type OrderOutcome } from "./order-outcome";
import { TERMINAL_STATUSES } from "./order-state-machine";
import { requestCancelAtVenue } from "./request-cancel-at-venue";
import { resumeForCaller } from "./resume-for-caller";
import { findOrder } from "./store/find-orders";
import { lockOrder } from "./store/lock-order";

export interface CancelOrderOptions {
  venue: VenuePort;
  principal: Principal;
  /** The request under its Idempotency-Key, as the route received it. */
  request: KeyedRequest;
  orderId: string;
  requestId?: string;
  ip?: string;
}

const notFound = () =>
  new DomainError({ kind: "not_found", code: "order_not_found", detail: "No order with this id" });

const venueUnavailable = (error: VenueError) =>
  new DomainError({
    kind: "unavailable",
    code: "venue_unavailable",
    detail: `The venue did not confirm the cancel (${error.kind}); retry with the same key`,
    retryAfterSeconds: 2,
  });

/**
 * Cancels an order under an Idempotency-Key: order_canceled once canceled; order_not_cancelable
 * (stored) for an order that is filled, canceled, rejected or expired, or that the venue has never
 * seen. A venue error leaves nothing stored (cancel is idempotent at the venue, so the client may
 * simply retry) and refuses with venue_unavailable.
 */
export async function cancelOrder(options: CancelOrderOptions): Promise<IdempotentResult<OrderOutcome>> {
  const { venue, principal, requestId, ip } = options;
  const replay = { actor: principal, action: "order.cancel", targets: () => [options.orderId] };
  const result = await runIdempotently<Order, Order, OrderOutcome>({
    request: { ...options.request, operation: "cancel_order", targetIds: [options.orderId] },
    prepare: async () => {
      const order = await findOrder(options.orderId);
      if (!order) throw notFound();
      return order;
    },
    start: async ({ tx }) => {
      const order = await lockOrder({ tx, by: { id: options.orderId } });
      if (!order) throw notFound();
      if (TERMINAL_STATUSES.includes(order.status)) {
        return { outcome: notCancelableOutcome({ order, requestId }) };
      }
      return { work: order };
    },
    finish: async ({ record, work }) => {
      let venueOrder: Awaited<ReturnType<typeof requestCancelAtVenue>>;
      try {
        venueOrder = await requestCancelAtVenue({ venue, order: work });
      } catch (error) {
        if (!(error instanceof VenueError)) throw error;
        await releaseIdempotencyClaim({ recordId: record.id });
        throw venueUnavailable(error);
      }
      const { order, outcome } = await transaction(async (tx) => {
        const applied = await applyCancelOutcome({ tx, orderId: work.id, venueOrder, requestId });
        await completeIdempotencyRecord({ tx, recordId: record.id, outcome: applied.outcome });
        return applied;
      });
      if (order.status === "canceled") {
        await recordAudit({
          actor: principal,
          action: "order.cancel",
          outcome: "success",
          target: order.id,
          ip,
          requestId,
        });
      }
      return outcome;
    },
    resume: ({ record }) => resumeForCaller({ venue, record, actor: principal, requestId }),
    completeNow: ({ tx, record, outcome }) => completeIdempotencyRecord({ tx, recordId: record.id, outcome }),
  });
  return auditedReplay(replay, result);
}
