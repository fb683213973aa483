import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../test/reset-database";
import { sql } from "../db/sql";
import type { TradesPage, VenueTrade } from "../venue/port/venue-types";
import { InMemoryVenue } from "../venue/testing/in-memory-venue";
import { checkTrades } from "./check-trades";

const NOW = Date.parse("2026-11-01T12:00:00Z");
const trade = (id: number): VenueTrade => ({
  tradeId: String(id),
  venueOrderId: "900",
  clientOrderId: "ct-1",
  symbol: "BTC/USDT",
  side: "buy",
  price: "100",
  quantity: "1",
  quoteQuantity: "100",
  fee: { amount: "0.1", currency: "USDT" },
  liquidity: "maker",
  timestamp: NOW - 60_000,
});

/** Venue pages by fromId: a full page of ids 1000, 1002, ... 2998, then 5000, 5002, 5004. */
function pagedVenue(): InMemoryVenue {
  const venue = new InMemoryVenue();
  const pages: TradesPage[] = [
    { trades: Array.from({ length: 1000 }, (_, i) => trade(1000 + 2 * i)), nextCursor: "c1" },
    { trades: [5000, 5002, 5004].map(trade), nextCursor: "c2" },
  ];
  let next = 0;
  venue.fetchTradesSince = async () => pages[next++] ?? { trades: [], nextCursor: "c2" };
  return venue;
}

async function ourFill(tradeId: number): Promise<void> {
  await sql().$executeRaw`
    INSERT INTO "Fill" (id, "orderId", venue, "venueTradeId", price, quantity, fee, "feeAsset", "executedAt")
    SELECT gen_random_uuid(), id, 'memory', ${String(tradeId)}, 100, 1, 0.1, 'USDT', now() FROM "Order"`;
}

beforeEach(async () => {
  await resetDatabase();
  await sql().$executeRaw`
    INSERT INTO "Instrument" (symbol, base, quote, "tickSize", "lotSize", "minNotional", "updatedAt")
    VALUES ('BTC/USDT', 'BTC', 'USDT', 0.01, 0.001, 5, now())`;
  await sql().$executeRaw`
    INSERT INTO "Order" (id, "clientOrderId", venue, "venueOrderId", symbol, side, type, quantity, price,
      "filledQuantity", status, "updatedAt")
    VALUES (gen_random_uuid(), 'ct-1', 'memory', '900', 'BTC/USDT', 'buy', 'limit', 10000, 100, 10000, 'filled', now())`;
});

describe("checkTrades: fills the venue lacks", () => {
  it("reports our fills inside a page's span that the page did not report, across pages, and none between pages", async () => {
    for (let id = 1000; id <= 2998; id += 2) await ourFill(id);
    for (const id of [5000, 5002, 5004]) await ourFill(id);
    // Inside page 1's span, inside page 2's span, between the pages, and past the last page.
    for (const id of [1001, 2997, 5003, 4000, 6000]) await ourFill(id);

    const result = await checkTrades({
      venue: pagedVenue(),
      symbol: "BTC/USDT",
      lookbackMs: 3_600_000,
      now: NOW,
    });

    expect(result.pages).toBe(2);
    expect(result.trades).toBe(1003);
    expect(result.findings.map((finding) => `${finding.type} ${finding.subject}`).sort()).toEqual([
      "fill_missing_at_venue 1001",
      "fill_missing_at_venue 2997",
      "fill_missing_at_venue 5003",
    ]);
  });

  it("pages that overlap (the venue repeated trades): a fill one of them holds in its span but did not report counts", async () => {
    const venue = new InMemoryVenue();
    const pages: TradesPage[] = [
      { trades: Array.from({ length: 1000 }, (_, i) => trade(1000 + 2 * i)), nextCursor: "c1" },
      // Repeats 2990..2998 without 2994, then 3000.
      { trades: [2990, 2992, 2996, 2998, 3000].map(trade), nextCursor: "c2" },
    ];
    let next = 0;
    venue.fetchTradesSince = async () => pages[next++] ?? { trades: [], nextCursor: "c2" };
    for (let id = 1000; id <= 3000; id += 2) await ourFill(id);

    const result = await checkTrades({ venue, symbol: "BTC/USDT", lookbackMs: 3_600_000, now: NOW });

    expect(result.findings.map((finding) => `${finding.type} ${finding.subject}`)).toEqual([
      "fill_missing_at_venue 2994",
    ]);
  });
});
