import { Decimal } from "decimal.js";
import type { VenueOrder } from "../venue/port/venue-types";
import { TERMINAL_STATUSES } from "./order-state-machine";
import { statusFromVenue } from "./status-from-venue";
import { peekOrderState } from "./store/peek-order-state";

/**
 * Whether a venue order update would change nothing on our row, read without a lock: the order has
 * its venue order id, nothing is filled on either side, and it already is in the update's status or
 * in a final one. Such updates (the stream repeating what the placement answer already applied) skip
 * the locking transaction. Anything else, or any doubt, goes through applyVenueOrder.
 */
export async function isNoOpVenueUpdate(options: {
  venue: string;
  venueOrder: VenueOrder;
}): Promise<boolean> {
  const { venueOrder } = options;
  if (!new Decimal(venueOrder.filledQuantity).isZero()) return false;
  const row = await peekOrderState(
    venueOrder.clientOrderId
      ? { clientOrderId: venueOrder.clientOrderId }
      : { venue: options.venue, venueOrderId: venueOrder.venueOrderId },
  );
  if (!row || row.venueOrderId === null || !new Decimal(row.filledQuantity).isZero()) return false;
  const target = statusFromVenue({ status: venueOrder.status, filledQuantity: venueOrder.filledQuantity });
  return row.status === target || (TERMINAL_STATUSES as readonly string[]).includes(row.status);
}
