import { createSseStream, type SseStream } from "../sse/create-sse-stream";
import type { BookHub } from "./book-hub";
import { ORDERBOOK_RETRY_MS, STREAM_HEARTBEAT_MS } from "./orderbook-stream-protocol";
import { OrderbookStreamSession } from "./orderbook-stream-session";

export interface OpenOrderbookStreamOptions {
  hub: BookHub;
  symbol: string;
  depth: number;
  /** Aborts when the client disconnects. */
  signal?: AbortSignal;
  heartbeatMs?: number;
}

/**
 * Subscribes to the symbol's shared feed (`unknown_symbol` before any byte is streamed) and
 * returns the client's event stream on the shared broadcast of that symbol and depth; the
 * subscription is released when the stream ends. Every connection, including a reconnect with
 * `Last-Event-ID`, starts with a fresh snapshot, so the header needs no handling.
 */
export async function openOrderbookStream(options: OpenOrderbookStreamOptions): Promise<SseStream> {
  const { hub, symbol, depth } = options;
  const subscription = await hub.subscribe(symbol);
  const session = new OrderbookStreamSession({ broadcast: hub.broadcast(symbol, depth) });
  return createSseStream({
    source: {
      start: (wake) => session.start(wake),
      nextChunk: () => session.nextChunk(),
      close: () => {
        session.close();
        subscription.release();
      },
    },
    heartbeatMs: options.heartbeatMs ?? STREAM_HEARTBEAT_MS,
    retryMs: ORDERBOOK_RETRY_MS,
    signal: options.signal,
  });
}
