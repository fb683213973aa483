import { transaction } from "../db/sql";
import type { VenueOrder } from "../venue/port/venue-types";
import { applyVenueOrder } from "./apply-venue-order";
import { findOrdersByVenueIds } from "./store/find-orders-by-venue-ids";
import { lockOrder } from "./store/lock-order";

/** Updates run side by side, leaving most of the pool to the order paths. */
const CONCURRENCY = 6;

/**
 * Applies the venue's answers to a mass cancel to the orders we hold (found by venue order id, then
 * client order id). Returns how many of them Tally did not place: unknown to us, or held as external.
 */
export async function applyMassCancel(options: { venue: string; canceled: VenueOrder[] }): Promise<number> {
  const { canceled } = options;
  const rows = await findOrdersByVenueIds({
    venue: options.venue,
    venueOrderIds: canceled.map((order) => order.venueOrderId),
    clientOrderIds: canceled.flatMap((order) => (order.clientOrderId ? [order.clientOrderId] : [])),
  });
  const matches = canceled.flatMap((venueOrder) => {
    const row =
      rows.find((candidate) => candidate.venueOrderId === venueOrder.venueOrderId) ??
      rows.find(
        (candidate) =>
          venueOrder.clientOrderId !== null && candidate.clientOrderId === venueOrder.clientOrderId,
      );
    return row ? [{ row, venueOrder }] : [];
  });
  const ours = matches.filter((match) => match.row.origin !== "external").length;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, matches.length) }, async () => {
      for (let match = matches[next++]; match; match = matches[next++]) {
        const { row, venueOrder } = match;
        await transaction(async (tx) => {
          const order = await lockOrder({ tx, by: { id: row.id } });
          if (order) await applyVenueOrder({ tx, order, venueOrder, eventType: "kill_switch_cancel" });
        });
      }
    }),
  );
  return canceled.length - ours;
}
