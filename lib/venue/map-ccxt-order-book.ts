import type { OrderBook } from "ccxt";
import { toDecimalString } from "./to-decimal-string";
import type { BookLevel, OrderBookChanges, OrderBookSnapshot } from "./venue-types";

function levels(side: unknown, depth: number): BookLevel[] {
  const result: BookLevel[] = [];
  if (!Array.isArray(side)) return result;
  for (const level of side.slice(0, depth) as unknown[][]) {
    const price = toDecimalString(level[0]);
    const size = toDecimalString(level[1]);
    if (price !== null && size !== null) result.push([price, size]);
  }
  return result;
}

export function mapCcxtOrderBook(options: {
  book: OrderBook;
  symbol: string;
  depth: number;
}): OrderBookSnapshot {
  const { book, symbol, depth } = options;
  return {
    symbol,
    bids: levels(book.bids, depth),
    asks: levels(book.asks, depth),
    nonce: typeof book.nonce === "number" ? book.nonce : null,
    timestamp: typeof book.timestamp === "number" ? book.timestamp : null,
  };
}

function diffSide(before: BookLevel[], after: BookLevel[]): BookLevel[] {
  const previous = new Map(before);
  const changes: BookLevel[] = [];
  for (const [price, size] of after) {
    if (previous.get(price) !== size) changes.push([price, size]);
    previous.delete(price);
  }
  for (const price of previous.keys()) changes.push([price, "0"]);
  return changes;
}

/** Level changes between two books of the same depth window ("0" = level gone from the window). */
export function diffOrderBooks(options: {
  before: OrderBookSnapshot;
  after: OrderBookSnapshot;
}): OrderBookChanges {
  return {
    bids: diffSide(options.before.bids, options.after.bids),
    asks: diffSide(options.before.asks, options.after.asks),
  };
}
