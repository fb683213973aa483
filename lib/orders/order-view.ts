import type { Order } from "../db/generated/prisma/client";
import { formatDecimal } from "../instruments/format-decimal";
import type { OrderView } from "./order-wire-schema";

export type { OrderView };

/** The API shape of an order: decimals as trimmed strings, ISO times. */
export function toOrderView(order: Order): OrderView {
  return {
    id: order.id,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    quantity: formatDecimal(order.quantity),
    price: order.price === null ? null : formatDecimal(order.price),
    filledQuantity: formatDecimal(order.filledQuantity),
    averagePrice: order.averagePrice === null ? null : formatDecimal(order.averagePrice),
    status: order.status,
    rejectReason: order.rejectReason,
    origin: order.origin,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    createdByUserId: order.createdByUserId,
    createdByTokenId: order.createdByTokenId,
    createdByWebhookSourceId: order.createdByWebhookSourceId,
  };
}
