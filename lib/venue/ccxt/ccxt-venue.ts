import ccxt, { type Exchange, type Trade } from "ccxt";
import { type Logger, logger as rootLogger } from "../../observability/logger";
import { binanceRawStreamUrl, hasBinanceRawStreams } from "../binance/binance-raw-streams";
import {
  parseBinanceDepthDiff,
  parseBinanceDepthSnapshot,
  parseBinancePublicTrade,
} from "../binance/parse-binance-market-event";
import { streamRawMarketEvents } from "../binance/stream-raw-market-events";
import type {
  DepthDiff,
  DepthSnapshot,
  FetchDepthSnapshotOptions,
  PublicTrade,
  WatchMarketStreamOptions,
} from "../port/market-data-types";
import { createVenueCounters, type VenueCounters } from "../port/venue-counters";
import { VenueError, VenueValidationError } from "../port/venue-errors";
import type {
  CancelOrderResult,
  PlaceOrderHooks,
  PlaceOrderResult,
  VenuePort,
  WatchOwnOrdersOptions,
} from "../port/venue-port";
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
} from "../port/venue-types";
import { ReconnectGate } from "../resilience/reconnect-gate";
import { sendOrderWithRecovery } from "../resilience/send-order-with-recovery";
import {
  type BreakerName,
  type RequestAttemptRecord,
  VenueRequestRunner,
} from "../resilience/venue-request-runner";
import type { UsedWeight } from "../resilience/weight-pacer";
import type { VenueConfig } from "../venue-config";
import { createCcxtExchange } from "./create-ccxt-exchange";
import { depthWeight, WEIGHT } from "./endpoint-weights";
import { InstrumentCache } from "./instrument-cache";
import { mapCcxtBalances } from "./map-ccxt-balances";
import { mapCcxtDepthSnapshot } from "./map-ccxt-depth-snapshot";
import { mapCcxtMarket } from "./map-ccxt-market";
import { mapCcxtOrder } from "./map-ccxt-order";
import { mapCcxtTrade } from "./map-ccxt-trade";
import { observeUsedWeight } from "./observe-used-weight";
import { streamOwnOrders } from "./stream-own-orders";
import { decodeTradeCursor, encodeTradeCursor } from "./trade-cursor";
import { VenueHealthProbe } from "./venue-health-probe";

export interface AuthBreakerOpenEvent {
  venue: string;
  at: string;
  /** Scrubbed message of the error that opened the breaker. */
  reason: string | null;
}

export interface CcxtVenueOptions {
  config: VenueConfig;
  /** A pre-built ccxt client (tests); otherwise built from config. */
  exchange?: Exchange;
  logger?: Logger;
  /** Called when the auth breaker opens (the kill switch hooks in here). */
  onAuthBreakerOpen?: (event: AuthBreakerOpenEvent) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/** VenuePort on a ccxt.pro exchange. Every REST call goes through VenueRequestRunner. */
export class CcxtVenue implements VenuePort {
  readonly venue: string;
  readonly exchange: Exchange;
  private readonly config: VenueConfig;
  private readonly log: Logger;
  private readonly runner: VenueRequestRunner;
  private readonly counters: VenueCounters = createVenueCounters();
  private readonly now: () => number;
  private readonly closing = new AbortController();
  private readonly marketGate: ReconnectGate;
  private readonly userGate: ReconnectGate;
  private readonly instruments: InstrumentCache;
  private readonly health: VenueHealthProbe;
  private readonly sleep?: (ms: number) => Promise<void>;

