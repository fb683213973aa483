import type { Order } from "ccxt";
import type { OrderSide, VenueOrder, VenueOrderStatus } from "../port/venue-types";
import { pickDecimal } from "./to-decimal-string";

const STATUSES: readonly VenueOrderStatus[] = ["open", "closed", "canceled", "rejected", "expired"];

/** Keys cover Binance REST (price/origQty/executedQty) and user-stream executionReport (p/q/z/Z). */
export function mapCcxtOrder(order: Order): VenueOrder {
  const info = (order.info ?? {}) as Record<string, unknown>;
  const status = STATUSES.find((candidate) => candidate === order.status) ?? "unknown";
  const venueStatus =
    typeof info.status === "string" ? info.status : typeof info.X === "string" ? info.X : null;
  const price = pickDecimal(info, ["price", "p"], order.price);
  return {
    venueOrderId: String(order.id),
    clientOrderId: order.clientOrderId ?? null,
    symbol: order.symbol ?? "",
    side: order.side as OrderSide,
    type: order.type ?? "unknown",
    timeInForce: order.timeInForce ?? null,
    status,
    venueStatus,
    // Binance reports "0.00000000" as the price of market orders.
    price: price === "0" && order.type === "market" ? null : price,
    quantity: pickDecimal(info, ["origQty", "q"], order.amount) ?? "0",
    filledQuantity: pickDecimal(info, ["executedQty", "z"], order.filled) ?? "0",
    filledQuote: pickDecimal(info, ["cummulativeQuoteQty", "Z"], order.cost),
    createdAt: order.timestamp ?? null,
    updatedAt: order.lastUpdateTimestamp ?? order.lastTradeTimestamp ?? order.timestamp ?? null,
  };
}
