import { Decimal } from "decimal.js";
import type { OrderStatus } from "../db/generated/prisma/enums";
import type { VenueOrderStatus } from "../venue/port/venue-types";

/** Our status for a venue order state; null when the venue state says nothing definite. */
export function statusFromVenue(options: {
  status: VenueOrderStatus;
  filledQuantity: string;
}): OrderStatus | null {
  switch (options.status) {
    case "open":
      return new Decimal(options.filledQuantity).gt(0) ? "partially_filled" : "open";
    case "closed":
      return "filled";
    case "canceled":
      return "canceled";
    case "expired":
      return "expired";
    case "rejected":
      return "rejected";
    default:
      return null;
  }
}
