import { Decimal } from "decimal.js";
import type { Order } from "../db/generated/prisma/client";
import { sql, transaction } from "../db/sql";
import { readTradingHalt } from "../risk/read-kill-switch";
import { VenueError } from "../venue/port/venue-errors";
import type { VenuePort } from "../venue/port/venue-port";
import { applySendOutcome } from "./apply-send-outcome";
import { applyVenueOrder } from "./apply-venue-order";
import { sendOrderToVenue } from "./send-order-to-venue";
import { sendWindowClosesAt } from "./send-window";
import { findOrder } from "./store/find-orders";
import { lockOrder } from "./store/lock-order";
import { syncOrderFills } from "./sync-order-fills";
import { transitionOrder } from "./transition-order";

/**
 * What to do with an order the venue proves absent (its lookup found nothing after every send's
 * execution window): "place" it now with the same client order id (only for a caller retrying the
 * order's own idempotency key: the client is asking for it now), or "reject" it as never having
 * reached the venue (the sweeper, which never places an order on its own).
 */
export type IfAbsent = "place" | "reject";

export type ResolveOutcome =
  | { settled: true; order: Order }
  /** The order may still execute at the venue: look again after retryAfterMs. */
  | { settled: false; order: Order; retryAfterMs: number };

const NEVER_REACHED =
  "never reached the venue: no order with this client order id after its execution window";

/**
 * Settles an order whose placement has no recorded answer (its worker died, or the outcome was
 * unknown) by looking it up at the venue by client order id. Found: apply the venue's state (and
 * fetch its fills). Not found: evidence only once the order's sends can no longer execute
 * (send-window.ts); before that the order stays as it is. Venue errors (a failed lookup) propagate:
 * the caller tries again later.
 */
export async function resolveOrderAtVenue(options: {
  venue: VenuePort;
  order: Order;
  ifAbsent: IfAbsent;
  now?: () => number;
}): Promise<ResolveOutcome> {
  const { venue, order, ifAbsent } = options;
  const now = options.now ?? Date.now;
  const found = await venue.fetchOrderByClientId({
    symbol: order.symbol,
    clientOrderId: order.clientOrderId,
  });
  if (found) {
    const resolved = await transaction(async (tx) => {
      const locked = await lockOrder({ tx, by: { id: order.id } });
      if (!locked) throw new Error(`order ${order.id} vanished`);
      return applyVenueOrder({ tx, order: locked, venueOrder: found, eventType: "resolved_by_lookup" });
    });
    if (new Decimal(found.filledQuantity).isZero()) return { settled: true, order: resolved };
    await syncOrderFills({ venue, order: resolved });
    return {
      settled: true,
      order: (await findOrder(order.id)) ?? resolved,
    };
  }

  const closesAt = sendWindowClosesAt({ order, executionWindowMs: venue.executionWindowMs() });
  const unsettled = (): ResolveOutcome => ({
    settled: false,
    order,
    retryAfterMs: Math.max(1, closesAt - now()),
  });
  if (now() < closesAt) return unsettled();

  const halted = ifAbsent === "place" && (await readTradingHalt(sql(), order.symbol)) !== null;
  if (ifAbsent === "reject" || halted) {
    const settled = await transaction(async (tx) => {
      const locked = await lockOrder({ tx, by: { id: order.id } });
      if (!locked) throw new Error(`order ${order.id} vanished`);
      // Sent again (or settled) since it was read: what the lookup saw no longer covers it.
      if (locked.lastSendAt?.getTime() !== order.lastSendAt?.getTime() || locked.status !== order.status) {
        return null;
      }
      return transitionOrder({
        tx,
        order: locked,
        to: "rejected",
        eventType: "not_sent",
        data: { reason: halted ? "kill switch engaged before the order reached the venue" : NEVER_REACHED },
        patch: {
          rejectReason: halted
            ? "not sent to the venue: the kill switch was engaged during recovery"
            : `not placed: ${NEVER_REACHED}`,
        },
      });
    });
    return settled ? { settled: true, order: settled } : unsettled();
  }
  const outcome = await sendOrderToVenue({ venue, order });
  if (outcome.status === "not_sent") throw new VenueError("transient", `order not sent: ${outcome.reason}`);
  return {
    settled: true,
    order: await transaction((tx) => applySendOutcome({ tx, orderId: order.id, outcome })),
  };
}
