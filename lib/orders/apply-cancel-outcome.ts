import type { Order } from "../db/generated/prisma/client";
import type { Tx } from "../db/sql";
import type { StoredResponse } from "../idempotency/idempotency-types";
import type { VenueOrder } from "../venue/venue-types";
import { applyVenueOrder } from "./apply-venue-order";
import { lockOrder } from "./lock-order";
import { notCancelableResponse } from "./not-cancelable-response";
import { toOrderView } from "./order-view";

/**
 * Applies the venue's answer to a cancel (locked row) and builds the outcome: 200 { order } when the
 * order ended canceled, else 409 order_not_cancelable (it filled or expired first, or never reached
 * the venue).
 */
export async function applyCancelOutcome(options: {
  tx: Tx;
  orderId: string;
  venueOrder: VenueOrder | null;
  requestId?: string;
}): Promise<{ order: Order; response: StoredResponse }> {
  const { tx, venueOrder } = options;
  let order = await lockOrder({ tx, by: { id: options.orderId } });
  if (!order) throw new Error(`order ${options.orderId} vanished`);
  if (venueOrder) order = await applyVenueOrder({ tx, order, venueOrder, eventType: "cancel" });
  if (order.status === "canceled") {
    return { order, response: { status: 200, body: JSON.stringify({ order: toOrderView(order) }) } };
  }
  return { order, response: notCancelableResponse({ order, requestId: options.requestId }) };
}
