import type {
  DepthDiff,
  DepthSnapshot,
  FetchDepthSnapshotOptions,
  PublicTrade,
  WatchMarketStreamOptions,
} from "./market-data-types";
import type { VenueCounters } from "./venue-counters";
import type { VenueError } from "./venue-errors";
import type {
  CancelOrderRequest,
  FetchTradesRequest,
  Instrument,
  OwnOrderEvent,
  PlaceOrderRequest,
  TradesPage,
  VenueBalanceSnapshot,
  VenueHealth,
  VenueOrder,
} from "./venue-types";

/**
 * accepted: the venue holds the order (recovered: found by client order id after an unknown attempt).
 * rejected: definitive venue evidence that no order exists (filters, balance, auth, rate limit on every attempt).
 * unknown: the order may or may not exist; leave it pending until a lookup, the user stream or reconciliation.
 */
export type PlaceOrderResult =
  | { status: "accepted"; order: VenueOrder; recovered: boolean; attempts: number }
  | { status: "rejected"; clientOrderId: string; error: VenueError; attempts: number }
  | { status: "unknown"; clientOrderId: string; error: VenueError; attempts: number };

export interface PlaceOrderHooks {
  /**
   * Awaited before each attempt is signed and sent (1, 2, ...): the caller records the send durably
   * here, so whoever settles the order later knows when it could last have executed.
   */
  beforeAttempt?: (attempt: number) => Promise<void>;
}

/** not_found: the venue does not know the order as open (never existed, or already filled/canceled). */
export type CancelOrderResult =
  | { status: "canceled"; order: VenueOrder }
  | { status: "not_found"; error: VenueError };

export interface WatchOwnOrdersOptions {
  symbol?: string;
  signal?: AbortSignal;
}

/** What Tally needs from a trading venue. Decimals are strings; symbols are ccxt unified ("BTC/USDT"). */
export interface VenuePort {
  /** "sim" or the ccxt exchange id. */
  readonly venue: string;
  loadInstruments(options?: { reload?: boolean }): Promise<Instrument[]>;
  /**
   * Never throws for an attempt that reached the venue: the outcome is in the result. Throws only
   * VenueCircuitOpenError / VenueConfigError before anything was sent.
   */
  placeOrder(request: PlaceOrderRequest, hooks?: PlaceOrderHooks): Promise<PlaceOrderResult>;
  /**
   * How long after a placement attempt starts it may still execute at the venue (the order
   * recvWindow, the measured clock offset and a margin). A lookup by client order id that finds
   * nothing proves the order absent only once this much time has passed since the last attempt.
   */
  executionWindowMs(): number;
  /** Idempotent; retried on transient errors. Throws typed VenueErrors otherwise. */
  cancelOrder(request: CancelOrderRequest): Promise<CancelOrderResult>;
  /**
   * The venue's mass cancel of every open order of our account in the symbol, whoever placed it
   * (Binance `DELETE /api/v3/openOrders`): the orders it canceled, none when nothing was open.
   */
  cancelAllOrders(options: { symbol: string }): Promise<VenueOrder[]>;
  /** null when the venue does not know the id (see executionWindowMs before taking that as absence); throws when the lookup failed. */
  fetchOrderByClientId(options: { symbol: string; clientOrderId: string }): Promise<VenueOrder | null>;
  fetchOpenOrders(options?: { symbol?: string }): Promise<VenueOrder[]>;
  fetchTradesSince(request: FetchTradesRequest): Promise<TradesPage>;
  /** The cursor that continues after a trade seen earlier (for a position stored between runs). */
  tradeCursorAfter(trade: { tradeId: string; timestamp: number | null }): string;
  fetchBalances(): Promise<VenueBalanceSnapshot>;
  /** REST depth snapshot with the venue's update id, for syncing a local book from diffs. */
  fetchDepthSnapshot(options: FetchDepthSnapshotOptions): Promise<DepthSnapshot>;
  /**
   * The venue's raw depth diffs (Binance `<symbol>@depth@100ms`), reconnecting with backoff until the
   * signal aborts. Diffs missed while disconnected show up as a `U` gap. Binance-family venues only:
   * others throw VenueConfigError.
   */
  watchDepthDiffs(options: WatchMarketStreamOptions): AsyncIterable<DepthDiff>;
  /** Public trades (Binance `<symbol>@trade`), reconnecting until the signal aborts. */
  watchPublicTrades(options: WatchMarketStreamOptions): AsyncIterable<PublicTrade>;
  /** Own order updates and fills; a "resync" event after a reconnect. Ends on abort/close. */
  watchOwnOrders(options?: WatchOwnOrdersOptions): AsyncIterable<OwnOrderEvent>;
  checkHealth(): Promise<VenueHealth>;
  getCounters(): VenueCounters;
  /** The venue's newest count of this minute's request weight and when (our clock) it was read; null before any answer. */
  usedWeight(): { weight: number; at: number } | null;
  close(): Promise<void>;
}
