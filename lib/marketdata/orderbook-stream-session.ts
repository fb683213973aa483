import type { PublicTrade } from "../venue/market-data-types";
import type { StreamConnection, StreamConnectionStats } from "./book-hub";
import type { BookView } from "./book-view";
import type { SseSource } from "./create-sse-stream";
import { diffBookViews } from "./diff-book-views";
import { encodeSseEvent } from "./encode-sse-event";
import type { BookStreamStatus } from "./orderbook-stream-protocol";
import type { SymbolBookFeed } from "./symbol-book-feed";

/** Tape entries kept for a client that is not reading; older ones are dropped. */
const MAX_PENDING_TRADES = 50;

export interface OrderbookStreamSessionOptions {
  feed: SymbolBookFeed;
  depth: number;
  maxUpdatesPerSecond: number;
  /** Sequence number of the first frame minus one. */
  initialSeq?: number;
  now?: () => number;
}

/**
 * One client's view of a symbol's book: a snapshot first, then updates holding only the levels
 * that changed since the frame this client last got (so skipped versions fold into the next
 * frame), at most `maxUpdatesPerSecond` book frames per second, each with the next seq.
 */
export class OrderbookStreamSession implements SseSource, StreamConnection {
  private readonly feed: SymbolBookFeed;
  private readonly depth: number;
  private readonly minGapMs: number;
  private readonly now: () => number;
  private seq: number;
  private sentAny = false;
  /** The view this client holds; null when its book is empty (not yet synced or resyncing). */
  private sentView: BookView | null = null;
  private sentStatus: BookStreamStatus = "connecting";
  private lastFrameAt = Number.NEGATIVE_INFINITY;
  private trades: PublicTrade[] = [];
  private wake: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribers: (() => void)[] = [];
  private readonly counts = { framesSent: 0, coalesced: 0, tradesDropped: 0 };
  private changesSinceFrame = 0;
  /** Set by the stream so stats can report the response's queue. */
  pendingChunks: () => number = () => 0;

  constructor(options: OrderbookStreamSessionOptions) {
    this.feed = options.feed;
    this.depth = options.depth;
    this.minGapMs = 1000 / options.maxUpdatesPerSecond;
    this.now = options.now ?? Date.now;
    this.seq = options.initialSeq ?? 0;
  }

  start(wake: () => void): void {
    this.wake = wake;
    this.unsubscribers.push(
      this.feed.onChange(() => {
        this.changesSinceFrame += 1;
        wake();
      }),
      this.feed.onTrade((trade) => {
        if (this.trades.length >= MAX_PENDING_TRADES) {
          this.trades.shift();
          this.counts.tradesDropped += 1;
        }
        this.trades.push(trade);
        wake();
      }),
    );
  }

  close(): void {
    clearTimeout(this.timer);
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    this.wake = undefined;
  }

  nextChunk(): string | undefined {
    const now = this.now();
    const wait = this.lastFrameAt + this.minGapMs - now;
    if (wait > 0) {
      this.wakeLater(wait);
      return undefined;
    }
    const book = this.bookFrame();
    const tape = this.tradeFrames();
    if (book === undefined && tape === "") return undefined;
    this.lastFrameAt = now;
    if (book !== undefined) {
      this.counts.framesSent += 1;
      if (this.changesSinceFrame > 1) this.counts.coalesced += this.changesSinceFrame - 1;
      this.changesSinceFrame = 0;
    }
    return tape + (book ?? "");
  }

  stats(): StreamConnectionStats {
    return {
      symbol: this.feed.symbol,
      depth: this.depth,
      pendingChunks: this.pendingChunks(),
      ...this.counts,
    };
  }

  private bookFrame(): string | undefined {
    const status = this.feed.status();
    const view = status === "live" || status === "stale" ? this.feed.view(this.depth) : null;
    if (!this.sentAny || (view !== null && this.sentView === null)) return this.snapshot(status, view);
    if (view !== null && this.sentView !== null && view.version !== this.sentView.version) {
      const body = diffBookViews(this.sentView, view);
      this.sentView = view;
      this.sentStatus = status;
      const seq = ++this.seq;
      return encodeSseEvent({
        event: "update",
        id: seq,
        data: `{"seq":${seq},"status":"${status}",${body}}`,
      });
    }
    if (status === this.sentStatus) return undefined;
    this.sentStatus = status;
    if (view === null) this.sentView = null;
    const seq = ++this.seq;
    return encodeSseEvent({ event: "status", id: seq, data: `{"status":"${status}","seq":${seq}}` });
  }

  private snapshot(status: BookStreamStatus, view: BookView | null): string {
    this.sentAny = true;
    this.sentView = view;
    this.sentStatus = status;
    const seq = ++this.seq;
    const data = JSON.stringify({
      symbol: this.feed.symbol,
      seq,
      status,
      bids: view?.bids ?? [],
      asks: view?.asks ?? [],
      lastUpdateId: view?.lastUpdateId ?? null,
      venueTime: view?.venueTime ?? null,
      serverTime: view?.serverTime ?? null,
    });
    return encodeSseEvent({ event: "snapshot", id: seq, data });
  }

  private tradeFrames(): string {
    if (this.trades.length === 0) return "";
    let text = "";
    for (const trade of this.trades) {
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
    this.trades = [];
    return text;
  }

  private wakeLater(ms: number): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wake?.();
    }, Math.ceil(ms));
    this.timer.unref();
  }
}
