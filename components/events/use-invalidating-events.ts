"use client";

import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { createInvalidationThrottle } from "../orders/shared/invalidation-throttle";

export type EventStreamState = "connecting" | "live" | "reconnecting";

const EVENTS_URL = "/api/stream/events";
/** Events arrive in bursts (a fill updates its order too): one refetch per burst is enough. */
const COALESCE_MS = 150;
const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * Keeps queries fresh from the server's event stream. Events only say that something changed, so
 * each of `events` invalidates `queryKey`; every (re)connect does too, because events sent while
 * disconnected are lost, and so does `events.resync` (the server dropped events for this client).
 * EventSource retries dropped connections itself but gives up on an error status, so a closed stream
 * is reopened here with backoff. `minRefreshIntervalMs` bounds how often a busy stream refetches.
 * `also` lists rarer events that invalidate other queries over the same connection.
 */
export function useInvalidatingEvents({
  events,
  queryKey,
  also = [],
  minRefreshIntervalMs = 0,
}: {
  events: readonly string[];
  queryKey: QueryKey;
  also?: readonly { events: readonly string[]; queryKey: QueryKey }[];
  minRefreshIntervalMs?: number;
}): EventStreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<EventStreamState>("connecting");
  const eventList = [...events, "events.resync"].join(" ");
  const keyText = JSON.stringify(queryKey);
  const alsoText = JSON.stringify(also);

  useEffect(() => {
    let source: EventSource | null = null;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const throttle = createInvalidationThrottle(
      () => void queryClient.invalidateQueries({ queryKey: JSON.parse(keyText) as QueryKey }),
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
      for (const type of eventList.split(" ")) current.addEventListener(type, invalidate);
      for (const extra of JSON.parse(alsoText) as { events: string[]; queryKey: QueryKey }[]) {
        for (const type of [...extra.events, "events.resync"])
          current.addEventListener(
            type,
            () => void queryClient.invalidateQueries({ queryKey: extra.queryKey }),
          );
      }
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
  }, [queryClient, minRefreshIntervalMs, eventList, keyText, alsoText]);

  return state;
}
