import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PriceLevel, PublicTrade } from "../venue/port/market-data-types";
import type { BookView } from "./book-view";
import { type BroadcastFeed, MAX_KEPT_TRADES, OrderbookBroadcast } from "./orderbook-broadcast";
import type { BookStreamStatus } from "./orderbook-stream-protocol";
import { OrderbookStreamSession } from "./orderbook-stream-session";

/** A feed whose book the test sets; every change notifies synchronously, like SymbolBookFeed. */
class FakeFeed implements BroadcastFeed {
  readonly symbol = "BTC/USDT";
  private current: BookView | null = null;
  private state: BookStreamStatus = "connecting";
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly tradeListeners = new Set<(trade: PublicTrade) => void>();
  viewCalls = 0;

  status(): BookStreamStatus {
    return this.state;
  }
  view(depth: number): BookView | null {
    this.viewCalls += 1;
    if (!this.current) return null;
    return {
      ...this.current,
      depth,
      bids: this.current.bids.slice(0, depth),
      asks: this.current.asks.slice(0, depth),
    };
  }
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onTrade(listener: (trade: PublicTrade) => void) {
    this.tradeListeners.add(listener);
    return () => this.tradeListeners.delete(listener);
  }
  get listenerCount() {
    return this.listeners.size + this.tradeListeners.size;
  }
  setBook(bids: PriceLevel[], asks: PriceLevel[], status: BookStreamStatus = "live") {
    this.version += 1;
    this.state = status;
    this.current = {
      version: this.version,
      depth: 0,
      bids,
      asks,
      bidMap: new Map(bids),
      askMap: new Map(asks),
      lastUpdateId: this.version,
      venueTime: 1_000 + this.version,
      serverTime: 2_000 + this.version,
    };
    for (const listener of this.listeners) listener();
  }
  setStatus(status: BookStreamStatus) {
    this.state = status;
    if (status === "resyncing" || status === "connecting") this.current = null;
    for (const listener of this.listeners) listener();
  }
  trade(id: string) {
    const trade: PublicTrade = { symbol: this.symbol, id, price: "100", quantity: "1", side: "buy", time: 1 };
    for (const listener of this.tradeListeners) listener(trade);
  }
}

interface Frame {
  event: string;
  id?: string;
  data: Record<string, unknown>;
}

const decoder = new TextDecoder();
function frames(chunk: Uint8Array | undefined): Frame[] {
  if (chunk === undefined) return [];
  return decoder
    .decode(chunk)
    .split("\n\n")
    .filter((text) => text.length > 0)
    .map((text) => {
      const lines = Object.fromEntries(
        text
          .split("\n")
          .map((line) => [line.slice(0, line.indexOf(": ")), line.slice(line.indexOf(": ") + 2)]),
      );
      return { event: lines.event!, id: lines.id, data: JSON.parse(lines.data!) };
    });
}

/** A client that takes every chunk it is woken for, unless paused (a full socket). */
function client(broadcast: OrderbookBroadcast) {
  const session = new OrderbookStreamSession({ broadcast });
  const chunks: Uint8Array[] = [];
  let paused = false;
  const take = () => {
    const chunk = session.nextChunk();
    if (chunk !== undefined) chunks.push(chunk);
  };
  session.start(() => {
    if (!paused) take();
  });
  take();
  return {
    session,
    chunks,
    frames: () => chunks.flatMap((chunk) => frames(chunk)),
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      take();
    },
  };
}

const RATE = 20;
const GAP_MS = 1000 / RATE;
let feed: FakeFeed;
let broadcast: OrderbookBroadcast;

