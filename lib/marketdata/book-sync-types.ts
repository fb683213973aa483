import type { PriceLevel } from "../venue/port/market-data-types";
import type { OrderBook } from "./order-book";

/** Binance depth diff event (`depthUpdate`): update ids `U..u` inclusive. */
export interface DiffEvent {
  readonly U: number;
  readonly u: number;
  readonly b: readonly PriceLevel[];
  readonly a: readonly PriceLevel[];
}

/**
 * - `syncing`: waiting for a snapshot that lines up with the diff stream (initially, or after a
 *   snapshot turned out to be older than the buffered diffs).
 * - `live`: the book is consistent as of `lastUpdateId`.
 * - `resync_needed`: a sequence gap was seen while live; the book was discarded.
 */
export type SyncState = "syncing" | "live" | "resync_needed";

export interface SyncCounters {
  /** Sequence breaks seen, live or among buffered diffs. */
  gaps: number;
  /** Times a further snapshot became necessary: a gap while live, or a stale snapshot. */
  resyncs: number;
  /** Snapshots rejected because the diffs after them were missing. */
  staleSnapshots: number;
  snapshots: number;
  /** Diffs applied to the book. */
  applied: number;
  /** Diffs ignored: duplicates, already covered by the book/snapshot, or evicted from the buffer. */
  dropped: number;
}

export interface SyncStatus {
  readonly state: SyncState;
  readonly counters: Readonly<SyncCounters>;
  readonly lastUpdateId: number | undefined;
  /** `now()` when the book last changed (snapshot or diff); undefined before the first snapshot. */
  readonly lastUpdateTime: number | undefined;
  readonly bufferedDiffs: number;
}

export interface BookSyncOptions {
  /** The book this machine owns: it is replaced on snapshots and cleared whenever sync is lost. */
  readonly book: OrderBook;
  /** Clock for `lastUpdateTime`; injected so the machine stays pure. Defaults to Date.now. */
  readonly now?: () => number;
  /** Cap on diffs buffered while waiting for a snapshot; the oldest are evicted. Default 10,000. */
  readonly maxBufferedDiffs?: number;
}