  constructor(options: CcxtVenueOptions) {
    this.config = options.config;
    this.venue = options.config.venue;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep;
    this.log = (options.logger ?? rootLogger).child({ component: "venue", venue: this.venue });
    this.exchange = options.exchange ?? createCcxtExchange({ config: options.config });
    observeUsedWeight(this.exchange, (weight) => this.runner.pacer.observe(weight));
    this.runner = new VenueRequestRunner({
      config: options.config,
      venueOffsetMs: () => this.health?.clockOffsetMs ?? 0,
      logger: this.log,
      counters: this.counters,
      secrets: [options.config.apiKey, options.config.apiSecret].filter((secret) => secret.length > 0),
      sleep: options.sleep,
      random: options.random,
      now: this.now,
      onBreakerStateChange: (change) => {
        if (change.name === "auth" && change.to === "open") {
          const event: AuthBreakerOpenEvent = {
            venue: this.venue,
            at: new Date(this.now()).toISOString(),
            reason: change.error?.message ?? null,
          };
          this.log.error(
            { breaker: "auth" },
            "venue auth breaker open: trading must halt until an operator fixes credentials",
          );
          try {
            options.onAuthBreakerOpen?.(event);
          } catch (error) {
            this.log.error({ error_message: (error as Error)?.message }, "onAuthBreakerOpen callback failed");
          }
        }
      },
    });
    const gate = (kind: "marketData" | "ownOrders") =>
      new ReconnectGate({
        baseMs: options.config.ws.reconnectBaseMs,
        capMs: options.config.ws.reconnectMaxMs,
        sleep: options.sleep,
        random: options.random,
        onReconnect: (attempt) => {
          this.counters.wsReconnects[kind] += 1;
          this.log.warn({ stream: kind, attempt }, "venue websocket reconnect");
        },
      });
    this.marketGate = gate("marketData");
    this.userGate = gate("ownOrders");
    this.instruments = new InstrumentCache((reload) =>
      this.request("loadMarkets", "public", "idempotent", WEIGHT.exchangeInfo, async () => {
        const markets = await this.exchange.loadMarkets(reload);
        const tickSizeMode = this.exchange.precisionMode === ccxt.TICK_SIZE;
        return Object.values(markets)
          .filter((market): market is NonNullable<typeof market> => market?.spot === true)
          .map((market) => mapCcxtMarket({ market, tickSizeMode }));
      }),
    );
    this.health = new VenueHealthProbe({
      fetchTime: () =>
        this.request("fetchTime", "public", "none", WEIGHT.time, () => this.exchange.fetchTime()),
      breakerStates: () => this.runner.breakerStates(),
      recvWindowMs: options.config.recvWindowMs,
      logger: this.log,
      now: this.now,
    });
  }

  loadInstruments(options: { reload?: boolean } = {}): Promise<Instrument[]> {
    return this.instruments.all(options);
  }

  async placeOrder(request: PlaceOrderRequest, hooks: PlaceOrderHooks = {}): Promise<PlaceOrderResult> {
    await this.loadInstruments();
    if (request.type === "limit" && request.price === undefined) {
      throw new VenueValidationError("placeOrder: a limit order needs a price");
    }
    const params: Record<string, unknown> = {
      clientOrderId: request.clientOrderId,
      recvWindow: this.config.orderRecvWindowMs,
    };
    if (request.type === "limit") params.timeInForce = request.timeInForce ?? "GTC";
    const result = await sendOrderWithRecovery({
      request,
      runner: this.runner,
      // ccxt's typings say number, but its precision helpers take decimal strings as they are,
      // which keeps the quantity and price exact.
      send: async () =>
        mapCcxtOrder(
          await this.exchange.createOrder(
            request.symbol,
            request.type,
            request.side,
            request.quantity as unknown as number,
            request.price as unknown as number | undefined,
            params,
          ),
        ),
      lookup: () =>
        this.fetchOrderByClientId({ symbol: request.symbol, clientOrderId: request.clientOrderId }),
      executionWindowMs: this.executionWindowMs(),
      maxWaitMs: this.config.recoveryWaitMaxMs,
      beforeAttempt: hooks.beforeAttempt,
      now: this.now,
      sleep: this.sleep,
      onRecovered: (order) => {
        this.counters.recoveredByLookup += 1;
        this.log.info(
          { client_order_id: order.clientOrderId, symbol: order.symbol },
          "order recovered by lookup",
        );
      },
      onUnknown: (error) => {
        this.counters.unknownOutcomes += 1;
        this.log.warn(
          { client_order_id: request.clientOrderId, error_kind: error.kind },
          "order outcome unknown: leave pending",
        );
      },
    });
    return result;
  }

  executionWindowMs(): number {
    const { orderRecvWindowMs, executionWindowMarginMs } = this.config;
    return orderRecvWindowMs + Math.abs(this.health.clockOffsetMs ?? 0) + executionWindowMarginMs;
  }

