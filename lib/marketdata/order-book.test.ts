import { describe, expect, it } from "vitest";
import { OrderBook } from "./order-book";

function btcBook(): OrderBook {
  const book = new OrderBook({ priceDecimals: 8 });
  book.applySnapshot({
    lastUpdateId: 100,
    bids: [
      ["43250.50000000", "0.01200000"],
      ["43250.00000000", "1.50000000"],
      ["43249.99000000", "2.00000000"],
    ],
    asks: [
      ["43251.00000000", "0.50000000"],
      ["43251.25000000", "3.00000000"],
    ],
  });
  return book;
}

describe("OrderBook", () => {
  it("loads a snapshot with best levels, spread and mid as canonical decimal strings", () => {
    const book = btcBook();
    expect(book.lastUpdateId).toBe(100);
    expect(book.bestBid()).toBe("43250.5");
    expect(book.bestAsk()).toBe("43251");
    expect(book.spread()).toBe("0.5");
    expect(book.mid()).toBe("43250.75");
    expect(book.levelCount()).toBe(5);
    expect(book.levelCount("bids")).toBe(3);
    expect(book.levelCount("asks")).toBe(2);
  });

  it("returns top levels best first with exact cumulative sizes", () => {
    expect(btcBook().top(2)).toEqual({
      bids: [
        { price: "43250.5", quantity: "0.012", cumulative: "0.012" },
        { price: "43250", quantity: "1.5", cumulative: "1.512" },
      ],
      asks: [
        { price: "43251", quantity: "0.5", cumulative: "0.5" },
        { price: "43251.25", quantity: "3", cumulative: "3.5" },
      ],
    });
  });

  it("sums quantities exactly where floats would not (0.1 + 0.2)", () => {
    const book = new OrderBook({ priceDecimals: 2 });
    book.applyLevels("asks", [
      ["10.00", "0.1"],
      ["10.01", "0.2"],
      ["10.02", "0.00000001"],
    ]);
    expect(book.top(3).asks.map((level) => level.cumulative)).toEqual(["0.1", "0.3", "0.30000001"]);
  });

  it("keeps cumulative sizes exact beyond 20 significant digits", () => {
    const book = new OrderBook({ priceDecimals: 2 });
    book.applyLevels("bids", [
      ["1.00", "12345678901234.12345678"],
      ["0.99", "98765432109876.87654322"],
    ]);
    expect(book.top(2).bids[1]?.cumulative).toBe("111111111011111");
  });

  it("overwrites quantities with absolute values and inserts new levels in order", () => {
    const book = btcBook();
    book.applyLevels("bids", [
      ["43250.00000000", "4.00000000"],
      ["43250.25000000", "1.00000000"],
      ["43251.00000000", "0.10000000"],
    ]);
    expect(book.top(10).bids.map((level) => [level.price, level.quantity])).toEqual([
      ["43251", "0.1"],
      ["43250.5", "0.012"],
      ["43250.25", "1"],
      ["43250", "4"],
      ["43249.99", "2"],
    ]);
  });

  it("removes a level on quantity zero in any spelling and ignores removal of absent levels", () => {
    const book = btcBook();
    book.applyLevels("bids", [["43250.50000000", "0.00000000"]]);
    book.applyLevels("asks", [
      ["43251.00000000", "0"],
      ["50000.00000000", "0.00000000"],
    ]);
    expect(book.bestBid()).toBe("43250");
    expect(book.bestAsk()).toBe("43251.25");
    expect(book.levelCount()).toBe(3);
  });

  it("treats differently spelled equal prices as one level", () => {
    const book = new OrderBook({ priceDecimals: 8 });
    book.applyLevels("asks", [
      ["100.5", "1"],
      ["100.50000000", "2"],
      ["0100.500", "3"],
    ]);
    expect(book.levelCount("asks")).toBe(1);
    expect(book.top(1).asks[0]).toEqual({ price: "100.5", quantity: "3", cumulative: "3" });
  });

  it("replaces content on snapshot, dropping zero levels and letting later duplicates win", () => {
    const book = btcBook();
    book.applySnapshot({
      lastUpdateId: 200,
      bids: [
        ["1.00000000", "1"],
        ["3.00000000", "0"],
        ["2.00000000", "1"],
        ["1.00000000", "5"],
      ],
      asks: [],
    });
    expect(book.lastUpdateId).toBe(200);
    expect(book.top(5).bids.map((level) => [level.price, level.quantity])).toEqual([
      ["2", "1"],
      ["1", "5"],
    ]);
    expect(book.bestAsk()).toBeUndefined();
    expect(book.spread()).toBeUndefined();
    expect(book.mid()).toBeUndefined();
  });

  it("computes a mid with one more decimal than the tick and a negative spread when crossed", () => {
    const book = new OrderBook({ priceDecimals: 2 });
    book.applyLevels("bids", [["100.01", "1"]]);
    book.applyLevels("asks", [["100.02", "1"]]);
    expect(book.mid()).toBe("100.015");
    book.applyLevels("bids", [["100.05", "1"]]);
    expect(book.spread()).toBe("-0.03");
  });

  it("applies a diff to both sides and records its update id", () => {
    const book = btcBook();
    book.applyDiff({ lastUpdateId: 101, bids: [["43250.50000000", "0"]], asks: [["43250.90000000", "1"]] });
    expect(book.lastUpdateId).toBe(101);
    expect(book.bestBid()).toBe("43250");
    expect(book.bestAsk()).toBe("43250.9");
  });

  it("grows past its initial capacity and stays sorted", () => {
    const book = new OrderBook({ priceDecimals: 2 });
    const prices = Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 3000) + 1);
    book.applyLevels(
      "bids",
      prices.map((price) => [`${price}.00`, "1"] as const),
    );
    const top = book.top(3000).bids;
    expect(top).toHaveLength(3000);
    expect(top[0]?.price).toBe("3000");
    expect(top[2999]).toEqual({ price: "1", quantity: "1", cumulative: "3000" });
    expect(top.every((level, i) => i === 0 || Number(level.price) < Number(top[i - 1]?.price))).toBe(true);
  });

  it("clears", () => {
    const book = btcBook();
    book.clear();
    expect(book.levelCount()).toBe(0);
    expect(book.lastUpdateId).toBeUndefined();
    expect(book.bestBid()).toBeUndefined();
  });

  it("rejects malformed or over-precise input instead of silently merging levels", () => {
    const book = new OrderBook({ priceDecimals: 2 });
    expect(() => book.applyLevels("bids", [["1.001", "1"]])).toThrow(RangeError);
    expect(() => book.applyLevels("bids", [["-1", "1"]])).toThrow(TypeError);
    expect(() => book.applyLevels("bids", [["1e3", "1"]])).toThrow(TypeError);
    expect(() => book.applyLevels("bids", [["", "1"]])).toThrow(TypeError);
    expect(() => book.applyLevels("bids", [["1.00", "abc"]])).toThrow(TypeError);
    expect(() => book.applyLevels("bids", [["1.00", "."]])).toThrow(TypeError);
    expect(() => book.applyLevels("bids", [["99999999999999999", "1"]])).toThrow(RangeError);
    expect(() => new OrderBook({ priceDecimals: 16 })).toThrow(RangeError);
    expect(book.levelCount()).toBe(0);
  });

  it("leaves the book untouched when a snapshot is malformed", () => {
    const book = btcBook();
    expect(() =>
      book.applySnapshot({ lastUpdateId: 101, bids: [["1.00000000", "1"]], asks: [["oops", "1"]] }),
    ).toThrow(TypeError);
    expect(book.lastUpdateId).toBe(100);
    expect(book.bestBid()).toBe("43250.5");
  });

  it("accepts trailing zeros beyond the configured decimals", () => {
    const book = new OrderBook({ priceDecimals: 2 });
    book.applyLevels("asks", [["1.2300000", "1"]]);
    expect(book.bestAsk()).toBe("1.23");
  });
});
