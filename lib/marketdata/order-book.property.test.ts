import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PriceLevel } from "../venue/port/market-data-types";
import { OrderBook } from "./order-book";
import type { BookSideName } from "./order-book-types";
import { ReferenceBook } from "./testing/reference-book";

const PRICE_DECIMALS = 4;

/** A price on a small grid (so levels collide), spelled with a varying number of trailing zeros. */
const priceArb = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 3 }))
  .map(([ticks, padding]) => {
    const scaled = 1_000_000 + ticks * 25; // 100.0000 + ticks * 0.0025
    const text = `${Math.floor(scaled / 10_000)}.${String(scaled % 10_000).padStart(4, "0")}`;
    return text + "0".repeat(padding);
  });

const quantityArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom("0", "0.00000000", "0.0") },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.integer({ min: 0, max: 8 }))
      .map(([units, decimals]) => {
        const digits = units.toString().padStart(decimals + 1, "0");
        return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
      }),
  },
);

const levelArb = fc.tuple(priceArb, quantityArb).map((level): PriceLevel => level);
const sideArb = fc.constantFrom<BookSideName>("bids", "asks");
const batchArb = fc.record({ side: sideArb, levels: fc.array(levelArb, { maxLength: 8 }) });

describe("OrderBook against a reference model", () => {
  it("matches the reference after any snapshot and diff sequence", () => {
    fc.assert(
      fc.property(
        fc.array(levelArb, { maxLength: 40 }),
        fc.array(levelArb, { maxLength: 40 }),
        fc.array(batchArb, { maxLength: 60 }),
        fc.integer({ min: 0, max: 70 }),
        (bids, asks, batches, depth) => {
          const book = new OrderBook({ priceDecimals: PRICE_DECIMALS });
          const reference = new ReferenceBook();
          book.applySnapshot({ bids, asks, lastUpdateId: 1 });
          reference.reset(bids, asks);
          expect(book.top(Number.POSITIVE_INFINITY)).toEqual(reference.top());
          for (const { side, levels } of batches) {
            book.applyLevels(side, levels);
            reference.apply(side, levels);
          }
          const expected = reference.top();
          expect(book.top(Number.POSITIVE_INFINITY)).toEqual(expected);
          expect(book.top(depth)).toEqual(reference.top(depth));
          expect(book.levelCount("bids")).toBe(expected.bids.length);
          expect(book.levelCount("asks")).toBe(expected.asks.length);
          expect(book.bestBid()).toBe(expected.bids[0]?.price);
          expect(book.bestAsk()).toBe(expected.asks[0]?.price);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("matches the reference on books large enough to grow storage and shift long runs", () => {
    const wideLevelArb = fc
      .tuple(fc.integer({ min: 0, max: 3000 }), fc.boolean())
      .map(([ticks, remove]): PriceLevel => [`${1000 + ticks}.5`, remove ? "0" : `${ticks}.25`]);
    fc.assert(
      fc.property(
        fc.array(fc.record({ side: sideArb, levels: fc.array(wideLevelArb, { maxLength: 400 }) }), {
          maxLength: 12,
        }),
        (batches) => {
          const book = new OrderBook({ priceDecimals: PRICE_DECIMALS });
          const reference = new ReferenceBook();
          for (const { side, levels } of batches) {
            book.applyLevels(side, levels);
            reference.apply(side, levels);
          }
          expect(book.top(Number.POSITIVE_INFINITY)).toEqual(reference.top());
        },
      ),
      { numRuns: 40 },
    );
  });
});