  async cancelOrder(request: CancelOrderRequest): Promise<CancelOrderResult> {
    if (!request.clientOrderId && !request.venueOrderId) {
      throw new VenueValidationError("cancelOrder: clientOrderId or venueOrderId is required");
    }
    await this.loadInstruments();
    const params = request.clientOrderId ? { clientOrderId: request.clientOrderId } : {};
    try {
      const raw = await this.request("cancelOrder", "private", "idempotent", WEIGHT.cancelOrder, () =>
        this.exchange.cancelOrder(request.venueOrderId ?? "", request.symbol, params),
      );
      return { status: "canceled", order: mapCcxtOrder(raw) };
    } catch (error) {
      if (error instanceof VenueError && error.kind === "order_not_found")
        return { status: "not_found", error };
      throw error;
    }
  }

  async cancelAllOrders(options: { symbol: string }): Promise<VenueOrder[]> {
    await this.loadInstruments();
    try {
      const raw = await this.request(
        "cancelAllOrders",
        "private",
        "idempotent",
        WEIGHT.cancelOpenOrders,
        () => this.exchange.cancelAllOrders(options.symbol),
      );
      return (raw as unknown as Parameters<typeof mapCcxtOrder>[0][]).map(mapCcxtOrder);
    } catch (error) {
      // Binance answers -2011 "Unknown order sent" when nothing is open in the symbol.
      if (error instanceof VenueError && error.kind === "order_not_found") return [];
      throw error;
    }
  }

  async fetchOrderByClientId(options: { symbol: string; clientOrderId: string }): Promise<VenueOrder | null> {
    await this.loadInstruments();
    try {
      const raw = await this.request("fetchOrder", "private", "idempotent", WEIGHT.order, () =>
        this.exchange.fetchOrder("", options.symbol, { clientOrderId: options.clientOrderId }),
      );
      return mapCcxtOrder(raw);
    } catch (error) {
      if (error instanceof VenueError && error.kind === "order_not_found") return null;
      throw error;
    }
  }

  async fetchOpenOrders(options: { symbol?: string } = {}): Promise<VenueOrder[]> {
    await this.loadInstruments();
    const weight = options.symbol ? WEIGHT.openOrdersOfSymbol : WEIGHT.openOrders;
    const raw = await this.request("fetchOpenOrders", "private", "idempotent", weight, () =>
      this.exchange.fetchOpenOrders(options.symbol),
    );
    return raw.map(mapCcxtOrder);
  }

  tradeCursorAfter(trade: { tradeId: string; timestamp: number | null }): string {
    return encodeTradeCursor({ lastTradeId: trade.tradeId, lastTimestamp: trade.timestamp });
  }

  async fetchTradesSince(request: FetchTradesRequest): Promise<TradesPage> {
    await this.loadInstruments();
    const cursor = decodeTradeCursor(request.cursor);
    if (request.cursor && !cursor) throw new VenueValidationError("fetchTradesSince: invalid cursor");
    const limit = request.limit ?? 500;
    const byFromId = this.exchange.id.startsWith("binance");
    const params: Record<string, unknown> = {};
    let since: number | undefined;
    if (byFromId) params.fromId = cursor ? (BigInt(cursor.lastTradeId) + 1n).toString() : "0";
    else since = cursor?.lastTimestamp ?? undefined;
    const raw: Trade[] = await this.request("fetchMyTrades", "private", "idempotent", WEIGHT.myTrades, () =>
      this.exchange.fetchMyTrades(request.symbol, since, limit, params),
    );
    const trades = raw
      .map(mapCcxtTrade)
      .filter((trade) => !cursor || byFromId || trade.tradeId !== cursor.lastTradeId)
      .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    const last = trades.at(-1);
    const nextCursor = last
      ? encodeTradeCursor({ lastTradeId: last.tradeId, lastTimestamp: last.timestamp })
      : (request.cursor ?? null);
    return { trades, nextCursor };
  }

  async fetchBalances(): Promise<VenueBalanceSnapshot> {
    return mapCcxtBalances(
      await this.request("fetchBalance", "private", "idempotent", WEIGHT.account, () =>
        this.exchange.fetchBalance(),
      ),
    );
  }