beforeEach(() => {
  vi.useFakeTimers();
  feed = new FakeFeed();
  broadcast = new OrderbookBroadcast({ feed, depth: 2, maxUpdatesPerSecond: RATE });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("order book broadcast", () => {
  it("gives each client a snapshot first, then the same update bytes to every client in step", () => {
    feed.setBook([["100", "1"]], [["101", "2"]]);
    const first = client(broadcast);
    expect(first.frames()).toMatchObject([
      { event: "snapshot", id: "1", data: { seq: 1, status: "live", bids: [["100", "1"]] } },
    ]);
    vi.advanceTimersByTime(GAP_MS);
    feed.setBook([["100", "3"]], [["101", "2"]]);
    const second = client(broadcast);
    expect(second.frames()).toMatchObject([
      { event: "snapshot", id: "2", data: { seq: 2, bids: [["100", "3"]], asks: [["101", "2"]] } },
    ]);
    vi.advanceTimersByTime(GAP_MS);
    feed.setBook([["100", "3"]], [["101", "5"]]);
    expect(first.chunks.at(-1)).toBe(second.chunks.at(-1));
    expect(frames(second.chunks.at(-1))).toEqual([
      {
        event: "update",
        id: "3",
        data: {
          seq: 3,
          status: "live",
          bids: [],
          asks: [["101", "5"]],
          lastUpdateId: 3,
          venueTime: 1003,
          serverTime: 2003,
        },
      },
    ]);
    expect(first.frames().map((frame) => frame.data.seq)).toEqual([1, 2, 3]);
  });

  it("sends a change after a quiet period at once and folds changes within the window into one frame", () => {
    feed.setBook([["100", "1"]], [["101", "1"]]);
    const one = client(broadcast);
    vi.advanceTimersByTime(GAP_MS);
    // leading edge: no timer needs to run for this one
    feed.setBook([["100", "2"]], [["101", "1"]]);
    expect(one.frames()).toHaveLength(2);
    feed.setBook([["100", "3"]], [["101", "1"]]);
    feed.setBook([["100", "4"]], [["101", "1"]]);
    expect(one.frames()).toHaveLength(2);
    vi.advanceTimersByTime(GAP_MS - 1);
    expect(one.frames()).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(one.frames().at(-1)).toMatchObject({ event: "update", data: { seq: 3, bids: [["100", "4"]] } });
    // the change to 3 never went out on its own
    expect(one.frames().map((frame) => frame.data.bids)).toEqual([
      [["100", "1"]],
      [["100", "2"]],
      [["100", "4"]],
    ]);
    // one view per frame, not per change or per client
    expect(feed.viewCalls).toBe(3);
  });

  it("gives a client that could not keep up the newest state as a snapshot, then continues in step", () => {
    feed.setBook([["100", "1"]], [["101", "1"]]);
    const fast = client(broadcast);
    const slow = client(broadcast);
    slow.pause();
    for (let quantity = 2; quantity <= 5; quantity++) {
      vi.advanceTimersByTime(GAP_MS);
      feed.setBook([["100", String(quantity)]], [["101", "1"]]);
    }
    slow.resume();
    expect(slow.frames().map((frame) => [frame.event, frame.data.seq])).toEqual([
      ["snapshot", 1],
      ["snapshot", 5],
    ]);
    expect(slow.frames().at(-1)?.data.bids).toEqual([["100", "5"]]);
    vi.advanceTimersByTime(GAP_MS);
    feed.setBook([["100", "6"]], [["101", "1"]]);
    expect(slow.chunks.at(-1)).toBe(fast.chunks.at(-1));
    expect(fast.frames().map((frame) => frame.data.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(slow.frames().map((frame) => [frame.event, frame.data.seq])).toEqual([
      ["snapshot", 1],
      ["snapshot", 5],
      ["update", 6],
    ]);
  });

  it("numbers status frames in the same sequence and re-sends the book as a snapshot after a resync", () => {
    const one = client(broadcast);
    feed.setBook([["100", "1"]], [["101", "1"]]);
    vi.advanceTimersByTime(GAP_MS);
    feed.setStatus("resyncing");
    vi.advanceTimersByTime(GAP_MS);
    feed.setBook([["99", "1"]], [["102", "1"]]);
    vi.advanceTimersByTime(GAP_MS);
    feed.setStatus("stale");
    vi.advanceTimersByTime(GAP_MS);
    expect(one.frames().map((frame) => [frame.event, frame.data.seq, frame.data.status])).toEqual([
      ["snapshot", 1, "connecting"],
      ["snapshot", 2, "live"],
      ["status", 3, "resyncing"],
      ["snapshot", 4, "live"],
      ["status", 5, "stale"],
    ]);
    expect(one.frames()[0]?.data).toMatchObject({ bids: [], asks: [], lastUpdateId: null });
  });

  it("sends trades together, at most at the frame rate, and with a book frame when there is one", () => {
    feed.setBook([["100", "1"]], [["101", "1"]]);
    const fast = client(broadcast);
    const slow = client(broadcast);
    slow.pause();
    const tape = (chunk: Uint8Array | undefined) =>
      frames(chunk).map((frame) => [frame.event, frame.data.id ?? frame.data.seq]);
    vi.advanceTimersByTime(GAP_MS);
    // a burst after a quiet period: one chunk, shared
    feed.trade("t1");
    feed.trade("t2");
    vi.advanceTimersByTime(0);
    expect(fast.chunks).toHaveLength(2);
    expect(tape(fast.chunks[1])).toEqual([
      ["trade", "t1"],
      ["trade", "t2"],
    ]);
    // within the window: held until its end
    feed.trade("t3");
    vi.advanceTimersByTime(GAP_MS - 1);
    expect(fast.chunks).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(tape(fast.chunks[2])).toEqual([["trade", "t3"]]);
    // a pending trade goes out with a book change, which it does not hold back
    vi.advanceTimersByTime(GAP_MS);
    feed.trade("t4");
    feed.setBook([["100", "2"]], [["101", "1"]]);
    expect(tape(fast.chunks[3])).toEqual([
      ["trade", "t4"],
      ["update", 2],
    ]);
    for (let i = 0; i < MAX_KEPT_TRADES; i++) {
      vi.advanceTimersByTime(GAP_MS);
      feed.trade(`u${i}`);
      vi.advanceTimersByTime(0);
    }
    slow.resume();
    const caughtUp = frames(slow.chunks.at(-1));
    expect(caughtUp.filter((frame) => frame.event === "trade")).toHaveLength(MAX_KEPT_TRADES);
    expect(caughtUp.at(-2)).toMatchObject({ event: "trade", data: { id: `u${MAX_KEPT_TRADES - 1}` } });
    // one book frame behind: that frame is still the right next one
    expect(caughtUp.at(-1)).toMatchObject({ event: "update", data: { seq: 2, bids: [["100", "2"]] } });
    // the slow client lost the four oldest trades, which were no longer kept; the fast one got every trade
    const tradeIds = (one: ReturnType<typeof client>) =>
      one
        .frames()
        .filter((frame) => frame.event === "trade")
        .map((frame) => frame.data.id);
    const kept = Array.from({ length: MAX_KEPT_TRADES }, (_, i) => `u${i}`);
    expect(tradeIds(slow)).toEqual(kept);
    expect(tradeIds(fast)).toEqual(["t1", "t2", "t3", "t4", ...kept]);
  });

  it("stops listening to the feed when the last client leaves", () => {
    const onIdle = vi.fn();
    broadcast = new OrderbookBroadcast({ feed, depth: 2, maxUpdatesPerSecond: RATE, onIdle });
    const a = client(broadcast);
    const b = client(broadcast);
    expect(feed.listenerCount).toBe(2);
    a.session.close();
    expect(onIdle).not.toHaveBeenCalled();
    b.session.close();
    expect(onIdle).toHaveBeenCalledOnce();
    expect(feed.listenerCount).toBe(0);
    expect(broadcast.isFinished).toBe(true);
  });
});
