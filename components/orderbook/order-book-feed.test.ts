import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startOrderBookFeed } from "./order-book-feed";
import { createOrderBookStore } from "./order-book-store";

/** Enough of EventSource for the feed: named listeners, and a way for the test to emit. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  closed = false;
  private listeners = new Map<string, ((event: Event) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(name: string, listener: (event: Event) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(name: string, data?: unknown) {
    const event =
      data === undefined ? new Event(name) : new MessageEvent(name, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(name) ?? []) listener(event);
  }
}

const snapshot = (seq: number) => ({
  symbol: "BTC/USDT",
  seq,
  status: "live",
  bids: [["100.00", "1"]],
  asks: [["101.00", "1"]],
  lastUpdateId: 1,
  venueTime: 1,
  serverTime: 1,
});
const update = (seq: number, bid: string) => ({
  seq,
  status: "live",
  bids: [["100.00", bid]],
  asks: [],
  lastUpdateId: seq,
  venueTime: seq,
  serverTime: seq,
});

let frames: (() => void)[] = [];
const runAnimationFrame = () => {
  const due = frames;
  frames = [];
  for (const callback of due) callback();
};

describe("order book feed", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.opened = [];
    frames = [];
    vi.stubGlobal("requestAnimationFrame", (callback: () => void) => frames.push(callback));
    vi.stubGlobal("cancelAnimationFrame", () => {});
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const start = () => {
    const store = createOrderBookStore("BTC/USDT", 20);
    const stop = startOrderBookFeed({
      store,
      symbol: "BTC/USDT",
      depth: 20,
      openEventSource: (url) => new FakeEventSource(url) as unknown as EventSource,
    });
    return { store, stop, source: () => FakeEventSource.opened.at(-1)! };
  };

  it("subscribes to the symbol and depth", () => {
    const { source, stop } = start();
    expect(source().url).toBe("/api/stream/orderbook?symbol=BTC%2FUSDT&depth=20");
    stop();
    expect(source().closed).toBe(true);
  });

  it("applies every frame that arrived before an animation frame in one store change", () => {
    const { store, source, stop } = start();
    const changes = vi.fn();
    store.subscribe(changes);
    source().emit("open");
    changes.mockClear();
    source().emit("snapshot", snapshot(1));
    source().emit("update", update(2, "2"));
    source().emit("update", update(3, "3"));
    source().emit("trade", {
      symbol: "BTC/USDT",
      price: "100",
      quantity: "1",
      side: "buy",
      time: 1,
      id: "t1",
    });
    expect(changes).not.toHaveBeenCalled();
    runAnimationFrame();
    expect(changes).toHaveBeenCalledTimes(1);
    const state = store.getState();
    expect(state.book?.seq).toBe(3);
    expect(state.book?.bids[0]?.quantity).toBe("3");
    expect(state.trades.map((trade) => trade.id)).toEqual(["t1"]);
    expect(state.indicator.kind).toBe("live");
    stop();
  });

  it("reconnects on a seq gap and takes the fresh snapshot", () => {
    const { store, source, stop } = start();
    const first = source();
    first.emit("snapshot", snapshot(1));
    first.emit("update", update(3, "5"));
    runAnimationFrame();
    expect(first.closed).toBe(true);
    expect(store.getState().indicator.kind).toBe("reconnecting");
    expect(store.getState().book?.bids[0]?.quantity).toBe("1");
    vi.advanceTimersByTime(1_000);
    const second = source();
    expect(second).not.toBe(first);
    second.emit("snapshot", snapshot(7));
    runAnimationFrame();
    expect(store.getState().book?.seq).toBe(7);
    expect(store.getState().indicator.kind).toBe("live");
    stop();
  });

  it("reconnects with growing delays while the server is unreachable", () => {
    const { store, source, stop } = start();
    source().emit("error");
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(600);
    expect(FakeEventSource.opened).toHaveLength(2);
    source().emit("error");
    vi.advanceTimersByTime(700);
    expect(FakeEventSource.opened).toHaveLength(2);
    vi.advanceTimersByTime(600);
    expect(FakeEventSource.opened).toHaveLength(3);
    source().emit("error");
    expect(store.getState().indicator.kind).toBe("disconnected");
    stop();
  });

  it("turns stale by itself when frames stop, and treats an unreadable frame as a reason to resync", () => {
    const { store, source, stop } = start();
    source().emit("snapshot", snapshot(1));
    runAnimationFrame();
    expect(store.getState().indicator.kind).toBe("live");
    vi.advanceTimersByTime(2_600);
    expect(store.getState().indicator).toMatchObject({ kind: "stale", detail: "no update for 3 s" });
    source().emit("update", { seq: 2, status: "live", bids: [["oops", "1"]] });
    expect(source().closed).toBe(true);
    stop();
  });
});
