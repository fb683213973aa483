import { describe, expect, it } from "vitest";
import type { SnapshotFrame, UpdateFrame } from "@/lib/marketdata/orderbook-stream-protocol";
import { applyStatus, applyUpdate, bookFromSnapshot, type ClientBook } from "./client-book";

const snapshot: SnapshotFrame = {
  symbol: "BTC/USDT",
  seq: 1,
  status: "live",
  bids: [
    ["100.50", "1.0"],
    ["100.00", "2.0"],
    ["99.50", "3.0"],
  ],
  asks: [
    ["101.00", "1.5"],
    ["101.50", "2.5"],
  ],
  lastUpdateId: 10,
  venueTime: 1_000,
  serverTime: 1_005,
};

const update = (
  seq: number,
  changes: Partial<Pick<UpdateFrame, "bids" | "asks" | "status">>,
): UpdateFrame => ({
  seq,
  status: "live",
  bids: [],
  asks: [],
  lastUpdateId: 10 + seq,
  venueTime: 1_000 + seq,
  serverTime: 1_005 + seq,
  ...changes,
});

const prices = (book: ClientBook) => ({
  bids: book.bids.map((level) => [level.price, level.quantity]),
  asks: book.asks.map((level) => [level.price, level.quantity]),
});

function applied(book: ClientBook, frame: UpdateFrame, depth = 50): ClientBook {
  const result = applyUpdate(book, frame, depth);
  if (result.kind !== "applied") throw new Error(`unexpected ${result.kind}`);
  return result.book;
}

describe("client order book", () => {
  it("takes a snapshot as it is, best first, trimmed to the depth", () => {
    const book = bookFromSnapshot(snapshot, 2);
    expect(book.seq).toBe(1);
    expect(prices(book)).toEqual({
      bids: [
        ["100.50", "1.0"],
        ["100.00", "2.0"],
      ],
      asks: [
        ["101.00", "1.5"],
        ["101.50", "2.5"],
      ],
    });
    expect(book.bids.every((level) => level.changedSeq === 0)).toBe(true);
  });

  it("changes, inserts in price order and removes levels on quantity 0", () => {
    const book = applied(
      bookFromSnapshot(snapshot, 50),
      update(2, {
        bids: [
          ["100.00", "0"],
          ["100.25", "4.0"],
          ["99.50", "3.5"],
          ["101", "0.1"],
        ],
        asks: [
          ["101.50", "0.00000000"],
          ["100.75", "0.5"],
          ["102.00", "1"],
        ],
      }),
    );
    expect(prices(book)).toEqual({
      bids: [
        ["101", "0.1"],
        ["100.50", "1.0"],
        ["100.25", "4.0"],
        ["99.50", "3.5"],
      ],
      asks: [
        ["100.75", "0.5"],
        ["101.00", "1.5"],
        ["102.00", "1"],
      ],
    });
    expect(book.seq).toBe(2);
    expect(book.lastUpdateId).toBe(12);
    expect(book.bids.map((level) => level.changedSeq)).toEqual([2, 0, 2, 2]);
  });

  it("matches a level by value, whatever the number of trailing zeros", () => {
    const book = applied(bookFromSnapshot(snapshot, 50), update(2, { bids: [["100.5", "9"]] }));
    expect(prices(book).bids[0]).toEqual(["100.50", "9"]);
    expect(book.bids).toHaveLength(3);
  });

  it("ignores the removal of a level it does not hold", () => {
    const book = applied(bookFromSnapshot(snapshot, 50), update(2, { asks: [["150.00", "0"]] }));
    expect(prices(book).asks).toEqual(prices(bookFromSnapshot(snapshot, 50)).asks);
  });

  it("drops levels pushed below the subscribed depth", () => {
    const book = applied(bookFromSnapshot(snapshot, 3), update(2, { bids: [["100.75", "1"]] }), 3);
    expect(book.bids.map((level) => level.price)).toEqual(["100.75", "100.50", "100.00"]);
  });

  it("reports a seq gap instead of applying the frame", () => {
    const book = bookFromSnapshot(snapshot, 50);
    expect(applyUpdate(book, update(3, { bids: [["100.50", "0"]] }), 50)).toEqual({
      kind: "gap",
      expectedSeq: 2,
      receivedSeq: 3,
    });
    expect(applyUpdate(book, update(1, {}), 50).kind).toBe("gap");
  });

  it("counts status frames in the seq chain and empties the book while the server resyncs", () => {
    const book = bookFromSnapshot(snapshot, 50);
    const stale = applyStatus(book, { seq: 2, status: "stale" });
    if (stale.kind !== "applied") throw new Error("gap");
    expect(stale.book.status).toBe("stale");
    expect(stale.book.bids).toHaveLength(3);

    const resyncing = applyStatus(stale.book, { seq: 3, status: "resyncing" });
    if (resyncing.kind !== "applied") throw new Error("gap");
    expect(resyncing.book.bids).toEqual([]);
    expect(resyncing.book.asks).toEqual([]);

    expect(applyUpdate(resyncing.book, update(4, {}), 50).kind).toBe("applied");
    expect(applyStatus(book, { seq: 5, status: "live" })).toMatchObject({ kind: "gap", expectedSeq: 2 });
  });
});
