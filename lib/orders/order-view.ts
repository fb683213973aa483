import type { Order } from "../db/generated/prisma/client";
import { formatDecimal } from "../instruments/format-decimal";

export interface OrderView {
  id: string;
  clientOrderId: string;
  symbol: string;
  side: "buy" | "sell";
  type: "limit" | "market";
  timeInForce: "GTC" | "IOC" | "FOK" | null;
  quantity: string;
  price: string | null;
  filledQuantity: string;
  averagePrice: string | null;
  status: Order["status"];
  rejectReason: string | null;
  createdAt: string;
  updatedAt: string;
  /** Who placed it: a signed-in user, or an API token (scripts, webhooks); null for orders found at the venue. */
  createdByUserId: string | null;
  createdByTokenId: string | null;
}

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
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    createdByUserId: order.createdByUserId,
    createdByTokenId: order.createdByTokenId,
  };
}