  async fetchDepthSnapshot(options: FetchDepthSnapshotOptions): Promise<DepthSnapshot> {
    const instrument = await this.instruments.find(options.symbol);
    if (hasBinanceRawStreams({ config: this.config, exchange: this.exchange })) {
      const weight = depthWeight(options.limit);
      const answer = await this.request("fetchDepth", "public", "idempotent", weight, () =>
        (this.exchange as unknown as { publicGetDepth(params: object): Promise<unknown> }).publicGetDepth({
          symbol: instrument.venueSymbol,
          limit: options.limit,
        }),
      );
      return parseBinanceDepthSnapshot(answer);
    }
    const book = await this.request(
      "fetchOrderBook",
      "public",
      "idempotent",
      depthWeight(options.limit),
      () => this.exchange.fetchOrderBook(options.symbol, options.limit),
    );
    return mapCcxtDepthSnapshot(book);
  }

  async *watchDepthDiffs(options: WatchMarketStreamOptions): AsyncGenerator<DepthDiff> {
    const instrument = await this.instruments.find(options.symbol);
    yield* streamRawMarketEvents({
      url: this.rawStreamUrl(`${instrument.venueSymbol.toLowerCase()}@depth@100ms`),
      signal: this.streamSignal(options.signal),
      gate: this.marketGate,
      logger: this.log,
      parse: parseBinanceDepthDiff,
      onConnectionChange: options.onConnectionChange,
    });
  }

  async *watchPublicTrades(options: WatchMarketStreamOptions): AsyncGenerator<PublicTrade> {
    const instrument = await this.instruments.find(options.symbol);
    yield* streamRawMarketEvents({
      url: this.rawStreamUrl(`${instrument.venueSymbol.toLowerCase()}@trade`),
      signal: this.streamSignal(options.signal),
      gate: this.marketGate,
      logger: this.log,
      parse: (message) => parseBinancePublicTrade(message, options.symbol),
      onConnectionChange: options.onConnectionChange,
    });
  }

  async *watchOwnOrders(options: WatchOwnOrdersOptions = {}): AsyncGenerator<OwnOrderEvent> {
    await this.loadInstruments();
    yield* streamOwnOrders({
      exchange: this.exchange,
      symbol: options.symbol,
      signal: this.streamSignal(options.signal),
      gate: this.userGate,
      logger: this.log,
      onResync: () => {
        this.counters.ownOrderResyncs += 1;
      },
    });
  }

  /** Round trip to the venue's time endpoint: reachability, latency and clock offset. Never throws. */
  checkHealth(): Promise<VenueHealth> {
    return this.health.check();
  }

  usedWeight(): UsedWeight | null {
    return this.runner.pacer.used();
  }

  getCounters(): VenueCounters {
    return structuredClone(this.counters);
  }

  /** Recent request attempts (endpoint, attempt, error class, scheduled delay...), oldest first. */
  getRequestLog(): readonly RequestAttemptRecord[] {
    return this.runner.getAttemptLog();
  }

  breakerStates(): Record<BreakerName, string> {
    return this.runner.breakerStates();
  }

  /** In-flight and limit per endpoint class (for dashboards and tests). */
  concurrency(): Record<"public" | "private", { inFlight: number; limit: number }> {
    const { public: pub, private: priv } = this.runner.limiters;
    return {
      public: { inFlight: pub.inFlight, limit: pub.limit },
      private: { inFlight: priv.inFlight, limit: priv.limit },
    };
  }

  async close(): Promise<void> {
    this.closing.abort();
    try {
      await this.exchange.close();
    } catch (error) {
      this.log.debug({ error_message: (error as Error)?.message }, "venue close");
    }
  }

  private request<T>(
    endpoint: string,
    endpointClass: "public" | "private",
    retry: "idempotent" | "none",
    weight: number,
    call: () => Promise<T>,
  ): Promise<T> {
    return this.runner.run({ endpoint, endpointClass, retry, weight, call });
  }

  private rawStreamUrl(stream: string): string {
    return binanceRawStreamUrl({ config: this.config, exchange: this.exchange, stream });
  }

  private streamSignal(signal: AbortSignal | undefined): AbortSignal {
    return signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
  }
}
