import type { Order } from "../db/generated/prisma/client";
import type { Tx } from "../db/sql";
import { formatDecimal } from "../instruments/format-decimal";
import type { VenueOrder } from "../venue/port/venue-types";
import { computeFillState } from "./compute-fill-state";
import { statusFromVenue } from "./status-from-venue";
import { sumOrderFills } from "./store/sum-order-fills";
import { transitionOrder } from "./transition-order";

export interface ApplyVenueOrderOptions {
  tx: Tx;
  /** Our row, locked by the caller. */
  order: Order;
  venueOrder: VenueOrder;
  /** OrderEvent type for a status change, e.g. "accepted", "venue_update", "lookup". */
  eventType: string;
}

/**
 * Applies a venue's view of an order (placement answer, user stream, lookup): venue order id,
 * cumulative fill figures and the status, through the state machine. Stale updates (e.g. "open"
 * after "filled") are refused by the state machine and only the monotonic figures apply.
 */
export async function applyVenueOrder(options: ApplyVenueOrderOptions): Promise<Order> {
  const { tx, order, venueOrder } = options;
  // Filled quantity never drops below the fills' sum, so an order with none filled has no fills to sum.
  const fills = order.filledQuantity.isZero()
    ? { quantity: "0", quote: "0" }
    : await sumOrderFills({ tx, orderId: order.id });
  const state = computeFillState({
    current: {
      filledQuantity: formatDecimal(order.filledQuantity),
      averagePrice: order.averagePrice === null ? null : formatDecimal(order.averagePrice),
    },
    fills,
    venue: { filledQuantity: venueOrder.filledQuantity, filledQuote: venueOrder.filledQuote },
  });
  const target =
    statusFromVenue({ status: venueOrder.status, filledQuantity: state.filledQuantity }) ?? order.status;
  const patch = {
    ...(order.venueOrderId === null && venueOrder.venueOrderId
      ? { venueOrderId: venueOrder.venueOrderId }
      : {}),
    ...(state.filledQuantity !== formatDecimal(order.filledQuantity)
      ? { filledQuantity: state.filledQuantity }
      : {}),
    ...(state.averagePrice !== null &&
    (order.averagePrice === null || state.averagePrice !== formatDecimal(order.averagePrice))
      ? { averagePrice: state.averagePrice }
      : {}),
  };
  return transitionOrder({
    tx,
    order,
    to: target,
    eventType: options.eventType,
    data: {
      venueOrderId: venueOrder.venueOrderId,
      venueStatus: venueOrder.venueStatus,
      filledQuantity: venueOrder.filledQuantity,
    },
    patch: Object.keys(patch).length > 0 ? patch : undefined,
  });
}
