import type { PriceLevel } from "../venue/port/market-data-types";

/** Which side of the book a level belongs to; matches the venue payload keys. */
export type BookSideName = "bids" | "asks";

export interface BookSnapshot {
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
  readonly lastUpdateId: number;
}

export interface BookDiff {
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
  readonly lastUpdateId: number;
}

/** A level with the running total of quantity from the best price down to it. */
export interface DepthLevel {
  readonly price: string;
  readonly quantity: string;
  readonly cumulative: string;
}

export interface BookTop {
  readonly bids: readonly DepthLevel[];
  readonly asks: readonly DepthLevel[];
}

export interface OrderBookOptions {
  /**
   * Maximum fractional digits the venue uses for this instrument's prices (Binance: 8).
   * Prices are keyed as integers scaled by 10^priceDecimals, so this must be fixed per instrument.
   */
  readonly priceDecimals: number;
}
