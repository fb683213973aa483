import { createSseStream } from "../sse/create-sse-stream";
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

export interface OrderbookStream {
  readable: ReadableStream<Uint8Array>;
  session: OrderbookStreamSession;
}

/**
 * Subscribes to the symbol's shared feed (`unknown_symbol` before any byte is streamed) and
 * returns the client's event stream on the shared broadcast of that symbol and depth; the
 * subscription is released when the stream ends. Every connection, including a reconnect with
 * `Last-Event-ID`, starts with a fresh snapshot, so the header needs no handling.
 */
export async function openOrderbookStream(options: OpenOrderbookStreamOptions): Promise<OrderbookStream> {
  const { hub, symbol, depth } = options;
  const subscription = await hub.subscribe(symbol);
  const session = new OrderbookStreamSession({ broadcast: hub.broadcast(symbol, depth) });
  let untrack = () => {};
  const stream = createSseStream({
    source: {
      start: (wake) => {
        untrack = hub.track(session);
        session.start(wake);
      },
      nextChunk: () => session.nextChunk(),
      close: () => {
        session.close();
        untrack();
        subscription.release();
      },
    },
    heartbeatMs: options.heartbeatMs ?? STREAM_HEARTBEAT_MS,
    retryMs: ORDERBOOK_RETRY_MS,
    signal: options.signal,
  });
  session.pendingChunks = stream.pendingChunks;
  return { readable: stream.readable, session };
}
