"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { RISK_LIMITS_KEY } from "../../risk/risk-limits-query";
import { createInvalidationThrottle } from "./invalidation-throttle";
import { ORDERS_KEY } from "./order-queries";

export type EventStreamState = "connecting" | "live" | "reconnecting";

const EVENTS_URL = "/api/stream/events";
/** `events.resync`: the server dropped events for this client, so everything may be stale. */
const ORDER_EVENTS = ["order.updated", "fill.created", "events.resync"] as const;
/** Events arrive in bursts (a fill updates its order too): one refetch per burst is enough. */
const COALESCE_MS = 150;
const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * Keeps the blotter's queries fresh from the server's event stream. Events only say that something
 * changed, so each one invalidates the orders queries; every (re)connect does too, because events
 * sent while disconnected are lost. EventSource retries dropped connections itself but gives up on
 * an error status, so a closed stream is reopened here with backoff. `minRefreshIntervalMs` bounds
 * how often a busy stream refetches: a list of many pages refetches every page each time.
 */
export function useOrderEvents({
  minRefreshIntervalMs = 0,
}: {
  minRefreshIntervalMs?: number;
} = {}): EventStreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<EventStreamState>("connecting");

  useEffect(() => {
    let source: EventSource | null = null;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const throttle = createInvalidationThrottle(
      () => void queryClient.invalidateQueries({ queryKey: ORDERS_KEY }),
      { settleMs: COALESCE_MS, minIntervalMs: minRefreshIntervalMs },
    );
    const invalidate = () => throttle.request();

    const connect = () => {
      const current = new EventSource(EVENTS_URL);
      source = current;
      current.addEventListener("open", () => {
        failures = 0;
        setState("live");
        invalidate();
      });
      for (const type of ORDER_EVENTS) current.addEventListener(type, invalidate);
      // the ticket shows the limits it checks against: a change on the Admin page refreshes them
      for (const type of ["risk_limits.changed", "events.resync"])
        current.addEventListener(
          type,
          () => void queryClient.invalidateQueries({ queryKey: RISK_LIMITS_KEY }),
        );
      current.addEventListener("error", () => {
        setState("reconnecting");
        if (current.readyState !== EventSource.CLOSED || stopped) return;
        failures += 1;
        const delay = Math.min(1_000 * 2 ** Math.min(failures - 1, 5), MAX_RECONNECT_DELAY_MS);
        reconnectTimer = setTimeout(connect, delay);
      });
    };

    connect();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(reconnectTimer);
      throttle.cancel();
    };
  }, [queryClient, minRefreshIntervalMs]);

  return state;
}
