import { describe, expect, it } from "vitest";
import type { ClientBook, ClientBookLevel } from "./client-book";
import { buildLadder as buildLadderWith } from "./ladder-rows";

const buildLadder = (book: ClientBook) => buildLadderWith(book, { price: 0, size: 0 });

const levels = (...pairs: [string, string][]): ClientBookLevel[] =>
  pairs.map(([price, quantity]) => ({ price, quantity, changedSeq: 0 }));

const book = (bids: ClientBookLevel[], asks: ClientBookLevel[]): ClientBook => ({
  symbol: "BTC/USDT",
  seq: 1,
  status: "live",
  bids,
  asks,
  lastUpdateId: 1,
  venueTime: 1,
  serverTime: 1,
});

describe("ladder rows", () => {
  it("sums sizes exactly where floating point would not", () => {
    const ladder = buildLadder(
      book(
        levels(["60000.01000000", "0.10000000"], ["60000.00000000", "0.20000000"], ["59999.99", "0.7"]),
        levels(["60000.02", "0.3"]),
      ),
    );
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(ladder.bids.map((row) => row.total)).toEqual(["0.1", "0.3", "1.0"]);
    expect(ladder.bids.map((row) => row.size)).toEqual(["0.1", "0.2", "0.7"]);
  });

  it("keeps every digit of large totals", () => {
    const ladder = buildLadder(
      book(levels(["1", "123456789012.12345678"], ["0.5", "987654321098.87654322"]), levels(["2", "1"])),
    );
    expect(ladder.bids[1]!.total).toBe("1111111110111.00000000");
  });

  it("shows each column with the fewest digits that keep every value exact", () => {
    const ladder = buildLadder(
      book(levels(["100.50000000", "1.00000000"]), levels(["100.75000000", "0.12500000"])),
    );
    expect(ladder.bids[0]).toMatchObject({ price: "100.50", size: "1.000", total: "1.000" });
    expect(ladder.asks[0]).toMatchObject({ price: "100.75", size: "0.125", total: "0.125" });
  });

  it("shows at least the instrument's tick and lot digits", () => {
    const ladder = buildLadderWith(book(levels(["60180.00000000", "1.50000000"]), levels(["60181.5", "2"])), {
      price: 2,
      size: 5,
    });
    expect(ladder.bids[0]).toMatchObject({ price: "60180.00", size: "1.50000", total: "1.50000" });
    expect(ladder.asks[0]).toMatchObject({ price: "60181.50", size: "2.00000" });
    expect(ladder.spread).toBe("1.50");
    expect(ladder.mid).toBe("60180.75");
  });

  it("computes spread and mid exactly, with an extra digit for a half tick", () => {
    const ladder = buildLadder(book(levels(["60000.01", "1"]), levels(["60000.02", "1"])));
    expect(ladder.spread).toBe("0.01");
    expect(ladder.mid).toBe("60000.015");
  });

  it("has no spread or mid while a side is empty", () => {
    const ladder = buildLadder(book(levels(["1", "1"]), []));
    expect(ladder.spread).toBeNull();
    expect(ladder.mid).toBeNull();
  });

  it("scales depth bars to the deeper side's total", () => {
    const ladder = buildLadder(book(levels(["10", "1"], ["9", "3"]), levels(["11", "2"])));
    expect(ladder.bids.map((row) => row.barRatio)).toEqual([0.25, 1]);
    expect(ladder.asks.map((row) => row.barRatio)).toEqual([0.5]);
  });
});
