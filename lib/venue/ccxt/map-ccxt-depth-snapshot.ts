import type { OrderBook } from "ccxt";
import type { DepthSnapshot, PriceLevel } from "../port/market-data-types";
import { toDecimalString } from "./to-decimal-string";

function side(levels: unknown[][]): PriceLevel[] {
  return levels.map((level) => [toDecimalString(level[0]) ?? "0", toDecimalString(level[1]) ?? "0"] as const);
}

/** A ccxt REST order book as a DepthSnapshot (its nonce as the update id, 0 when absent). */
export function mapCcxtDepthSnapshot(book: OrderBook): DepthSnapshot {
  return {
    lastUpdateId: typeof book.nonce === "number" ? book.nonce : 0,
    bids: side(book.bids as unknown[][]),
    asks: side(book.asks as unknown[][]),
  };
}
