import type { Exchange } from "ccxt";
import type { Logger } from "../../observability/logger";
import type { OwnOrderEvent } from "../port/venue-types";
import type { ReconnectGate } from "../resilience/reconnect-gate";
import { waitOrAbort } from "../resilience/wait-or-abort";
import { AsyncEventQueue } from "./async-event-queue";
import { classifyVenueError } from "./classify-venue-error";
import { mapCcxtOrder } from "./map-ccxt-order";
import { mapCcxtTrade } from "./map-ccxt-trade";

export interface StreamOwnOrdersOptions {
  exchange: Exchange;
  symbol?: string;
  signal: AbortSignal;
  gate: ReconnectGate;
  logger: Logger;
  onResync: () => void;
}

/** Errors a reconnect cannot fix: the stream ends with them. */
const PERMANENT = new Set(["auth", "validation", "config"]);

/** Merges ccxt watchOrders and watchMyTrades (both fed by Binance's executionReport) into one stream. */
export function streamOwnOrders(options: StreamOwnOrdersOptions): AsyncIterable<OwnOrderEvent> {
  const { exchange, symbol, gate, logger } = options;
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const queue = new AsyncEventQueue<OwnOrderEvent>({ onReturn: () => stop.abort() });

  // The venue does not replay what was missed while disconnected: the consumer gap-fills it (a
  // reconciliation run reads everything since its cursors), durably and on every instance.
  const resync = async () => {
    options.onResync();
    logger.info("own-order stream reconnected: gap to be filled by reconciliation");
    queue.push({ type: "resync", reason: "reconnect" });
  };

  const loop = async (read: () => Promise<OwnOrderEvent[]>) => {
    while (!signal.aborted && !queue.isEnded) {
      try {
        const events = await waitOrAbort({ promise: read(), signal });
        gate.markHealthy();
        for (const event of events) queue.push(event);
      } catch (error) {
        if (signal.aborted || queue.isEnded) return;
        const classified = classifyVenueError({ error, endpoint: "watchOwnOrders" });
        if (PERMANENT.has(classified.kind)) {
          queue.fail(classified);
          return;
        }
        logger.warn({ error_name: (error as Error)?.name }, "own-order stream dropped: reconnecting");
        await gate.reconnect(resync);
      }
    }
  };

  const orders = loop(async () =>
    (await exchange.watchOrders(symbol)).map((raw) => {
      const order = mapCcxtOrder(raw);
      return { type: "order" as const, order };
    }),
  );
  const fills = loop(async () =>
    (await exchange.watchMyTrades(symbol)).map((raw) => ({
      type: "fill" as const,
      trade: mapCcxtTrade(raw),
    })),
  );
  const onAbort = () => queue.end();
  signal.addEventListener("abort", onAbort, { once: true });
  void Promise.all([orders, fills]).finally(() => {
    signal.removeEventListener("abort", onAbort);
    queue.end();
  });
  return queue;
}
