import { formatDecimal } from "@/lib/instruments/format-decimal";
import type { OrderView } from "@/lib/orders/order-wire-schema";
import { type InstrumentFormat, PLAIN_FORMAT } from "./instrument-format";

/** A decimal string as lib/instruments/format-decimal.ts writes it; "—" when absent or not a decimal. */
export function formatOptionalDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  try {
    return formatDecimal(value);
  } catch {
    return value;
  }
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

/** Date and time in the browser's locale, for lists that span more than a day. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export const STATUS_LABELS: Record<OrderView["status"], string> = {
  pending_new: "pending",
  open: "open",
  partially_filled: "partially filled",
  filled: "filled",
  canceled: "canceled",
  rejected: "rejected",
  expired: "expired",
  unknown: "awaiting venue",
};

/** "buy 0.01500 BTC/USDT at 43250.50" or "sell 1.0000 ETH/USDT at market": names an order in sentences and buttons. */
export function describeOrder(
  order: Pick<OrderView, "side" | "quantity" | "symbol" | "type" | "price">,
  format: InstrumentFormat = PLAIN_FORMAT,
): string {
  const where =
    order.type === "limit" && order.price ? `at ${format.price(order.symbol, order.price)}` : "at market";
  return `${order.side} ${format.quantity(order.symbol, order.quantity)} ${order.symbol} ${where}`;
}
