import { DomainError } from "../errors/domain-error";
import { type Logger, logger as rootLogger } from "../observability/logger";
import type { VenuePort } from "../venue/port/venue-port";
import { OrderbookBroadcast } from "./orderbook-broadcast";
import type { OrderbookStreamConfig } from "./orderbook-stream-config";
import { type FeedHealth, type MarketDataVenue, SymbolBookFeed } from "./symbol-book-feed";

export type BookHubVenue = MarketDataVenue & Pick<VenuePort, "loadInstruments">;

export interface BookHubOptions {
  venue: BookHubVenue;
  config: OrderbookStreamConfig;
  logger?: Logger;
  now?: () => number;
}

/** One subscriber's hold on a symbol's feed; release it exactly once when the client leaves. */
export interface BookSubscription {
  readonly feed: SymbolBookFeed;
  release(): void;
}

interface Entry {
  feed: SymbolBookFeed;
  idleTimer?: NodeJS.Timeout;
  /** One frame stream per depth in use, shared by that depth's clients. */
  broadcasts: Map<number, OrderbookBroadcast>;
}

/**
 * Shares one venue subscription per symbol among all stream clients: started by the first
 * subscriber, stopped `idleGraceMs` after the last one leaves, and all stopped by `stop()`.
 */
export class BookHub {
  readonly config: OrderbookStreamConfig;
  private readonly venue: BookHubVenue;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private stopped = false;

  constructor(options: BookHubOptions) {
    this.venue = options.venue;
    this.config = options.config;
    this.log = options.logger ?? rootLogger;
    this.now = options.now ?? Date.now;
  }

  /** Throws DomainError `unknown_symbol` (bad_request) for a symbol the venue does not list. */
  async subscribe(symbol: string): Promise<BookSubscription> {
    if (this.stopped) {
      throw new DomainError({
        kind: "unavailable",
        code: "shutting_down",
        detail: "The server is shutting down",
      });
    }
    const instruments = await this.venue.loadInstruments();
    if (!instruments.some((instrument) => instrument.symbol === symbol)) {
      throw new DomainError({
        kind: "bad_request",
        code: "unknown_symbol",
        detail: `The venue does not list ${symbol}`,
      });
    }
    let entry = this.entries.get(symbol);
    if (!entry) {
      const feed = new SymbolBookFeed({
        symbol,
        venue: this.venue,
        config: this.config,
        logger: this.log,
        now: this.now,
      });
      entry = { feed, broadcasts: new Map() };
      this.entries.set(symbol, entry);
      feed.start();
      this.log.info({ symbol }, "order book feed started");
    }
    clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    const held = entry;
    held.feed.subscribers += 1;
    let released = false;
    return {
      feed: held.feed,
      release: () => {
        if (released) return;
        released = true;
        held.feed.subscribers -= 1;
        if (held.feed.subscribers === 0 && !this.stopped) this.scheduleIdleStop(symbol, held);
      },
    };
  }

  /** Symbols with a running venue subscription (including ones within their idle grace period). */
  activeSymbols(): string[] {
    return [...this.entries.keys()];
  }

  health(): FeedHealth[] {
    return [...this.entries.values()].map((entry) => entry.feed.health());
  }

  feed(symbol: string): SymbolBookFeed | undefined {
    return this.entries.get(symbol)?.feed;
  }

  /**
   * The frame stream of `symbol` at `depth`, shared by every client streaming it; hold a
   * subscription to the symbol while using it. It ends when its last client detaches.
   */
  broadcast(symbol: string, depth: number): OrderbookBroadcast {
    const entry = this.entries.get(symbol);
    if (!entry) throw new Error(`no feed for ${symbol}: subscribe first`);
    const existing = entry.broadcasts.get(depth);
    if (existing && !existing.isFinished) return existing;
    const broadcast: OrderbookBroadcast = new OrderbookBroadcast({
      feed: entry.feed,
      depth,
      maxUpdatesPerSecond: this.config.maxUpdatesPerSecond,
      now: this.now,
      onIdle: () => {
        if (entry.broadcasts.get(depth) === broadcast) entry.broadcasts.delete(depth);
      },
    });
    entry.broadcasts.set(depth, broadcast);
    return broadcast;
  }

  stop(): void {
    this.stopped = true;
    for (const [symbol, entry] of this.entries) {
      clearTimeout(entry.idleTimer);
      entry.feed.stop();
      this.log.info({ symbol }, "order book feed stopped");
    }
    this.entries.clear();
  }

  private scheduleIdleStop(symbol: string, entry: Entry): void {
    clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      if (entry.feed.subscribers > 0 || this.entries.get(symbol) !== entry) return;
      this.entries.delete(symbol);
      entry.feed.stop();
      this.log.info({ symbol }, "order book feed stopped: no subscribers");
    }, this.config.idleGraceMs);
    entry.idleTimer.unref();
  }
}

export function createBookHub(options: BookHubOptions): BookHub {
  return new BookHub(options);
}
