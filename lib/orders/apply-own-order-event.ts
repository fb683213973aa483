import { transaction } from "../db/sql";
import type { OwnOrderEvent, VenueOrder } from "../venue/port/venue-types";
import { applyVenueOrder } from "./apply-venue-order";
import { ingestFill } from "./ingest-fill";
import { isNoOpVenueUpdate } from "./is-no-op-venue-update";
import { lockOrder } from "./store/lock-order";

async function applyOrderUpdate(venue: string, venueOrder: VenueOrder): Promise<void> {
  if (await isNoOpVenueUpdate({ venue, venueOrder })) return;
  await transaction(async (tx) => {
    const order = venueOrder.clientOrderId
      ? await lockOrder({ tx, by: { clientOrderId: venueOrder.clientOrderId } })
      : await lockOrder({ tx, by: { venue, venueOrderId: venueOrder.venueOrderId } });
    if (!order) return; // not ours (placed elsewhere on the account): reconciliation's business
    await applyVenueOrder({ tx, order, venueOrder, eventType: "venue_update" });
  });
}

/**
 * Applies one event of the venue's own-order stream: order updates through the state machine, fills
 * once by trade id. Safe to run in every app instance at once.
 */
export async function applyOwnOrderEvent(options: { venue: string; event: OwnOrderEvent }): Promise<void> {
  const { venue, event } = options;
  if (event.type === "order") await applyOrderUpdate(venue, event.order);
  else if (event.type === "fill") await ingestFill({ venue, trade: event.trade });
  // A resync (the stream reconnected) carries nothing: the stream's consumer gap-fills by reconciliation.
}
