import type { Exchange } from "ccxt";
import * as ccxt from "ccxt";
import type { Logger } from "../observability/logger";
import { classifyVenueError } from "./classify-venue-error";
import { diffOrderBooks, mapCcxtOrderBook } from "./map-ccxt-order-book";
import type { ReconnectGate } from "./reconnect-gate";
import type { VenueCounters } from "./venue-counters";
import type { OrderBookEvent, OrderBookSnapshot } from "./venue-types";
import { waitOrAbort } from "./wait-or-abort";

/** Errors a reconnect cannot fix: the stream ends with them. */
const PERMANENT = new Set(["auth", "validation", "config"]);

export interface StreamOrderBookOptions {
  exchange: Exchange;
  symbol: string;
  depth: number;
  signal: AbortSignal;
  gate: ReconnectGate;
  counters: VenueCounters;
  logger: Logger;
}

/**
 * ccxt keeps the local book (snapshot + diffs). On a sequence gap it throws ChecksumError and drops
 * the book; on a dropped connection every pending watch rejects. Either way the next watch call
 * resubscribes and ccxt loads a fresh snapshot, which we emit as a "snapshot" event.
 */
export async function* streamOrderBook(options: StreamOrderBookOptions): AsyncGenerator<OrderBookEvent> {
  const { exchange, symbol, depth, signal, gate, counters, logger } = options;
  let reason: "initial" | "gap" | "reconnect" = "initial";
  let previous: OrderBookSnapshot | null = null;
  while (!signal.aborted) {
    let book: OrderBookSnapshot;
    try {
      const raw = await waitOrAbort({ promise: exchange.watchOrderBook(symbol), signal });
      book = mapCcxtOrderBook({ book: raw, symbol, depth });
    } catch (error) {
      if (signal.aborted) return;
      previous = null;
      if (error instanceof ccxt.ChecksumError) {
        counters.orderBookResyncs += 1;
        reason = "gap";
        logger.warn({ symbol }, "order book sequence gap: resubscribing for a fresh snapshot");
        continue;
      }
      const classified = classifyVenueError({ error, endpoint: "watchOrderBook" });
      if (PERMANENT.has(classified.kind)) throw classified;
      reason = "reconnect";
      logger.warn({ symbol, error_name: (error as Error)?.name }, "order book stream dropped: reconnecting");
      await gate.reconnect();
      continue;
    }
    gate.markHealthy();
    if (previous === null) {
      if (reason !== "initial") logger.info({ symbol, reason, nonce: book.nonce }, "order book resynced");
      yield { type: "snapshot", reason, book };
    } else {
      yield { type: "update", book, changes: diffOrderBooks({ before: previous, after: book }) };
    }
    previous = book;
  }
}
