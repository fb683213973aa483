import { Decimal } from "decimal.js";
import { prisma } from "../db/prisma";
import { sql } from "../db/sql";
import { formatDecimal } from "../instruments/format-decimal";
import type { VenuePort } from "../venue/port/venue-port";
import type { VenueTrade } from "../venue/port/venue-types";
import type { Finding } from "./mismatch-types";
import { SETTLE_MARGIN_MS } from "./settle-margin";

const PAGE = 1000; // Binance myTrades returns at most 1,000 rows per call

interface StoredFill {
  venueTradeId: string;
  price: string;
  quantity: string;
  fee: string;
  feeAsset: string;
  orderId: string;
  clientOrderId: string;
}

/**
 * Reads the venue's trades on a symbol since its stored cursor (the first run reads back over the
 * lookback window), page by page, up to the settle margin, and compares each with our fills: one we lack is fill_missing_locally
 * (healable from the trade itself), one whose price or fee differs is price_or_fee_mismatch, and a fill
 * of ours inside the pages' span that the venue does not report is fill_missing_at_venue. Trades of
 * orders we do not know belong to someone else's order on our account: unknown_at_venue_order.
 * The cursor moves to the newest trade read.
 */
export async function checkTrades(options: {
  venue: VenuePort;
  symbol: string;
  lookbackMs: number;
  now: number;
}): Promise<{ findings: Finding[]; trades: number; pages: number }> {
  const { venue, symbol } = options;
  const stored = await prisma().reconciliationCursor.findUnique({ where: { symbol } });
  let cursor = stored
    ? venue.tradeCursorAfter({ tradeId: stored.lastTradeId, timestamp: stored.lastTradeAt.getTime() })
    : null;
  const since = options.now - options.lookbackMs;
  const findings: Finding[] = [];
  let trades = 0;
  let pages = 0;
  let newest: VenueTrade | undefined;
  const readPages: string[][] = [];
  const settled = (trade: VenueTrade) => (trade.timestamp ?? 0) <= options.now - SETTLE_MARGIN_MS;
  for (;;) {
    const page = await venue.fetchTradesSince({ symbol, cursor, limit: PAGE });
    pages += 1;
    // Trades are in time order: stop at the first one the stream may still be delivering.
    const young = page.trades.findIndex((trade) => !settled(trade));
    const ripe = young === -1 ? page.trades : page.trades.slice(0, young);
    const read = ripe.filter((trade) => stored || (trade.timestamp ?? options.now) >= since);
    trades += read.length;
    if (read.length > 0) {
      findings.push(...(await compareTrades({ venue: venue.venue, symbol, trades: read })));
      readPages.push(read.map((trade) => trade.tradeId));
    }
    newest = ripe.at(-1) ?? newest;
    if (young !== -1 || page.trades.length < PAGE || page.nextCursor === cursor) break;
    cursor = page.nextCursor;
  }
  findings.push(...(await fillsTheVenueLacks({ venue: venue.venue, symbol, pages: readPages })));
  if (newest) {
    const at = new Date(newest.timestamp ?? options.now);
    await sql().$executeRaw`
      INSERT INTO "ReconciliationCursor" (symbol, "lastTradeId", "lastTradeAt", "updatedAt")
      VALUES (${symbol}, ${newest.tradeId}, ${at}, now())
      ON CONFLICT (symbol) DO UPDATE SET "lastTradeId" = EXCLUDED."lastTradeId",
        "lastTradeAt" = EXCLUDED."lastTradeAt", "updatedAt" = now()`;
  }
  return { findings, trades, pages };
}

