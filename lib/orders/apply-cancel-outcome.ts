import type { Order } from "../db/generated/prisma/client";
import type { Tx } from "../db/sql";
import type { VenueOrder } from "../venue/port/venue-types";
import { applyVenueOrder } from "./apply-venue-order";
import { cancelOutcome, type OrderOutcome } from "./order-outcome";
import { lockOrder } from "./store/lock-order";

/**
 * Applies the venue's answer to a cancel (locked row) and returns the order with the outcome:
 * canceled, or not cancelable (it filled or expired first, or never reached the venue).
 */
export async function applyCancelOutcome(options: {
  tx: Tx;
  orderId: string;
  venueOrder: VenueOrder | null;
  requestId?: string;
}): Promise<{ order: Order; outcome: OrderOutcome }> {
  const { tx, venueOrder } = options;
  let order = await lockOrder({ tx, by: { id: options.orderId } });
  if (!order) throw new Error(`order ${options.orderId} vanished`);
  if (venueOrder) order = await applyVenueOrder({ tx, order, venueOrder, eventType: "cancel" });
  return {
    order,
    outcome: cancelOutcome({ order, venueKnowsIt: venueOrder !== null, requestId: options.requestId }),
  };
}
