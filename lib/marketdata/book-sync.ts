import type { BookSyncOptions, DiffEvent, SyncCounters, SyncState, SyncStatus } from "./book-sync-types";
import type { OrderBook } from "./order-book";
import type { BookSnapshot } from "./order-book-types";

const DEFAULT_MAX_BUFFERED_DIFFS = 10_000;

/**
 * Binance "manage a local order book correctly" procedure as a pure state machine (no I/O).
 * The driver forwards every diff to `onDiff`, and whenever `needsSnapshot()` is true fetches a
 * REST snapshot and passes it to `onSnapshot`. Snapshots arriving while live are ignored, so a
 * single-flight driver only needs an "in flight" flag:
 *
 *   if (sync.needsSnapshot() && !inFlight) { inFlight = true; fetchSnapshot().then(s => sync.onSnapshot(s)).finally(() => { inFlight = false }) }
 *
 * The book is only meaningful while `state === "live"`; otherwise it is empty.
 */
export class BookSync {
  readonly book: OrderBook;
  private readonly now: () => number;
  private readonly maxBuffered: number;
  private current: SyncState = "syncing";
  /** Contiguous run of diffs received while not live, oldest first. */
  private buffer: DiffEvent[] = [];
  private lastId: number | undefined;
  private lastTime: number | undefined;
  /** Right after a snapshot the next diff must straddle it rather than follow it exactly. */
  private awaitingFirstDiff = false;
  private readonly counts: SyncCounters = {
    gaps: 0,
    resyncs: 0,
    staleSnapshots: 0,
    snapshots: 0,
    applied: 0,
    dropped: 0,
  };

  constructor(options: BookSyncOptions) {
    this.book = options.book;
    this.now = options.now ?? Date.now;
    this.maxBuffered = options.maxBufferedDiffs ?? DEFAULT_MAX_BUFFERED_DIFFS;
    this.book.clear();
  }

  get state(): SyncState {
    return this.current;
  }

  get counters(): Readonly<SyncCounters> {
    return this.counts;
  }

  get lastUpdateId(): number | undefined {
    return this.lastId;
  }

  get lastUpdateTime(): number | undefined {
    return this.lastTime;
  }

  needsSnapshot(): boolean {
    return this.current !== "live";
  }

  status(): SyncStatus {
    return {
      state: this.current,
      counters: { ...this.counts },
      lastUpdateId: this.lastId,
      lastUpdateTime: this.lastTime,
      bufferedDiffs: this.buffer.length,
    };
  }

  onDiff(event: DiffEvent): SyncState {
    if (!(event.U <= event.u)) throw new RangeError(`diff has U=${event.U} > u=${event.u}`);
    if (this.current === "live") this.applyLive(event);
    else this.bufferDiff(event);
    return this.current;
  }

  onSnapshot(snapshot: BookSnapshot): SyncState {
    if (this.current === "live") return this.current;
    const lastUpdateId = snapshot.lastUpdateId;
    const pending = this.buffer.filter((event) => event.u > lastUpdateId);
    this.counts.dropped += this.buffer.length - pending.length;
    this.buffer = [];
    const first = pending[0];
    if (first !== undefined && first.U > lastUpdateId + 1) {
      // diffs between the snapshot and the first buffered one were never received
      this.counts.staleSnapshots++;
      this.counts.resyncs++;
      this.buffer = pending;
      this.current = "syncing";
      return this.current;
    }
    try {
      this.book.applySnapshot(snapshot);
    } catch (error) {
      this.buffer = pending;
      throw error;
    }
    this.counts.snapshots++;
    this.lastId = lastUpdateId;
    this.lastTime = this.now();
    this.current = "live";
    this.awaitingFirstDiff = true;
    // replay through onDiff: a gap inside the replay sends the rest back to the buffer
    for (const event of pending) this.onDiff(event);
    return this.current;
  }

  private applyLive(event: DiffEvent): void {
    const last = this.lastId!;
    if (event.u <= last) {
      this.counts.dropped++;
      return;
    }
    const inSequence = this.awaitingFirstDiff ? event.U <= last + 1 : event.U === last + 1;
    if (!inSequence) {
      if (this.awaitingFirstDiff) this.counts.staleSnapshots++;
      else this.counts.gaps++;
      this.counts.resyncs++;
      this.loseSync(this.awaitingFirstDiff ? "syncing" : "resync_needed");
      this.buffer.push(event);
      return;
    }
    try {
      this.book.applyDiff({ bids: event.b, asks: event.a, lastUpdateId: event.u });
    } catch (error) {
      // a malformed diff may have been partly applied, so the book can no longer be trusted
      this.counts.resyncs++;
      this.loseSync("resync_needed");
      throw error;
    }
    this.awaitingFirstDiff = false;
    this.lastId = event.u;
    this.lastTime = this.now();
    this.counts.applied++;
  }

  private loseSync(state: SyncState): void {
    this.book.clear();
    this.current = state;
    this.awaitingFirstDiff = false;
    this.buffer = [];
  }

  private bufferDiff(event: DiffEvent): void {
    const previous = this.buffer[this.buffer.length - 1];
    if (previous !== undefined) {
      if (event.u <= previous.u) {
        this.counts.dropped++;
        return;
      }
      if (event.U !== previous.u + 1) {
        // no snapshot can bridge a hole inside the buffer, so only diffs after it can be used
        this.counts.gaps++;
        this.counts.dropped += this.buffer.length;
        this.buffer = [];
      }
    }
    this.buffer.push(event);
    if (this.buffer.length > this.maxBuffered) {
      this.buffer.shift();
      this.counts.dropped++;
    }
  }
}
