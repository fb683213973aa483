import { Decimal } from "decimal.js";
import type { Order } from "../db/generated/prisma/client";
import { prisma } from "../db/prisma";
import { transaction } from "../db/sql";
import { appVenue } from "../venue/app-venue";
import { VenueError } from "../venue/venue-errors";
import { applySendOutcome } from "./apply-send-outcome";
import { applyVenueOrder } from "./apply-venue-order";
import { lockOrder } from "./lock-order";
import { sendOrderToVenue } from "./send-order-to-venue";
import { syncOrderFills } from "./sync-order-fills";
import { transitionOrder } from "./transition-order";

/**
 * Settles an order whose placement has no recorded answer (its worker died, or the outcome was
 * unknown) by looking it up at the venue by client order id: found -> apply the venue's state (and
 * fetch its fills);
 * definitively not there -> place it now with the same client order id (so the venue's duplicate
 * check still backs us), unless the kill switch has been engaged meanwhile, which rejects it.
 * Venue errors propagate: the caller tries again later.
 */
export async function resolveOrderAtVenue(options: { order: Order }): Promise<Order> {
  const { order } = options;
  const found = await appVenue().fetchOrderByClientId({
    symbol: order.symbol,
    clientOrderId: order.clientOrderId,
  });
  if (found) {
    const resolved = await transaction(async (tx) => {
      const locked = await lockOrder({ tx, by: { id: order.id } });
      if (!locked) throw new Error(`order ${order.id} vanished`);
      return applyVenueOrder({ tx, order: locked, venueOrder: found, eventType: "resolved_by_lookup" });
    });
    if (new Decimal(found.filledQuantity).isZero()) return resolved;
    await syncOrderFills({ order: resolved });
    return (await prisma().order.findUnique({ where: { id: order.id } })) ?? resolved;
  }
  const halted = await prisma().killSwitch.findUnique({ where: { id: 1 } });
  if (halted?.engaged) {
    return transaction(async (tx) => {
      const locked = await lockOrder({ tx, by: { id: order.id } });
      if (!locked) throw new Error(`order ${order.id} vanished`);
      return transitionOrder({
        tx,
        order: locked,
        to: "rejected",
        eventType: "not_sent",
        data: { reason: "kill switch engaged before the order reached the venue" },
        patch: { rejectReason: "not sent to the venue: the kill switch was engaged during recovery" },
      });
    });
  }
  const outcome = await sendOrderToVenue({ order });
  if (outcome.status === "not_sent") throw new VenueError("transient", `order not sent: ${outcome.reason}`);
  return transaction((tx) => applySendOutcome({ tx, orderId: order.id, outcome }));
}
