import type { Order } from "../db/generated/prisma/client";
import type { VenuePort } from "../venue/port/venue-port";
import type { VenueOrder } from "../venue/port/venue-types";

/**
 * Asks the venue to cancel an order by client order id (idempotent there). When the venue does not
 * know it as open, the lookup says what became of it (filled, canceled...); null when the venue has
 * never seen it. Venue errors propagate.
 */
export async function requestCancelAtVenue(options: {
  venue: VenuePort;
  order: Order;
}): Promise<VenueOrder | null> {
  const { venue, order } = options;
  const result = await venue.cancelOrder({ symbol: order.symbol, clientOrderId: order.clientOrderId });
  if (result.status === "canceled") return result.order;
  return venue.fetchOrderByClientId({ symbol: order.symbol, clientOrderId: order.clientOrderId });
}
