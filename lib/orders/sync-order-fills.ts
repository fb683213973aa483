import type { Order } from "../db/generated/prisma/client";
import type { VenuePort } from "../venue/port/venue-port";
import { ingestFill } from "./ingest-fill";

const MAX_PAGES = 50;

/**
 * Fetches the account's trades on the order's symbol from the venue and ingests those of this order
 * (by venue order id): the lookup path for fills the user stream missed. Ingestion is idempotent by
 * trade id, so fills already seen are skipped. Returns how many were new.
 */
export async function syncOrderFills(options: { venue: VenuePort; order: Order }): Promise<number> {
  const { venue, order } = options;
  if (!order.venueOrderId) return 0;
  let cursor: string | null = null;
  let added = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await venue.fetchTradesSince({ symbol: order.symbol, cursor, limit: 1000 });
    for (const trade of result.trades) {
      if (trade.venueOrderId !== order.venueOrderId) continue;
      const ingested = await ingestFill({
        source: "lookup",
        venue: order.venue,
        trade: { ...trade, clientOrderId: order.clientOrderId },
      });
      if (ingested.status === "ingested") added += 1;
    }
    if (result.trades.length === 0 || result.nextCursor === cursor) break;
    cursor = result.nextCursor;
  }
  return added;
}
