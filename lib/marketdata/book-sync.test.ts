import { describe, expect, it } from "vitest";
import type { PriceLevel } from "../venue/port/market-data-types";
import { BookSync } from "./book-sync";
import type { DiffEvent } from "./book-sync-types";
import { OrderBook } from "./order-book";
import type { BookSnapshot } from "./order-book-types";

function diff(U: number, u: number, b: PriceLevel[] = [], a: PriceLevel[] = []): DiffEvent {
  return { U, u, b, a };
}

function snapshot(lastUpdateId: number): BookSnapshot {
  return { lastUpdateId, bids: [["100.00", "1"]], asks: [["101.00", "1"]] };
}

function makeSync(): { sync: BookSync; book: OrderBook; clock: { now: number } } {
  const clock = { now: 1_000 };
  const book = new OrderBook({ priceDecimals: 2 });
  return { sync: new BookSync({ book, now: () => clock.now }), book, clock };
}

describe("BookSync", () => {
  it("buffers diffs until a snapshot, then drops covered ones and applies the straddling one", () => {
    const { sync, book } = makeSync();
    expect(sync.state).toBe("syncing");
    expect(sync.needsSnapshot()).toBe(true);
    sync.onDiff(diff(5, 8, [["99.00", "1"]]));
    sync.onDiff(diff(9, 12, [["98.00", "1"]]));
    sync.onDiff(diff(13, 15, [["100.00", "0"]]));
    expect(book.levelCount()).toBe(0);
    expect(sync.status().bufferedDiffs).toBe(3);

    expect(sync.onSnapshot(snapshot(10))).toBe("live");
    expect(sync.needsSnapshot()).toBe(false);
    expect(sync.lastUpdateId).toBe(15);
    expect(book.lastUpdateId).toBe(15);
    expect(book.top(5).bids.map((level) => level.price)).toEqual(["98"]);
    expect(sync.counters).toMatchObject({ applied: 2, dropped: 1, snapshots: 1, gaps: 0, resyncs: 0 });
  });

  it("goes live on a snapshot with nothing buffered and requires the next diff to straddle it", () => {
    const { sync, book } = makeSync();
    sync.onSnapshot(snapshot(10));
    expect(sync.state).toBe("live");
    sync.onDiff(diff(3, 10));
    expect(sync.counters.dropped).toBe(1);
    sync.onDiff(diff(9, 12, [["100.50", "2"]]));
    expect(sync.state).toBe("live");
    expect(book.bestBid()).toBe("100.5");
    sync.onDiff(diff(13, 13));
    expect(sync.lastUpdateId).toBe(13);
  });

  it("rejects a snapshot older than the first buffered diff and keeps the buffer for the next one", () => {
    const { sync, book } = makeSync();
    sync.onDiff(diff(20, 25));
    sync.onDiff(diff(26, 30, [["99.00", "3"]]));
    expect(sync.onSnapshot(snapshot(18))).toBe("syncing");
    expect(sync.needsSnapshot()).toBe(true);
    expect(book.levelCount()).toBe(0);
    expect(sync.counters).toMatchObject({ staleSnapshots: 1, resyncs: 1, snapshots: 0 });

    expect(sync.onSnapshot(snapshot(27))).toBe("live");
    expect(sync.lastUpdateId).toBe(30);
    expect(book.top(5).bids.map((level) => level.price)).toEqual(["100", "99"]);
  });

  it("treats a first live diff that does not straddle the snapshot as a stale snapshot", () => {
    const { sync, book } = makeSync();
    sync.onSnapshot(snapshot(10));
    expect(sync.onDiff(diff(15, 20))).toBe("syncing");
    expect(book.levelCount()).toBe(0);
    expect(sync.counters.staleSnapshots).toBe(1);
    expect(sync.onSnapshot(snapshot(16))).toBe("live");
    expect(sync.lastUpdateId).toBe(20);
  });

  it("ignores duplicate and old diffs while live", () => {
    const { sync, book } = makeSync();
    sync.onSnapshot(snapshot(10));
    sync.onDiff(diff(11, 12, [["100.00", "5"]]));
    sync.onDiff(diff(11, 12, [["100.00", "7"]]));
    sync.onDiff(diff(5, 9, [["100.00", "9"]]));
    expect(sync.state).toBe("live");
    expect(book.top(1).bids[0]?.quantity).toBe("5");
    expect(sync.counters).toMatchObject({ applied: 1, dropped: 2 });
  });

  it("discards the book on a gap, reports resync_needed, and recovers from a new snapshot", () => {
    const { sync, book } = makeSync();
    sync.onSnapshot(snapshot(10));
    sync.onDiff(diff(11, 12));
    expect(sync.onDiff(diff(14, 15))).toBe("resync_needed");
    expect(sync.needsSnapshot()).toBe(true);
    expect(book.levelCount()).toBe(0);
    expect(sync.counters).toMatchObject({ gaps: 1, resyncs: 1 });

    sync.onDiff(
      diff(16, 18, [
        ["100.00", "0"],
        ["97.00", "1"],
      ]),
    );
    expect(sync.state).toBe("resync_needed");
    expect(sync.onSnapshot(snapshot(16))).toBe("live");
    expect(sync.lastUpdateId).toBe(18);
    expect(book.top(5).bids.map((level) => level.price)).toEqual(["97"]);
    expect(sync.counters).toMatchObject({ snapshots: 2, dropped: 1 });
  });

  it("treats an out-of-order diff that overlaps the last one as a sequence break", () => {
    const { sync } = makeSync();
    sync.onSnapshot(snapshot(10));
    sync.onDiff(diff(11, 15));
    expect(sync.onDiff(diff(14, 20))).toBe("resync_needed");
  });

  it("drops buffered diffs before a hole in the buffer, since no snapshot can bridge it", () => {
    const { sync } = makeSync();
    sync.onDiff(diff(1, 5));
    sync.onDiff(diff(6, 8));
    sync.onDiff(diff(8, 8));
    sync.onDiff(diff(12, 14));
    expect(sync.status().bufferedDiffs).toBe(1);
    expect(sync.counters).toMatchObject({ gaps: 1, dropped: 3 });
    expect(sync.onSnapshot(snapshot(7))).toBe("syncing");
    expect(sync.onSnapshot(snapshot(12))).toBe("live");
    expect(sync.lastUpdateId).toBe(14);
  });

  it("detects a gap inside the buffered diffs while replaying them after a snapshot", () => {
    const { sync } = makeSync();
    sync.onDiff(diff(1, 5));
    sync.onSnapshot(snapshot(3));
    expect(sync.state).toBe("live");
    sync.onDiff(diff(7, 9));
    expect(sync.state).toBe("resync_needed");
  });

  it("evicts the oldest buffered diffs beyond the cap", () => {
    const book = new OrderBook({ priceDecimals: 2 });
    const sync = new BookSync({ book, maxBufferedDiffs: 2 });
    for (let id = 1; id <= 5; id++) sync.onDiff(diff(id, id));
    expect(sync.status().bufferedDiffs).toBe(2);
    expect(sync.counters.dropped).toBe(3);
    expect(sync.onSnapshot(snapshot(2))).toBe("syncing");
    expect(sync.onSnapshot(snapshot(3))).toBe("live");
  });

  it("ignores snapshots while live and records the time of the last change", () => {
    const { sync, book, clock } = makeSync();
    expect(sync.lastUpdateTime).toBeUndefined();
    sync.onSnapshot(snapshot(10));
    expect(sync.lastUpdateTime).toBe(1_000);
    clock.now = 2_500;
    sync.onDiff(diff(11, 11, [["100.00", "4"]]));
    expect(sync.lastUpdateTime).toBe(2_500);
    clock.now = 3_000;
    sync.onDiff(diff(11, 11));
    expect(sync.lastUpdateTime).toBe(2_500);
    expect(sync.onSnapshot(snapshot(50))).toBe("live");
    expect(sync.lastUpdateId).toBe(11);
    expect(book.top(1).bids[0]?.quantity).toBe("4");
  });

  it("discards the book when a diff is malformed, since it may have been partly applied", () => {
    const { sync, book } = makeSync();
    sync.onSnapshot(snapshot(10));
    expect(() =>
      sync.onDiff(
        diff(11, 11, [
          ["99.00", "1"],
          ["bad", "1"],
        ]),
      ),
    ).toThrow(TypeError);
    expect(sync.state).toBe("resync_needed");
    expect(book.levelCount()).toBe(0);
  });

  it("keeps its buffer and state when a snapshot is malformed", () => {
    const { sync } = makeSync();
    sync.onDiff(diff(5, 8));
    expect(() => sync.onSnapshot({ lastUpdateId: 6, bids: [["x", "1"]], asks: [] })).toThrow(TypeError);
    expect(sync.state).toBe("syncing");
    expect(sync.status().bufferedDiffs).toBe(1);
    expect(sync.onSnapshot(snapshot(6))).toBe("live");
    expect(sync.lastUpdateId).toBe(8);
  });

  it("rejects a diff whose first id is after its last", () => {
    const { sync } = makeSync();
    expect(() => sync.onDiff(diff(5, 4))).toThrow(RangeError);
  });

  it("supports a single-flight snapshot driver with only an in-flight flag", async () => {
    const { sync } = makeSync();
    const requests: Array<(snapshot: BookSnapshot) => void> = [];
    let inFlight = false;
    const drive = (): void => {
      if (!sync.needsSnapshot() || inFlight) return;
      inFlight = true;
      new Promise<BookSnapshot>((resolve) => requests.push(resolve))
        .then((fetched) => sync.onSnapshot(fetched))
        .finally(() => {
          inFlight = false;
          drive();
        });
    };
    const receive = (event: DiffEvent): void => {
      sync.onDiff(event);
      drive();
    };

    receive(diff(1, 2));
    receive(diff(3, 4));
    expect(requests).toHaveLength(1);
    requests[0]?.(snapshot(3));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sync.state).toBe("live");

    receive(diff(9, 9));
    receive(diff(10, 10));
    expect(sync.state).toBe("resync_needed");
    expect(requests).toHaveLength(2);
    requests[1]?.(snapshot(9));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sync.state).toBe("live");
    expect(sync.lastUpdateId).toBe(10);
    expect(requests).toHaveLength(2);
  });
});
