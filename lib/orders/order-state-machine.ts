import type { OrderStatus } from "../db/generated/prisma/enums";

/**
 * pending_new -> open -> partially_filled -> filled, with canceled / expired from any live state,
 * rejected only from pending_new or unknown (definitive venue evidence before the order lived),
 * and unknown (sent, no definitive answer) resolved by a lookup or reconciliation.
 */
const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_new: ["open", "partially_filled", "filled", "canceled", "rejected", "expired", "unknown"],
  unknown: ["open", "partially_filled", "filled", "canceled", "rejected", "expired"],
  open: ["partially_filled", "filled", "canceled", "expired"],
  partially_filled: ["filled", "canceled", "expired"],
  filled: [],
  canceled: [],
  rejected: [],
  expired: [],
};

export const TERMINAL_STATUSES: readonly OrderStatus[] = ["filled", "canceled", "rejected", "expired"];

/** Statuses that count as open for risk limits: the order may still trade. */
export const LIVE_STATUSES: readonly OrderStatus[] = ["pending_new", "unknown", "open", "partially_filled"];

/** Whether an order may move from one status to another. */
export function canTransition(options: { from: OrderStatus; to: OrderStatus }): boolean {
  return ALLOWED[options.from].includes(options.to);
}
