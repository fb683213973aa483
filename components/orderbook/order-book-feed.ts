import type { z } from "zod";
import {
  type SnapshotFrame,
  type StatusFrame,
  snapshotFrameSchema,
  statusFrameSchema,
  type TradeFrame,
  tradeFrameSchema,
  type UpdateFrame,
  updateFrameSchema,
} from "@/lib/marketdata/orderbook-stream-protocol";
import { type ApplyFrameResult, applyStatus, applyUpdate, bookFromSnapshot } from "./client-book";
import { type ConnectionEvent, indicatorAt, reduceConnection, sameIndicator } from "./connection-state";
import { createFrameScheduler } from "./frame-scheduler";
import { type OrderBookState, type OrderBookStore, TRADES_KEPT } from "./order-book-store";
import { reconnectDelayMs } from "./reconnect-backoff";

const TICK_MS = 500;

type Queued =
  | { readonly kind: "snapshot"; readonly frame: SnapshotFrame; readonly at: number }
  | { readonly kind: "update"; readonly frame: UpdateFrame; readonly at: number }
  | { readonly kind: "status"; readonly frame: StatusFrame; readonly at: number }
  | { readonly kind: "trade"; readonly frame: TradeFrame };

export interface OrderBookFeedOptions {
  readonly store: OrderBookStore;
  readonly symbol: string;
  readonly depth: number;
  readonly openEventSource?: (url: string) => EventSource;
  readonly now?: () => number;
}

function readFrame<T>(schema: z.ZodType<T>, text: string): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export function orderBookStreamUrl(symbol: string, depth: number): string {
  return `/api/stream/orderbook?${new URLSearchParams({ symbol, depth: String(depth) })}`;
}

/**
 * Subscribes the store to the order book stream of one symbol until the returned function is
 * called. Frames are queued as they arrive and applied together once per animation frame, so the
 * store (and every subscribed component) changes at most once per frame whatever the stream rate.
 */
export function startOrderBookFeed(options: OrderBookFeedOptions): () => void {
  const { store, symbol, depth } = options;
  const openEventSource = options.openEventSource ?? ((url: string) => new EventSource(url));
  const now = options.now ?? Date.now;
  const url = orderBookStreamUrl(symbol, depth);
  let queue: Queued[] = [];
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const commit = (changes: Partial<OrderBookState>) => {
    const state = store.getState();
    const connection = changes.connection ?? state.connection;
    const indicator = indicatorAt(connection, now());
    if (!sameIndicator(indicator, state.indicator)) store.setState({ ...changes, indicator });
    else if (Object.keys(changes).length > 0) store.setState(changes);
  };
  const dispatch = (event: ConnectionEvent) =>
    commit({ connection: reduceConnection(store.getState().connection, event) });

  const scheduler = createFrameScheduler(flush);

  function connect() {
    retryTimer = null;
    if (stopped) return;
    dispatch({ type: "connecting" });
    const opened = openEventSource(url);
    source = opened;
    const listen = <T>(name: string, schema: z.ZodType<T>, toQueued: (frame: T, at: number) => Queued) =>
      opened.addEventListener(name, (event) => {
        if (source !== opened) return;
        const frame = readFrame(schema, (event as MessageEvent<string>).data);
        // A frame we cannot read may have changed the book: start over from a fresh snapshot.
        if (frame === undefined) return reconnect();
        queue.push(toQueued(frame, now()));
        scheduler.request();
      });
    opened.addEventListener("open", () => source === opened && dispatch({ type: "open" }));
    listen("snapshot", snapshotFrameSchema, (frame, at) => ({ kind: "snapshot", frame, at }));
    listen("update", updateFrameSchema, (frame, at) => ({ kind: "update", frame, at }));
    listen("status", statusFrameSchema, (frame, at) => ({ kind: "status", frame, at }));
    listen("trade", tradeFrameSchema, (frame) => ({ kind: "trade", frame }));
    opened.addEventListener("error", () => source === opened && reconnect());
  }

  /**
   * Drops the connection and opens a new one after a backoff. EventSource's own retry is not used:
   * it has no backoff and gives up for good on an HTTP error status.
   */
  function reconnect() {
    source?.close();
    source = null;
    queue = [];
    scheduler.cancel();
    if (stopped || retryTimer !== null) return;
    const delay = reconnectDelayMs(store.getState().connection.failures + 1);
    dispatch({ type: "lost", retryAt: now() + delay });
    retryTimer = setTimeout(connect, delay);
  }

  function flush() {
    const frames = queue;
    queue = [];
    const state = store.getState();
    let { book, connection } = state;
    const trades: TradeFrame[] = [];
    const changes = (): Partial<OrderBookState> =>
      trades.length === 0
        ? { book, connection }
        : { book, connection, trades: [...trades.reverse(), ...state.trades].slice(0, TRADES_KEPT) };
    for (const item of frames) {
      if (item.kind === "trade") {
        trades.push(item.frame);
        continue;
      }
      if (item.kind === "snapshot") {
        book = bookFromSnapshot(item.frame, depth);
      } else {
        let result: ApplyFrameResult | null = null;
        if (book !== null) {
          result =
            item.kind === "update" ? applyUpdate(book, item.frame, depth) : applyStatus(book, item.frame);
        }
        if (result === null || result.kind === "gap") {
          commit(changes());
          return reconnect();
        }
        book = result.book;
      }
      connection = reduceConnection(connection, { type: "frame", status: item.frame.status, at: item.at });
    }
    commit(changes());
  }

  const tick = setInterval(() => commit({}), TICK_MS);
  connect();

  return () => {
    stopped = true;
    clearInterval(tick);
    if (retryTimer !== null) clearTimeout(retryTimer);
    scheduler.cancel();
    source?.close();
    source = null;
  };
}
