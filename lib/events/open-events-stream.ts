import { ORDERBOOK_RETRY_MS, STREAM_HEARTBEAT_MS } from "../marketdata/orderbook-stream-protocol";
import { createSseStream } from "../sse/create-sse-stream";
import { encodeSseEvent } from "../sse/encode-sse-event";
import { subscribeEvents } from "./subscribe-events";
import type { TallyEvent } from "./tally-event";

/** Events kept for a client that is not reading; past this it is told to refetch instead. */
const MAX_PENDING_EVENTS = 256;

export interface OpenEventsStreamOptions {
  signal?: AbortSignal;
  heartbeatMs?: number;
  /** Defaults to the PostgreSQL LISTEN/NOTIFY bus. */
  subscribe?: (listener: (event: TallyEvent) => void) => () => void;
}

/**
 * Every TallyEvent from any app instance as `event: <type>` / `data: <event JSON>`. A client too
 * slow to keep `MAX_PENDING_EVENTS` in hand loses them and gets one `events.resync` instead.
 */
export function openEventsStream(options: OpenEventsStreamOptions = {}) {
  const subscribe = options.subscribe ?? subscribeEvents;
  let pending: TallyEvent[] = [];
  let unsubscribe = () => {};
  const stream = createSseStream({
    source: {
      start: (wake) => {
        unsubscribe = subscribe((event) => {
          if (pending.length >= MAX_PENDING_EVENTS) {
            pending = [
              { type: "events.resync", at: new Date().toISOString(), data: { reason: "slow_client" } },
            ];
          } else {
            pending.push(event);
          }
          wake();
        });
      },
      nextChunk: () => {
        if (pending.length === 0) return undefined;
        let text = "";
        for (const event of pending)
          text += encodeSseEvent({ event: event.type, data: JSON.stringify(event) });
        pending = [];
        return text;
      },
      close: () => unsubscribe(),
    },
    heartbeatMs: options.heartbeatMs ?? STREAM_HEARTBEAT_MS,
    retryMs: ORDERBOOK_RETRY_MS,
    signal: options.signal,
  });
  return stream;
}
