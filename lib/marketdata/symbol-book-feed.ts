import type { Logger } from "../observability/logger";
import type { DepthDiff, PriceLevel, PublicTrade } from "../venue/port/market-data-types";
import type { VenuePort } from "../venue/port/venue-port";
import { computeBackoffDelay } from "../venue/resilience/compute-backoff-delay";
import { BookSync } from "./book-sync";
import type { SyncCounters } from "./book-sync-types";
import type { BookView } from "./book-view";
import { OrderBook } from "./order-book";
import type { OrderbookStreamConfig } from "./orderbook-stream-config";
import type { BookStreamStatus } from "./orderbook-stream-protocol";

/** What the feed needs from the venue. */
export type MarketDataVenue = Pick<VenuePort, "fetchDepthSnapshot" | "watchDepthDiffs" | "watchPublicTrades">;

/** Binance sends prices with 8 decimals; keyed at that scale every price it can send is exact. */
const PRICE_DECIMALS = 8;
/** With a quiet market no diff may come to trigger the first snapshot: fetch it anyway after this. */
const FIRST_SNAPSHOT_DELAY_MS = 1_000;
const RETRY_BASE_MS = 250;
const RETRY_CAP_MS = 10_000;

export interface FeedCounters extends SyncCounters {
  /** Depth stream connections lost (each followed by a reconnect). */
  reconnects: number;
  snapshotRequests: number;
  snapshotFailures: number;
  /** Diffs that could not be applied (malformed); the book was discarded. */
  badDiffs: number;
}

export interface FeedHealth {
  symbol: string;
  status: BookStreamStatus;
  /** ms since the last venue update was applied; null before the first. */
  stalenessMs: number | null;
  /** ms since the book stopped being live (or since the feed started); 0 while live. */
  notLiveForMs: number;
  subscribers: number;
  counters: FeedCounters;
  lastError: string | null;
}

export interface SymbolBookFeedOptions {
  symbol: string;
  venue: MarketDataVenue;
  config: OrderbookStreamConfig;
  logger: Logger;
  now?: () => number;
}

/**
 * One venue subscription for one symbol: raw depth diffs into BookSync (Binance's local-book
 * procedure), REST snapshots fetched single-flight whenever the machine needs one, spaced by
 * `minResyncIntervalMs` plus jittered backoff after failures, and the public trades tape.
 * Listeners are told (synchronously) that something changed and pull the state they need.
 */
export class SymbolBookFeed {
  readonly symbol: string;
  private readonly venue: MarketDataVenue;
  private readonly config: OrderbookStreamConfig;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly sync: BookSync;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<() => void>();
  private readonly tradeListeners = new Set<(trade: PublicTrade) => void>();
  private readonly views = new Map<number, BookView>();
  private readonly extra = { reconnects: 0, snapshotRequests: 0, snapshotFailures: 0, badDiffs: 0 };
  private bookVersion = 0;
  private connected = false;
  private everLive = false;
  private notLiveSince: number;
  private venueTime: number | null = null;
  private serverTime: number | null = null;
  private snapshotInFlight = false;
  private lastSnapshotAt = Number.NEGATIVE_INFINITY;
  private snapshotFailuresInRow = 0;
  private lastStatus: BookStreamStatus = "connecting";
  private lastError: string | null = null;
  private statusTimer: NodeJS.Timeout | undefined;
  private firstSnapshotTimer: NodeJS.Timeout | undefined;
  subscribers = 0;

  constructor(options: SymbolBookFeedOptions) {
    this.symbol = options.symbol;
    this.venue = options.venue;
    this.config = options.config;
    this.log = options.logger.child({ component: "book-feed", symbol: options.symbol });
    this.now = options.now ?? Date.now;
    this.notLiveSince = this.now();
    this.sync = new BookSync({ book: new OrderBook({ priceDecimals: PRICE_DECIMALS }), now: this.now });
  }

  start(): void {
    void this.runDiffs();
    void this.runTrades();
    const every = Math.max(50, Math.min(1_000, Math.floor(this.config.staleAfterMs / 4)));
    this.statusTimer = setInterval(() => this.notifyIfStatusChanged(), every);
    this.statusTimer.unref();
  }

