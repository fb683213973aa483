import type { Order } from "../db/generated/prisma/client";
import { appVenue } from "../venue/app-venue";
import type { VenueOrder } from "../venue/venue-types";

/**
 * Asks the venue to cancel an order by client order id (idempotent there). When the venue does not
 * know it as open, the lookup says what became of it (filled, canceled...); null when the venue has
 * never seen it. Venue errors propagate.
 */
export async function requestCancelAtVenue(options: { order: Order }): Promise<VenueOrder | null> {
  const { order } = options;
  const result = await appVenue().cancelOrder({ symbol: order.symbol, clientOrderId: order.clientOrderId });
  if (result.status === "canceled") return result.order;
  return appVenue().fetchOrderByClientId({ symbol: order.symbol, clientOrderId: order.clientOrderId });
}
