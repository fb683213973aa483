"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { TRADING_STATE_KEY } from "./trading-state-query";

/** The venue check after a cancel-all: how many orders were still open (null: the check failed). */
export type OpenOrdersCheck = { scope: string; open: number | null; at: string };

const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * Keeps the trading state fresh on every page from the events stream: a kill-switch change (from
 * any operator, any instance) refetches it at once, as does every (re)connect. Returns the latest
 * open-orders check published after a cancel-all.
 */
export function useKillSwitchEvents(): OpenOrdersCheck | null {
  const queryClient = useQueryClient();
  const [check, setCheck] = useState<OpenOrdersCheck | null>(null);
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: TRADING_STATE_KEY });
    const connect = () => {
      const current = new EventSource("/api/stream/events");
      source = current;
      current.addEventListener("open", () => {
        failures = 0;
        refresh();
      });
      current.addEventListener("kill_switch.changed", refresh);
      current.addEventListener("events.resync", refresh);
      current.addEventListener("kill_switch.open_orders_checked", (message) => {
        const event = JSON.parse((message as MessageEvent<string>).data) as {
          at: string;
          data: { scope: string; open: number | null };
        };
        setCheck({ scope: event.data.scope, open: event.data.open, at: event.at });
      });
      current.addEventListener("error", () => {
        if (current.readyState !== EventSource.CLOSED || stopped) return;
        failures += 1;
        timer = setTimeout(connect, Math.min(1_000 * 2 ** Math.min(failures - 1, 5), MAX_RECONNECT_DELAY_MS));
      });
    };
    connect();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
    };
  }, [queryClient]);
  return check;
}
