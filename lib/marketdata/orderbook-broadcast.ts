import { encodeSseEvent } from "../sse/encode-sse-event";
import type { PublicTrade } from "../venue/port/market-data-types";
import type { BookView } from "./book-view";
import { diffBookViews } from "./diff-book-views";
import type { BookStreamStatus } from "./orderbook-stream-protocol";
import type { SymbolBookFeed } from "./symbol-book-feed";

/** What a broadcast reads from the symbol's feed. */
export type BroadcastFeed = Pick<SymbolBookFeed, "symbol" | "status" | "view" | "onChange" | "onTrade">;

/** Tape entries kept for clients that fall behind; older ones are dropped (counted per client). */
export const MAX_KEPT_TRADES = 50;

const encoder = new TextEncoder();

/** One encoded SSE book frame (`snapshot`, `update` or `status`). */
export interface BookFrame {
  readonly seq: number;
  readonly kind: "snapshot" | "update" | "status";
  readonly bytes: Uint8Array;
}

/**
 * What the broadcast wrote to its clients in one go: the trades since the previous chunk and/or
 * the next book frame, encoded once. A client that took the previous chunk gets these bytes.
 */
export interface BroadcastChunk {
  /** 1, 2, 3, ... per broadcast. */
  readonly n: number;
  /** Seq of the newest book frame once this chunk is applied. */
  readonly seq: number;
  /** `tradeCount` once this chunk is applied. */
  readonly tradesEnd: number;
  readonly bytes: Uint8Array;
}

interface TradeBatch {
  /** Trades published before and including this batch. */
  readonly end: number;
  readonly count: number;
  readonly bytes: Uint8Array;
}

export interface OrderbookBroadcastOptions {
  feed: BroadcastFeed;
  depth: number;
  maxUpdatesPerSecond: number;
  now?: () => number;
  /** Called once when the last client detaches; the broadcast is finished then. */
  onIdle?: () => void;
}

/**
 * The event stream of one symbol's book at one depth, encoded once and written as the same bytes
 * to every client streaming it. `seq` numbers this stream's book frames (+1 per frame): a client
 * starts with a snapshot of the newest frame's state and then takes each next frame, so its seq is
 * contiguous from its snapshot on; a client that could not take a chunk in time is given a fresh
 * snapshot (and the trades still kept) instead of a backlog.
 *
 * Book frames go out at most `maxUpdatesPerSecond` per second with a leading-edge throttle: a
 * change after a quiet period of at least 1/rate is sent at once, later changes within the window
 * are folded into one frame at its end. Trades ride along with a book frame when there is one;
 * otherwise they go out on their own at most at the same rate (also leading-edge), and never hold
 * a book frame back.
 */
export class OrderbookBroadcast {
  readonly feed: BroadcastFeed;
  readonly depth: number;
  private readonly minGapMs: number;
  private readonly now: () => number;
  private readonly onIdle: (() => void) | undefined;
  private readonly clients = new Set<() => void>();
  private unsubscribers: (() => void)[] = [];
  private frame: BookFrame | undefined;
  private snapshotFrame: BookFrame | undefined;
  private chunk: BroadcastChunk | undefined;
  /** The levels as of `frame`; null while the book is empty (not synced yet or resyncing). */
  private view: BookView | null = null;
  private status: BookStreamStatus = "connecting";
  private lastFrameAt = Number.NEGATIVE_INFINITY;
  private lastChunkAt = Number.NEGATIVE_INFINITY;
  private bookTimer: NodeJS.Timeout | undefined;
  private tradeTimer: NodeJS.Timeout | undefined;
  private tradeImmediate: NodeJS.Immediate | undefined;
  private tradeBatches: TradeBatch[] = [];
  private tradesPublished = 0;
  private pendingTrades: PublicTrade[] = [];
  private finished = false;

  constructor(options: OrderbookBroadcastOptions) {
    this.feed = options.feed;
    this.depth = options.depth;
    this.minGapMs = 1000 / options.maxUpdatesPerSecond;
    this.now = options.now ?? Date.now;
    this.onIdle = options.onIdle;
  }

  /** Seq of the newest book frame; 0 before the first client attached. */
  get seq(): number {
    return this.frame?.seq ?? 0;
  }

  /** Trades published so far (a client's tape cursor). */
  get tradeCount(): number {
    return this.tradesPublished;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /**
   * Adds a client; `wake` is called (synchronously) whenever there is a new chunk. The first
   * client starts the stream, which makes its first frame (a snapshot) at once. Returns the detach.
   */
  attach(wake: () => void): () => void {
    if (this.finished) throw new Error("this order book broadcast has finished");
    this.clients.add(wake);
    if (this.clients.size === 1 && this.frame === undefined) this.begin();
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      this.clients.delete(wake);
      if (this.clients.size === 0) this.finish();
    };
  }

  /** The newest chunk written to the clients. */
  latest(): BroadcastChunk {
    if (this.chunk === undefined) throw new Error("nothing broadcast yet: attach a client first");
    return this.chunk;
  }

  /** The newest book frame. */
  current(): BookFrame {
    if (this.frame === undefined) throw new Error("nothing broadcast yet: attach a client first");
    return this.frame;
  }

  /** The state of the newest book frame as a snapshot with the same seq (encoded once per seq). */
  snapshot(): BookFrame {
    const frame = this.current();
    if (frame.kind === "snapshot") return frame;
    if (this.snapshotFrame?.seq !== frame.seq) this.snapshotFrame = this.encodeSnapshot(frame.seq);
    return this.snapshotFrame;
  }

