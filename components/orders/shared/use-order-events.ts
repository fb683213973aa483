"use client";

import { type EventStreamState, useInvalidatingEvents } from "../../events/use-invalidating-events";
import { RISK_LIMITS_KEY } from "../../risk/risk-limits-query";
import { ORDERS_KEY } from "./order-queries";

export type { EventStreamState };

const ORDER_EVENTS = ["order.updated", "fill.created"] as const;

/**
 * Keeps the blotter's queries fresh from the server's event stream: each order or fill event
 * invalidates the orders queries. `minRefreshIntervalMs` bounds how often a busy stream refetches:
 * a list of many pages refetches every page each time.
 */
export function useOrderEvents({
  minRefreshIntervalMs = 0,
}: {
  minRefreshIntervalMs?: number;
} = {}): EventStreamState {
  return useInvalidatingEvents({
    events: ORDER_EVENTS,
    queryKey: ORDERS_KEY,
    // the ticket shows the limits it checks against: a change on the Admin page refreshes them
    also: [{ events: ["risk_limits.changed"], queryKey: RISK_LIMITS_KEY }],
    minRefreshIntervalMs,
  });
}
