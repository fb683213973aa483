import { transaction } from "../db/sql";
import type { VenueOrder } from "../venue/port/venue-types";
import { applyVenueOrder } from "./apply-venue-order";
import { lockOrder } from "./store/lock-order";

/**
 * Applies the venue's answers to a mass cancel to the orders we hold (found by venue order id, then
 * client order id). Returns how many of them Tally did not place: unknown to us, or held as external.
 */
export async function applyMassCancel(options: { venue: string; canceled: VenueOrder[] }): Promise<number> {
  let external = 0;
  for (const venueOrder of options.canceled) {
    const placedByTally = await transaction(async (tx) => {
      const order =
        (await lockOrder({ tx, by: { venue: options.venue, venueOrderId: venueOrder.venueOrderId } })) ??
        (venueOrder.clientOrderId
          ? await lockOrder({ tx, by: { clientOrderId: venueOrder.clientOrderId } })
          : null);
      if (!order) return false;
      await applyVenueOrder({ tx, order, venueOrder, eventType: "kill_switch_cancel" });
      return order.origin !== "external";
    });
    if (!placedByTally) external += 1;
  }
  return external;
}
