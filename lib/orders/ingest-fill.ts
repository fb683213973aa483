import { Decimal } from "decimal.js";
import type { Order } from "../db/generated/prisma/client";
import { type Tx, transaction } from "../db/sql";
import { publishEvent } from "../events/publish-event";
import { formatDecimal } from "../instruments/format-decimal";
import { scheduleDailyLossCheck } from "../risk/auto-halt/check-daily-loss-limit";
import type { VenueTrade } from "../venue/port/venue-types";
import { computeFillState } from "./compute-fill-state";
import { type FillSource, insertFill } from "./store/insert-fill";
import { lockOrder } from "./store/lock-order";
import { sumOrderFills } from "./store/sum-order-fills";
import { appendOrderEvent } from "./store/update-order";
import { transitionOrder } from "./transition-order";

export type IngestFillResult =
  | { status: "ingested"; fillId: string }
  | { status: "duplicate" }
  | { status: "no_order" };

/**
 * Stores one venue execution exactly once (unique venue + trade id, insert ON CONFLICT DO NOTHING)
 * and updates the order's cumulative figures and status in the same transaction under the order's
 * row lock, so a report seen twice (stream and lookup, or two app instances) never counts twice.
 */
export async function ingestFill(options: {
  venue: string;
  trade: VenueTrade;
  /** Where we learned of it (Fill.source): the user stream unless said otherwise. */
  source?: FillSource;
}): Promise<IngestFillResult> {
  const result = await transaction((tx) => ingestFillInTx({ ...options, tx }));
  if (result.status === "ingested") scheduleDailyLossCheck();
  return result;
}

/** ingestFill inside the caller's transaction (an operator's adjustment commits with its mismatch). */
export async function ingestFillInTx(options: {
  tx: Tx;
  venue: string;
  trade: VenueTrade;
  source?: FillSource;
}): Promise<IngestFillResult> {
  const { tx, venue, trade } = options;
  let order: Order | null = null;
  if (trade.clientOrderId) order = await lockOrder({ tx, by: { clientOrderId: trade.clientOrderId } });
  if (!order && trade.venueOrderId) {
    order = await lockOrder({ tx, by: { venue, venueOrderId: trade.venueOrderId } });
  }
  if (!order) return { status: "no_order" } as const;
  const fillId = await insertFill({
    tx,
    orderId: order.id,
    venue,
    trade,
    source: options.source ?? "venue_stream",
  });
  if (!fillId) return { status: "duplicate" } as const;
  const fills = await sumOrderFills({ tx, orderId: order.id });
  const state = computeFillState({
    current: {
      filledQuantity: formatDecimal(order.filledQuantity),
      averagePrice: order.averagePrice === null ? null : formatDecimal(order.averagePrice),
    },
    fills,
  });
  const filled = new Decimal(state.filledQuantity);
  const to = filled.gte(order.quantity.toString())
    ? "filled"
    : filled.gt(0) && ["pending_new", "unknown", "open"].includes(order.status)
      ? "partially_filled"
      : order.status;
  await transitionOrder({
    tx,
    order,
    to,
    eventType: "fill",
    data: { fillId, venueTradeId: trade.tradeId, price: trade.price, quantity: trade.quantity },
    patch: {
      filledQuantity: state.filledQuantity,
      ...(state.averagePrice !== null ? { averagePrice: state.averagePrice } : {}),
      ...(order.venueOrderId === null && trade.venueOrderId ? { venueOrderId: trade.venueOrderId } : {}),
    },
  });
  if (to === order.status) {
    await appendOrderEvent({
      tx,
      order,
      type: "fill",
      data: { fillId, venueTradeId: trade.tradeId, price: trade.price, quantity: trade.quantity },
    });
  }
  await publishEvent(
    {
      type: "fill.created",
      data: {
        orderId: order.id,
        fillId,
        price: formatDecimal(trade.price),
        quantity: formatDecimal(trade.quantity),
      },
    },
    tx,
  );
  return { status: "ingested", fillId } as const;
}
