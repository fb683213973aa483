import { Decimal } from "decimal.js";
import type { Order } from "../db/generated/prisma/client";
import { transaction } from "../db/sql";
import { publishEvent } from "../events/publish-event";
import { formatDecimal } from "../instruments/format-decimal";
import type { VenueTrade } from "../venue/venue-types";
import { computeFillState } from "./compute-fill-state";
import { lockOrder } from "./lock-order";
import { sumOrderFills } from "./sum-order-fills";
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
export async function ingestFill(options: { venue: string; trade: VenueTrade }): Promise<IngestFillResult> {
  const { venue, trade } = options;
  return transaction(async (tx) => {
    let order: Order | null = null;
    if (trade.clientOrderId) order = await lockOrder({ tx, by: { clientOrderId: trade.clientOrderId } });
    if (!order && trade.venueOrderId) {
      order = await lockOrder({ tx, by: { venue, venueOrderId: trade.venueOrderId } });
    }
    if (!order) return { status: "no_order" } as const;
    const fee = trade.fee?.amount ?? "0";
    const feeAsset = trade.fee?.currency ?? "";
    const executedAt = new Date(trade.timestamp ?? Date.now());
    const inserted = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "Fill" (id, "orderId", venue, "venueTradeId", price, quantity, fee, "feeAsset", liquidity,
                            "executedAt", "createdAt")
        VALUES (gen_random_uuid(), ${order.id}::uuid, ${venue}, ${trade.tradeId}, ${trade.price}::numeric,
                ${trade.quantity}::numeric, ${fee}::numeric, ${feeAsset}, ${trade.liquidity}, ${executedAt}, now())
        ON CONFLICT (venue, "venueTradeId") DO NOTHING
        RETURNING id`;
    const fillId = inserted[0]?.id;
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
      const data = JSON.stringify({
        fillId,
        venueTradeId: trade.tradeId,
        price: trade.price,
        quantity: trade.quantity,
      });
      await tx.$executeRaw`
        INSERT INTO "OrderEvent" ("orderId", type, "fromStatus", "toStatus", data, "createdAt")
        VALUES (${order.id}::uuid, 'fill', ${order.status}::"OrderStatus", ${order.status}::"OrderStatus",
                ${data}::jsonb, now())`;
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
  });
}
