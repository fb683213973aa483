import type { DepthSnapshot } from "../port/market-data-types";
import { createVenueCounters } from "../port/venue-counters";
import { VenueConfigError } from "../port/venue-errors";
import type {
  CancelOrderResult,
  PlaceOrderHooks,
  PlaceOrderResult,
  VenuePort,
  WatchOwnOrdersOptions,
} from "../port/venue-port";
import type { OwnOrderEvent, PlaceOrderRequest, VenueOrder } from "../port/venue-types";

type Handler<A extends unknown[], R> = (...args: A) => Promise<R>;

const unsupported = (what: string) => async () => {
  throw new VenueConfigError(`the in-memory venue does not ${what}`);
};

/**
 * A VenuePort for unit tests of the domain's decisions: every call a test scripts is a function it
 * passes in; everything else refuses. Calls are recorded in `calls`.
 */
export class InMemoryVenue implements VenuePort {
  readonly venue = "memory";
  readonly calls: string[] = [];
  placeOrderHandler: Handler<[PlaceOrderRequest, PlaceOrderHooks | undefined], PlaceOrderResult> =
    unsupported("place orders");
  cancelOrderHandler: Handler<[{ symbol: string; clientOrderId?: string }], CancelOrderResult> =
    unsupported("cancel orders");
  cancelAllHandler: Handler<[{ symbol: string }], VenueOrder[]> = unsupported("mass cancel orders");
  lookupHandler: Handler<[{ symbol: string; clientOrderId: string }], VenueOrder | null> =
    unsupported("look orders up");
  depthHandler: Handler<[{ symbol: string; limit?: number }], DepthSnapshot> = unsupported("serve books");
  windowMs = 4_000;

  placeOrder(request: PlaceOrderRequest, hooks?: PlaceOrderHooks) {
    this.calls.push(`placeOrder ${request.clientOrderId}`);
    return this.placeOrderHandler(request, hooks);
  }
  executionWindowMs() {
    return this.windowMs;
  }
  cancelOrder(request: { symbol: string; clientOrderId?: string }) {
    this.calls.push(`cancelOrder ${request.clientOrderId}`);
    return this.cancelOrderHandler(request);
  }
  cancelAllOrders(options: { symbol: string }) {
    this.calls.push(`cancelAllOrders ${options.symbol}`);
    return this.cancelAllHandler(options);
  }
  fetchOrderByClientId(options: { symbol: string; clientOrderId: string }) {
    this.calls.push(`fetchOrderByClientId ${options.clientOrderId}`);
    return this.lookupHandler(options);
  }
  fetchDepthSnapshot(options: { symbol: string; limit?: number }) {
    this.calls.push(`fetchDepthSnapshot ${options.symbol}`);
    return this.depthHandler(options);
  }
  loadInstruments = unsupported("list instruments");
  fetchOpenOrders = unsupported("list open orders");
  fetchTradesSince: VenuePort["fetchTradesSince"] = unsupported("list trades");
  tradeCursorAfter = (trade: { tradeId: string }) => trade.tradeId;
  fetchBalances = unsupported("list balances");
  watchDepthDiffs = (): AsyncIterable<never> => ({
    [Symbol.asyncIterator]: () => ({ next: unsupported("stream market data") }),
  });
  watchPublicTrades = this.watchDepthDiffs;
  /** Scripted by a test that needs the own-order stream. */
  watchOwnOrders: (options?: WatchOwnOrdersOptions) => AsyncIterable<OwnOrderEvent> = this.watchDepthDiffs;
  checkHealth = unsupported("check health");
  getCounters = () => createVenueCounters();
  usedWeight = () => null;
  close = async () => {};
}