async function compareTrades(options: {
  venue: string;
  symbol: string;
  trades: VenueTrade[];
}): Promise<Finding[]> {
  const { trades } = options;
  const ids = trades.map((trade) => trade.tradeId);
  const fills = await sql().$queryRaw<StoredFill[]>`
    SELECT f."venueTradeId", f.price::text AS price, f.quantity::text AS quantity, f.fee::text AS fee,
           f."feeAsset", f."orderId", o."clientOrderId"
    FROM "Fill" f JOIN "Order" o ON o.id = f."orderId"
    WHERE f.venue = ${options.venue} AND f."venueTradeId" = ANY(${ids})`;
  const byTrade = new Map(fills.map((fill) => [fill.venueTradeId, fill]));
  const venueOrderIds = [...new Set(trades.flatMap((trade) => trade.venueOrderId ?? []))];
  const orders = await sql().$queryRaw<{ id: string; venueOrderId: string; clientOrderId: string }[]>`
    SELECT id, "venueOrderId", "clientOrderId" FROM "Order"
    WHERE venue = ${options.venue} AND "venueOrderId" = ANY(${venueOrderIds})`;
  const orderByVenueId = new Map(orders.map((order) => [order.venueOrderId, order]));
  const findings: Finding[] = [];
  const reportedExternal = new Set<string>();
  for (const trade of trades) {
    const fill = byTrade.get(trade.tradeId);
    const notional = new Decimal(trade.quantity).times(trade.price).toFixed();
    const venueSide = {
      tradeId: trade.tradeId,
      venueOrderId: trade.venueOrderId,
      price: formatDecimal(trade.price),
      quantity: formatDecimal(trade.quantity),
      fee: trade.fee ? formatDecimal(trade.fee.amount) : null,
      feeAsset: trade.fee?.currency ?? null,
      at: trade.timestamp === null ? null : new Date(trade.timestamp).toISOString(),
    };
    if (fill) {
      const feeDiffers =
        trade.fee !== null &&
        (!new Decimal(fill.fee).eq(trade.fee.amount) || fill.feeAsset !== trade.fee.currency);
      if (
        !new Decimal(fill.price).eq(trade.price) ||
        !new Decimal(fill.quantity).eq(trade.quantity) ||
        feeDiffers
      ) {
        findings.push({
          type: "price_or_fee_mismatch",
          severity: "warning",
          subject: trade.tradeId,
          symbol: options.symbol,
          orderId: fill.orderId,
          clientOrderId: fill.clientOrderId,
          venueOrderId: trade.venueOrderId,
          expected: {
            tradeId: fill.venueTradeId,
            price: formatDecimal(fill.price),
            quantity: formatDecimal(fill.quantity),
            fee: formatDecimal(fill.fee),
            feeAsset: fill.feeAsset,
          },
          actual: venueSide,
          quantityDelta: new Decimal(trade.quantity).minus(fill.quantity).toFixed(),
          notionalDelta: new Decimal(notional).minus(new Decimal(fill.quantity).times(fill.price)).toFixed(),
        });
      }
      continue;
    }
    const order = trade.venueOrderId ? orderByVenueId.get(trade.venueOrderId) : undefined;
    if (!order) {
      // Recorded with its order by the open-orders check; reported here once per venue order.
      const venueOrderId = trade.venueOrderId ?? `trade:${trade.tradeId}`;
      if (reportedExternal.has(venueOrderId)) continue;
      reportedExternal.add(venueOrderId);
      findings.push({
        type: "unknown_at_venue_order",
        severity: "warning",
        subject: `venue:${venueOrderId}`,
        symbol: options.symbol,
        orderId: null,
        clientOrderId: trade.clientOrderId,
        venueOrderId: trade.venueOrderId,
        expected: { order: null },
        actual: { trade: venueSide },
        quantityDelta: formatDecimal(trade.quantity),
        notionalDelta: notional,
      });
      continue;
    }
    findings.push({
      type: "fill_missing_locally",
      severity: "warning",
      subject: trade.tradeId,
      symbol: options.symbol,
      orderId: order.id,
      clientOrderId: order.clientOrderId,
      venueOrderId: trade.venueOrderId,
      expected: { fill: null },
      actual: venueSide,
      quantityDelta: formatDecimal(trade.quantity),
      notionalDelta: notional,
      heal: {
        kind: "fill_inserted",
        orderId: order.id,
        trade: { ...trade, clientOrderId: order.clientOrderId },
      },
    });
  }
  return findings;
}