  stop(): void {
    this.abort.abort();
    clearInterval(this.statusTimer);
    clearTimeout(this.firstSnapshotTimer);
    this.listeners.clear();
    this.tradeListeners.clear();
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /** Changes on every applied diff or snapshot. */
  get version(): number {
    return this.bookVersion;
  }

  status(): BookStreamStatus {
    if (this.sync.state !== "live") return this.everLive ? "resyncing" : "connecting";
    const last = this.sync.lastUpdateTime;
    if (!this.connected || last === undefined || this.now() - last > this.config.staleAfterMs) return "stale";
    return "live";
  }

  /** The top `depth` levels of the current version; null unless the book is synced (live or stale). */
  view(depth: number): BookView | null {
    if (this.sync.state !== "live") return null;
    const cached = this.views.get(depth);
    if (cached?.version === this.bookVersion) return cached;
    const top = this.sync.book.top(depth);
    const bids = top.bids.map((level): PriceLevel => [level.price, level.quantity]);
    const asks = top.asks.map((level): PriceLevel => [level.price, level.quantity]);
    const view: BookView = {
      version: this.bookVersion,
      depth,
      bids,
      asks,
      bidMap: new Map(bids),
      askMap: new Map(asks),
      lastUpdateId: this.sync.lastUpdateId ?? null,
      venueTime: this.venueTime,
      serverTime: this.serverTime,
    };
    // one view per depth in use; clients keep their own reference to the last one they were sent
    this.views.set(depth, view);
    return view;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onTrade(listener: (trade: PublicTrade) => void): () => void {
    this.tradeListeners.add(listener);
    return () => this.tradeListeners.delete(listener);
  }

  health(): FeedHealth {
    const status = this.status();
    const last = this.sync.lastUpdateTime;
    return {
      symbol: this.symbol,
      status,
      stalenessMs: last === undefined ? null : this.now() - last,
      notLiveForMs: status === "live" ? 0 : this.now() - this.notLiveSince,
      subscribers: this.subscribers,
      counters: { ...this.sync.counters, ...this.extra },
      lastError: this.lastError,
    };
  }

  private async runDiffs(): Promise<void> {
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const diffs = this.venue.watchDepthDiffs({
          symbol: this.symbol,
          signal,
          onConnectionChange: (connected) => this.onConnectionChange(connected),
        });
        for await (const diff of diffs) {
          failures = 0;
          this.onDiff(diff);
        }
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        this.lastError = (error as Error).message;
        this.log.error({ error_message: this.lastError }, "depth stream failed");
        await this.sleep(
          computeBackoffDelay({ attempt: failures, baseMs: RETRY_BASE_MS, capMs: RETRY_CAP_MS }),
        );
      }
    }
  }

  private async runTrades(): Promise<void> {
    const signal = this.abort.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        for await (const trade of this.venue.watchPublicTrades({ symbol: this.symbol, signal })) {
          failures = 0;
          for (const listener of this.tradeListeners) listener(trade);
        }
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        this.log.warn({ error_message: (error as Error).message }, "trade stream failed");
        await this.sleep(
          computeBackoffDelay({ attempt: failures, baseMs: RETRY_BASE_MS, capMs: RETRY_CAP_MS }),
        );
      }
    }
  }

  private onConnectionChange(connected: boolean): void {
    if (this.stopped) return;
    this.connected = connected;
    if (!connected) {
      this.extra.reconnects += 1;
    } else if (this.sync.needsSnapshot()) {
      clearTimeout(this.firstSnapshotTimer);
      this.firstSnapshotTimer = setTimeout(() => this.requestSnapshot(), FIRST_SNAPSHOT_DELAY_MS);
      this.firstSnapshotTimer.unref();
    }
    this.notifyIfStatusChanged();
  }

  private onDiff(diff: DepthDiff): void {
    const applied = this.sync.counters.applied;
    try {
      this.sync.onDiff({ U: diff.U, u: diff.u, b: diff.b, a: diff.a });
    } catch (error) {
      this.extra.badDiffs += 1;
      this.lastError = (error as Error).message;
      this.log.warn({ error_message: this.lastError }, "bad depth diff: book discarded");
    }
    if (this.sync.counters.applied !== applied) {
      this.venueTime = diff.E;
      this.serverTime = this.now();
      this.bookVersion += 1;
    }
    // Binance: buffer the stream first, then fetch the snapshot
    if (this.sync.needsSnapshot()) this.requestSnapshot();
    this.changed();
  }

  private requestSnapshot(): void {
    if (this.snapshotInFlight || this.stopped || !this.sync.needsSnapshot()) return;
    this.snapshotInFlight = true;
    const spacing = Math.max(0, this.lastSnapshotAt + this.config.minResyncIntervalMs - this.now());
    const backoff =
      this.snapshotFailuresInRow === 0
        ? 0
        : computeBackoffDelay({
            attempt: this.snapshotFailuresInRow,
            baseMs: RETRY_BASE_MS,
            capMs: RETRY_CAP_MS,
          });
    void (async () => {
      try {
        await this.sleep(spacing + backoff);
        if (this.stopped || !this.sync.needsSnapshot()) return;
        this.lastSnapshotAt = this.now();
        this.extra.snapshotRequests += 1;
        const snapshot = await this.venue.fetchDepthSnapshot({
          symbol: this.symbol,
          limit: this.config.snapshotLimit,
        });
        if (this.stopped) return;
        this.sync.onSnapshot(snapshot);
        this.snapshotFailuresInRow = 0;
        if (this.sync.state === "live") {
          this.bookVersion += 1;
          this.serverTime = this.now();
          this.venueTime ??= this.serverTime;
        }
      } catch (error) {
        if (this.stopped) return;
        this.snapshotFailuresInRow += 1;
        this.extra.snapshotFailures += 1;
        this.lastError = (error as Error).message;
        this.log.warn({ error_message: this.lastError }, "depth snapshot failed");
      } finally {
        this.snapshotInFlight = false;
      }
      if (this.stopped) return;
      this.changed();
      // a stale snapshot or a failure leaves the machine waiting for another one
      if (this.sync.needsSnapshot()) this.requestSnapshot();
    })();
  }

  private changed(): void {
    if (this.sync.state === "live") this.everLive = true;
    this.trackLiveness(this.status());
    for (const listener of this.listeners) listener();
  }

  private notifyIfStatusChanged(): void {
    if (this.status() !== this.lastStatus) this.changed();
  }

  private trackLiveness(status: BookStreamStatus): void {
    if (status === this.lastStatus) return;
    if (this.lastStatus === "live") this.notLiveSince = this.now();
    if (status !== "live") this.log.info({ from: this.lastStatus, to: status }, "order book status");
    this.lastStatus = status;
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.abort.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
