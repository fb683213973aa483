import type { Decimal } from "decimal.js";

/** The live mid of a symbol's book, or why there is none that is fresh enough to trade against. */
export type MidQuote = { mid: Decimal } | { mid: null; reason: string };

/** Where the order path gets the mid (the order book hub in the app; a stub in unit tests). */
export interface MidSource {
  mid(symbol: string): Promise<MidQuote>;
}
