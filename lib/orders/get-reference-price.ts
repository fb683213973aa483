import { Decimal } from "decimal.js";
import { logger } from "../observability/logger";
import type { VenuePort } from "../venue/port/venue-port";

const TTL_MS = 1_000;
const cache = new Map<string, { at: number; top: { bid: string | null; ask: string | null } }>();

/**
 * The price a market order would meet first (best ask to buy, best bid to sell) from the venue's book
 * top, cached for a second per symbol; null when the book side is empty or the venue does not answer.
 */
export async function getReferencePrice(options: {
  venue: VenuePort;
  symbol: string;
  side: "buy" | "sell";
}): Promise<Decimal | null> {
  let entry = cache.get(options.symbol);
  if (!entry || Date.now() - entry.at > TTL_MS) {
    try {
      const book = await options.venue.fetchDepthSnapshot({ symbol: options.symbol, limit: 5 });
      entry = { at: Date.now(), top: { bid: book.bids[0]?.[0] ?? null, ask: book.asks[0]?.[0] ?? null } };
      cache.set(options.symbol, entry);
    } catch (error) {
      logger.warn({ symbol: options.symbol, err: error }, "no reference price for a market order check");
      return null;
    }
  }
  const price = options.side === "buy" ? entry.top.ask : entry.top.bid;
  return price === null ? null : new Decimal(price);
}
