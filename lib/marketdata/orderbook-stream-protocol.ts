import { z } from "zod";
import type { PriceLevel } from "../venue/port/market-data-types";

/**
 * Wire protocol of `GET /api/stream/orderbook?symbol=BTC/USDT&depth=50` (Server-Sent Events),
 * shared by the server (encoder) and the browser (decoder). Pure types and zod schemas, no I/O.
 *
 * Every client of one symbol at one depth is sent the same frames (encoded once on the server), so
 * `seq` numbers the book frames of that (symbol, depth) stream, not of one connection:
 * - `retry: 1000`, then `event: snapshot` with the stream's current seq (id = seq);
 * - then `event: update` (levels that changed since frame seq - 1) and `event: status` (only the
 *   book's state changed) frames, each with seq = the previous frame's + 1: anything else is a
 *   gap, and the client must drop its book and reconnect;
 * - `event: snapshot` may come again at any time and replaces the book, its seq taking over
 *   (seq may jump): after the server's book was resynced, and when the client could not read
 *   fast enough (it gets the latest state, never a backlog);
 * - `event: trade` tape entries (no seq) and a `: heartbeat` comment every 15 s.
 * Every connection starts with a fresh snapshot, including a reconnect with `Last-Event-ID`
 * (ignored); a new connection's seq may be lower than the previous one's (a new stream).
 */
export const ORDERBOOK_DEPTH_DEFAULT = 50;
export const ORDERBOOK_DEPTH_MAX = 500;
export const ORDERBOOK_RETRY_MS = 1000;
export const STREAM_HEARTBEAT_MS = 15_000;

export const orderbookStreamQuerySchema = z.object({
  symbol: z.string().min(1).max(40),
  depth: z.coerce.number().int().min(1).max(ORDERBOOK_DEPTH_MAX).default(ORDERBOOK_DEPTH_DEFAULT),
});
export type OrderbookStreamQuery = z.infer<typeof orderbookStreamQuerySchema>;

/**
 * - `connecting`: no book yet (first snapshot not synced).
 * - `live`: consistent with the venue and updated recently.
 * - `stale`: consistent as far as we know, but no venue update for longer than the staleness bound.
 * - `resyncing`: a gap or reconnect discarded the book; levels are not shown until the next snapshot.
 */
export const bookStreamStatusSchema = z.enum(["connecting", "live", "stale", "resyncing"]);
export type BookStreamStatus = z.infer<typeof bookStreamStatusSchema>;

const decimalString = z.string().regex(/^\d+(\.\d+)?$/);
/** `[price, quantity]`; in updates a quantity of "0" removes the level. */
export const priceLevelSchema = z.tuple([decimalString, decimalString]);
export type { PriceLevel };

export const snapshotFrameSchema = z.object({
  symbol: z.string(),
  seq: z.number().int().positive(),
  status: bookStreamStatusSchema,
  /** Best first, at most `depth` levels. Empty unless status is live or stale. */
  bids: z.array(priceLevelSchema),
  /** Best first, at most `depth` levels. */
  asks: z.array(priceLevelSchema),
  /** Venue update id the levels correspond to; null while no book is synced. */
  lastUpdateId: z.number().int().nullable(),
  /** Venue event time (`E`, ms) of the last applied diff or snapshot fetch; null before. */
  venueTime: z.number().nullable(),
  /** Server time (ms) when the book last changed (diff received); null before. */
  serverTime: z.number().nullable(),
});
export type SnapshotFrame = z.infer<typeof snapshotFrameSchema>;

export const updateFrameSchema = z.object({
  seq: z.number().int().positive(),
  status: bookStreamStatusSchema,
  /** Only levels within the top `depth` that changed since the stream's previous frame (seq - 1). */
  bids: z.array(priceLevelSchema),
  asks: z.array(priceLevelSchema),
  lastUpdateId: z.number().int().nullable(),
  venueTime: z.number().nullable(),
  serverTime: z.number().nullable(),
});
export type UpdateFrame = z.infer<typeof updateFrameSchema>;

export const statusFrameSchema = z.object({
  seq: z.number().int().positive(),
  status: bookStreamStatusSchema,
});
export type StatusFrame = z.infer<typeof statusFrameSchema>;

export const tradeFrameSchema = z.object({
  symbol: z.string(),
  price: decimalString,
  quantity: decimalString,
  /** Taker side. */
  side: z.enum(["buy", "sell"]),
  /** Venue trade time, ms. */
  time: z.number(),
  id: z.string(),
});
export type TradeFrame = z.infer<typeof tradeFrameSchema>;
