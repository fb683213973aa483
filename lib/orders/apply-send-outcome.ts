import type { Order } from "../db/generated/prisma/client";
import type { Tx } from "../db/sql";
import { applyVenueOrder } from "./apply-venue-order";
import type { SendOutcome } from "./send-order-to-venue";
import { lockOrder } from "./store/lock-order";
import { transitionOrder } from "./transition-order";

/**
 * Records the venue's answer to a placement on the order (locked here): accepted -> the venue's state,
 * rejected (definitive) -> rejected with the reason, unknown -> unknown (resolved later by lookup),
 * not sent -> rejected: nothing reached the venue, so no order exists there.
 */
export async function applySendOutcome(options: {
  tx: Tx;
  orderId: string;
  outcome: SendOutcome;
}): Promise<Order> {
  const { tx, outcome } = options;
  const order = await lockOrder({ tx, by: { id: options.orderId } });
  if (!order) throw new Error(`order ${options.orderId} vanished`);
  switch (outcome.status) {
    case "accepted":
      return applyVenueOrder({
        tx,
        order,
        venueOrder: outcome.order,
        eventType: outcome.recovered ? "accepted_by_lookup" : "accepted",
      });
    case "rejected":
      return transitionOrder({
        tx,
        order,
        to: "rejected",
        eventType: "rejected",
        data: { kind: outcome.error.kind, venueCode: outcome.error.venueCode ?? null },
        patch: { rejectReason: outcome.error.message.slice(0, 500) },
      });
    case "unknown":
      return transitionOrder({
        tx,
        order,
        to: "unknown",
        eventType: "outcome_unknown",
        data: { kind: outcome.error.kind, message: outcome.error.message.slice(0, 500) },
      });
    case "not_sent":
      return transitionOrder({
        tx,
        order,
        to: "rejected",
        eventType: "not_sent",
        data: { reason: outcome.reason.slice(0, 500) },
        patch: { rejectReason: `not sent to the venue: ${outcome.reason}`.slice(0, 500) },
      });
  }
}
