import { Decimal } from "decimal.js";
import type { MidQuote, MidSource } from "../risk/limits/mid-quote";
import type { PriceLevel } from "../venue/port/market-data-types";
import type { VenuePort } from "../venue/port/venue-port";
import type { BookHub } from "./book-hub";

const SNAPSHOT_TTL_MS = 1_000;

function midOf(bid: PriceLevel | undefined, ask: PriceLevel | undefined, symbol: string): MidQuote {
  if (!bid || !ask) return { mid: null, reason: `the ${symbol} order book has an empty side` };
  return { mid: new Decimal(bid[0]).plus(ask[0]).dividedBy(2) };
}

/**
 * The mid of this process's live book of a symbol (the hub's feed); a feed that is stale or resyncing
 * gives no mid. Where no feed runs yet (nobody streams the symbol here), or it is still connecting, a
 * REST depth snapshot at most a second old stands in; a venue that does not answer gives no mid.
 */
export function createBookMidSource(options: {
  bookHub: Pick<BookHub, "feed">;
  venue: Pick<VenuePort, "fetchDepthSnapshot">;
  now?: () => number;
}): MidSource {
  const now = options.now ?? Date.now;
  const snapshots = new Map<string, { at: number; quote: MidQuote }>();
  return {
    async mid(symbol) {
      const feed = options.bookHub.feed(symbol);
      const status = feed?.status();
      if (feed && status === "live") {
        const view = feed.view(1);
        return midOf(view?.bids[0], view?.asks[0], symbol);
      }
      if (feed && status !== "connecting") {
        const { stalenessMs } = feed.health();
        const age = stalenessMs === null ? "" : `, last update ${stalenessMs} ms ago`;
        return { mid: null, reason: `the ${symbol} order book is ${status}${age}` };
      }
      const cached = snapshots.get(symbol);
      if (cached && now() - cached.at <= SNAPSHOT_TTL_MS) return cached.quote;
      try {
        const book = await options.venue.fetchDepthSnapshot({ symbol, limit: 5 });
        const quote = midOf(book.bids[0], book.asks[0], symbol);
        snapshots.set(symbol, { at: now(), quote });
        return quote;
      } catch {
        return { mid: null, reason: `the venue did not answer for the ${symbol} order book` };
      }
    },
  };
}