  /** Encoded trades published after `cursor` (a previous `tradeCount`) and still kept, oldest first. */
  tradesSince(cursor: number): Uint8Array[] {
    const chunks: Uint8Array[] = [];
    for (let i = this.tradeBatches.length - 1; i >= 0; i--) {
      const batch = this.tradeBatches[i]!;
      if (batch.end <= cursor) break;
      chunks.push(batch.bytes);
    }
    chunks.reverse();
    return chunks;
  }

  private begin(): void {
    this.unsubscribers.push(
      this.feed.onChange(() => this.onBookChange()),
      this.feed.onTrade((trade) => this.onTrade(trade)),
    );
    this.emitBook();
  }

  private finish(): void {
    this.finished = true;
    clearTimeout(this.bookTimer);
    clearTimeout(this.tradeTimer);
    if (this.tradeImmediate !== undefined) clearImmediate(this.tradeImmediate);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    this.onIdle?.();
  }

  private onBookChange(): void {
    if (this.bookTimer !== undefined) return;
    const wait = this.lastFrameAt + this.minGapMs - this.now();
    if (wait <= 0) {
      this.emitBook();
      return;
    }
    this.bookTimer = setTimeout(() => {
      this.bookTimer = undefined;
      this.emitBook();
    }, Math.ceil(wait));
    this.bookTimer.unref();
  }

  private onTrade(trade: PublicTrade): void {
    this.pendingTrades.push(trade);
    if (this.tradeTimer !== undefined || this.tradeImmediate !== undefined) return;
    const wait = this.lastChunkAt + this.minGapMs - this.now();
    if (wait <= 0) {
      // a burst of fills arrives as several messages in one turn of the event loop: send them together
      this.tradeImmediate = setImmediate(() => {
        this.tradeImmediate = undefined;
        this.publish(undefined);
      });
      return;
    }
    this.tradeTimer = setTimeout(() => {
      this.tradeTimer = undefined;
      this.publish(undefined);
    }, Math.ceil(wait));
    this.tradeTimer.unref();
  }

  /** Makes the next book frame if the feed's state differs from the newest frame's. */
  private emitBook(): void {
    const status = this.feed.status();
    const view = status === "live" || status === "stale" ? this.feed.view(this.depth) : null;
    const seq = this.seq + 1;
    let frame: BookFrame;
    if (this.frame === undefined || (view !== null && this.view === null)) {
      this.view = view;
      this.status = status;
      frame = this.encodeSnapshot(seq);
    } else if (view !== null && this.view !== null && view.version !== this.view.version) {
      const body = diffBookViews(this.view, view);
      this.view = view;
      this.status = status;
      const data = `{"seq":${seq},"status":"${status}",${body}}`;
      frame = {
        seq,
        kind: "update",
        bytes: encoder.encode(encodeSseEvent({ event: "update", id: seq, data })),
      };
    } else if (status !== this.status) {
      this.status = status;
      if (view === null) this.view = null;
      const data = `{"status":"${status}","seq":${seq}}`;
      frame = {
        seq,
        kind: "status",
        bytes: encoder.encode(encodeSseEvent({ event: "status", id: seq, data })),
      };
    } else {
      // nothing a client can see changed (e.g. a diff buffered before the first snapshot)
      return;
    }
    this.lastFrameAt = this.now();
    this.frame = frame;
    this.publish(frame);
  }

  private encodeSnapshot(seq: number): BookFrame {
    const view = this.view;
    const data = JSON.stringify({
      symbol: this.feed.symbol,
      seq,
      status: this.status,
      bids: view?.bids ?? [],
      asks: view?.asks ?? [],
      lastUpdateId: view?.lastUpdateId ?? null,
      venueTime: view?.venueTime ?? null,
      serverTime: view?.serverTime ?? null,
    });
    return {
      seq,
      kind: "snapshot",
      bytes: encoder.encode(encodeSseEvent({ event: "snapshot", id: seq, data })),
    };
  }

  /** Writes the pending trades (oldest first) and then `frame`, if any, to every client as one chunk. */
  private publish(frame: BookFrame | undefined): void {
    const trades = this.encodePendingTrades();
    if (trades === undefined && frame === undefined) return;
    clearTimeout(this.tradeTimer);
    this.tradeTimer = undefined;
    if (this.tradeImmediate !== undefined) clearImmediate(this.tradeImmediate);
    this.tradeImmediate = undefined;
    let bytes: Uint8Array;
    if (trades === undefined) bytes = frame!.bytes;
    else if (frame === undefined) bytes = trades;
    else bytes = Buffer.concat([trades, frame.bytes]);
    this.chunk = { n: (this.chunk?.n ?? 0) + 1, seq: this.seq, tradesEnd: this.tradesPublished, bytes };
    this.lastChunkAt = this.now();
    for (const wake of this.clients) wake();
  }

  private encodePendingTrades(): Uint8Array | undefined {
    if (this.pendingTrades.length === 0) return undefined;
    let text = "";
    for (const trade of this.pendingTrades) {
      text += encodeSseEvent({
        event: "trade",
        data: JSON.stringify({
          symbol: trade.symbol,
          price: trade.price,
          quantity: trade.quantity,
          side: trade.side,
          time: trade.time,
          id: trade.id,
        }),
      });
    }
    const count = this.pendingTrades.length;
    this.pendingTrades = [];
    this.tradesPublished += count;
    const bytes = encoder.encode(text);
    this.tradeBatches.push({ end: this.tradesPublished, count, bytes });
    let kept = 0;
    for (const batch of this.tradeBatches) kept += batch.count;
    while (this.tradeBatches.length > 1 && kept > MAX_KEPT_TRADES) kept -= this.tradeBatches.shift()!.count;
    return bytes;
  }
}
