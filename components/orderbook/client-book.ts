import Decimal from "decimal.js";
import type {
  BookStreamStatus,
  PriceLevel,
  SnapshotFrame,
  StatusFrame,
  UpdateFrame,
} from "@/lib/marketdata/orderbook-stream-protocol";

/** A level of the browser's book, with the frame that last changed it (for the change highlight). */
export interface ClientBookLevel {
  readonly price: string;
  readonly quantity: string;
  /** Sequence number of the frame that last changed this level; 0 for levels from a snapshot. */
  readonly changedSeq: number;
}

/** The browser's copy of the top of one symbol's book, best level first on each side. */
export interface ClientBook {
  readonly symbol: string;
  /**
   * Seq of the last frame applied: a snapshot sets it (it may jump), each update or status frame
   * must take the next one.
   */
  readonly seq: number;
  readonly status: BookStreamStatus;
  readonly bids: readonly ClientBookLevel[];
  readonly asks: readonly ClientBookLevel[];
  readonly lastUpdateId: number | null;
  readonly venueTime: number | null;
  readonly serverTime: number | null;
}

export type ApplyFrameResult =
  | { readonly kind: "applied"; readonly book: ClientBook }
  | { readonly kind: "gap"; readonly expectedSeq: number; readonly receivedSeq: number };

type Side = "bids" | "asks";

export function bookFromSnapshot(snapshot: SnapshotFrame, depth: number): ClientBook {
  const toLevels = (levels: readonly PriceLevel[]) =>
    levels
      .filter(([, quantity]) => !new Decimal(quantity).isZero())
      .slice(0, depth)
      .map(([price, quantity]) => ({ price, quantity, changedSeq: 0 }));
  return {
    symbol: snapshot.symbol,
    seq: snapshot.seq,
    status: snapshot.status,
    bids: toLevels(snapshot.bids),
    asks: toLevels(snapshot.asks),
    lastUpdateId: snapshot.lastUpdateId,
    venueTime: snapshot.venueTime,
    serverTime: snapshot.serverTime,
  };
}

const gapBefore = (book: ClientBook, seq: number): ApplyFrameResult | null =>
  seq === book.seq + 1 ? null : { kind: "gap", expectedSeq: book.seq + 1, receivedSeq: seq };

/**
 * Applies one `update` frame. Any seq other than previous + 1 is a gap: the caller must drop the
 * book and resubscribe, because a missed frame may have removed or changed any level.
 */
export function applyUpdate(book: ClientBook, update: UpdateFrame, depth: number): ApplyFrameResult {
  const gap = gapBefore(book, update.seq);
  if (gap) return gap;
  return {
    kind: "applied",
    book: {
      ...book,
      seq: update.seq,
      status: update.status,
      bids: applySide(book.bids, update.bids, "bids", update.seq, depth),
      asks: applySide(book.asks, update.asks, "asks", update.seq, depth),
      lastUpdateId: update.lastUpdateId,
      venueTime: update.venueTime,
      serverTime: update.serverTime,
    },
  };
}

/**
 * Applies a `status` frame (it takes a seq too). A book the server reports as resyncing or
 * connecting has been discarded there, so its levels are dropped here until the next snapshot.
 */
export function applyStatus(book: ClientBook, frame: StatusFrame): ApplyFrameResult {
  const gap = gapBefore(book, frame.seq);
  if (gap) return gap;
  const hasLevels = frame.status === "live" || frame.status === "stale";
  return {
    kind: "applied",
    book: hasLevels
      ? { ...book, seq: frame.seq, status: frame.status }
      : { ...book, seq: frame.seq, status: frame.status, bids: [], asks: [] },
  };
}

function applySide(
  levels: readonly ClientBookLevel[],
  changes: readonly PriceLevel[],
  side: Side,
  seq: number,
  depth: number,
): readonly ClientBookLevel[] {
  if (changes.length === 0) return levels;
  const next = levels.slice();
  for (const [price, quantity] of changes) {
    const priceValue = new Decimal(price);
    const index = levelIndex(next, priceValue, side);
    const exists = index < next.length && priceValue.equals(next[index]!.price);
    if (new Decimal(quantity).isZero()) {
      if (exists) next.splice(index, 1);
    } else if (exists) {
      next[index] = { price: next[index]!.price, quantity, changedSeq: seq };
    } else {
      next.splice(index, 0, { price, quantity, changedSeq: seq });
    }
  }
  // Levels pushed below the subscribed depth are no longer reported by the server, so keeping them would show stale sizes.
  if (next.length > depth) next.length = depth;
  return next;
}

/** Binary search: the index of `price` in the side, or where it would be inserted (bids descending, asks ascending). */
function levelIndex(levels: readonly ClientBookLevel[], price: Decimal, side: Side): number {
  let low = 0;
  let high = levels.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const comparison = price.comparedTo(levels[middle]!.price);
    const before = side === "bids" ? comparison > 0 : comparison < 0;
    if (before || comparison === 0) high = middle;
    else low = middle + 1;
  }
  return low;
}