interface Span {
  first: bigint;
  last: bigint;
  ids: Set<string>;
}

/**
 * Our fills on the symbol within the span of a page of venue trades (by id) that the page did not
 * report. One scan of our fills for all pages: a scan per page made a start-up over a long history
 * quadratic.
 */
async function fillsTheVenueLacks(options: {
  venue: string;
  symbol: string;
  pages: string[][];
}): Promise<Finding[]> {
  const spans: Span[] = [];
  for (const ids of options.pages) {
    if (ids.length === 0 || !ids.every((id) => /^\d+$/.test(id))) continue;
    const sorted = ids.map((id) => BigInt(id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    spans.push({ first: sorted[0] as bigint, last: sorted.at(-1) as bigint, ids: new Set(ids) });
  }
  if (spans.length === 0) return [];
  spans.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const first = (spans[0] as Span).first;
  const reach = reachOf(spans);
  const last = reach.at(-1) as bigint;
  const candidates = await sql().$queryRaw<{ venueTradeId: string }[]>`
    SELECT f."venueTradeId"
    FROM "Fill" f JOIN "Order" o ON o.id = f."orderId"
    WHERE f.venue = ${options.venue} AND o.symbol = ${options.symbol} AND f."venueTradeId" ~ '^[0-9]+$'
      AND f."venueTradeId"::numeric BETWEEN ${first.toString()}::numeric AND ${last.toString()}::numeric`;
  const missing = candidates
    .map((row) => row.venueTradeId)
    .filter((id) => lackedByAPage(spans, reach, BigInt(id), id));
  if (missing.length === 0) return [];
  const lacking = await sql().$queryRaw<StoredFill[]>`
    SELECT f."venueTradeId", f.price::text AS price, f.quantity::text AS quantity, f.fee::text AS fee,
           f."feeAsset", f."orderId", o."clientOrderId"
    FROM "Fill" f JOIN "Order" o ON o.id = f."orderId"
    WHERE f.venue = ${options.venue} AND f."venueTradeId" = ANY(${missing})`;
  return lacking.map((fill) => ({
    type: "fill_missing_at_venue",
    severity: "critical",
    subject: fill.venueTradeId,
    symbol: options.symbol,
    orderId: fill.orderId,
    clientOrderId: fill.clientOrderId,
    venueOrderId: null,
    expected: {
      tradeId: fill.venueTradeId,
      price: formatDecimal(fill.price),
      quantity: formatDecimal(fill.quantity),
    },
    actual: { trade: null },
    quantityDelta: new Decimal(fill.quantity).negated().toFixed(),
    notionalDelta: new Decimal(fill.quantity).times(fill.price).negated().toFixed(),
  }));
}

/** reach[i]: the highest id any of spans[0..i] covers (pages may overlap when the venue repeats trades). */
function reachOf(spans: Span[]): bigint[] {
  const reach: bigint[] = [];
  for (const [i, span] of spans.entries()) {
    const before = reach[i - 1];
    reach.push(before !== undefined && before > span.last ? before : span.last);
  }
  return reach;
}

/** Whether a page (spans sorted by first id) whose span holds `value` did not report `id`. */
function lackedByAPage(spans: Span[], reach: bigint[], value: bigint, id: string): boolean {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((spans[middle] as Span).first <= value) low = middle + 1;
    else high = middle - 1;
  }
  for (let i = high; i >= 0 && (reach[i] as bigint) >= value; i--) {
    const span = spans[i] as Span;
    if (span.last >= value && !span.ids.has(id)) return true;
  }
  return false;
}
