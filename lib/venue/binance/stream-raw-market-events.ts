import WebSocket from "ws";
import type { Logger } from "../../observability/logger";
import type { ReconnectGate } from "../resilience/reconnect-gate";

/** A consumer this far behind is treated like a dropped connection (Binance does the same to us). */
const MAX_QUEUED_MESSAGES = 10_000;

export interface StreamRawMarketEventsOptions<T> {
  /** Full WebSocket URL of one raw stream, e.g. `wss://…/ws/btcusdt@depth@100ms`. */
  url: string;
  signal: AbortSignal;
  gate: ReconnectGate;
  logger: Logger;
  /** Turns one message into an item; undefined skips it (replies, other event types). */
  parse: (message: unknown) => T | undefined;
  onConnectionChange?: (connected: boolean) => void;
}

/**
 * Reads a venue market stream over a plain WebSocket, reconnecting through the shared
 * single-flight gate (jittered backoff, counted by the gate's owner) until the signal aborts.
 * Items are buffered between the socket and the consumer up to a fixed bound; past it the
 * connection is dropped and reopened, which the consumer sees as a sequence gap.
 */
export async function* streamRawMarketEvents<T>(options: StreamRawMarketEventsOptions<T>): AsyncGenerator<T> {
  const { url, signal, gate, logger, parse, onConnectionChange } = options;
  while (!signal.aborted) {
    const queue: T[] = [];
    let wake: (() => void) | null = null;
    let closed = false;
    let opened = false;
    const notify = () => {
      const resolve = wake;
      wake = null;
      resolve?.();
    };
    const socket = new WebSocket(url, { handshakeTimeout: 10_000 });
    const close = () => {
      if (closed) return;
      closed = true;
      socket.terminate();
      notify();
    };
    const onAbort = () => close();
    signal.addEventListener("abort", onAbort, { once: true });
    socket.on("open", () => {
      opened = true;
      gate.markHealthy();
      onConnectionChange?.(true);
    });
    socket.on("message", (data) => {
      let item: T | undefined;
      try {
        item = parse(JSON.parse(data.toString()));
      } catch (error) {
        logger.warn({ error_message: (error as Error).message }, "unreadable market stream message");
        return;
      }
      if (item === undefined) return;
      if (queue.length >= MAX_QUEUED_MESSAGES) {
        logger.warn({ url }, "market stream consumer too slow: reconnecting");
        close();
        return;
      }
      queue.push(item);
      notify();
    });
    socket.on("error", (error) => {
      logger.warn({ error_message: error.message }, "market stream error");
      close();
    });
    socket.on("close", () => close());
    try {
      while (true) {
        const item = queue.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (closed) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      signal.removeEventListener("abort", onAbort);
      close();
      if (opened) onConnectionChange?.(false);
    }
    if (signal.aborted) return;
    logger.warn({ url }, "market stream dropped: reconnecting");
    await gate.reconnect();
  }
}
