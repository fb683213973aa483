/** Decimal value carried as a string ("43250.5"); money and quantities are never JS floats. */
export type DecimalString = string;

export type OrderSide = "buy" | "sell";
export type OrderType = "limit" | "market";
export type TimeInForce = "GTC" | "IOC" | "FOK";
export type EndpointClass = "public" | "private";

export interface Instrument {
  /** ccxt unified symbol, e.g. "BTC/USDT". */
  symbol: string;
  venueSymbol: string;
  base: string;
  quote: string;
  tickSize: DecimalString;
  lotSize: DecimalString;
  minNotional: DecimalString;
  minQuantity: DecimalString | null;
  active: boolean;
}

export type VenueOrderStatus = "open" | "closed" | "canceled" | "rejected" | "expired" | "unknown";

export interface VenueOrder {
  venueOrderId: string;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: string;
  timeInForce: string | null;
  status: VenueOrderStatus;
  /** Raw venue status, e.g. "PARTIALLY_FILLED". */
  venueStatus: string | null;
  price: DecimalString | null;
  quantity: DecimalString;
  filledQuantity: DecimalString;
  /** Cumulative quote quantity (price x filled) when the venue reports it. */
  filledQuote: DecimalString | null;
  createdAt: number | null;
  updatedAt: number | null;
}

export interface VenueFee {
  amount: DecimalString;
  currency: string;
}

export interface VenueTrade {
  tradeId: string;
  venueOrderId: string | null;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide | null;
  price: DecimalString;
  quantity: DecimalString;
  quoteQuantity: DecimalString | null;
  fee: VenueFee | null;
  liquidity: "maker" | "taker" | null;
  timestamp: number | null;
}

export interface VenueBalance {
  asset: string;
  free: DecimalString;
  locked: DecimalString;
  total: DecimalString;
}

export interface VenueBalanceSnapshot {
  balances: VenueBalance[];
  /**
   * When the account last changed (Binance's `updateTime`, venue clock, ms): the balances reflect
   * every trade up to it and none after. Null when the venue does not say.
   */
  updatedAt: number | null;
}

export type OwnOrderEvent =
  | { type: "order"; order: VenueOrder }
  | { type: "fill"; trade: VenueTrade }
  /** After a reconnect: fresh state of every order we knew to be open. */
  /** The stream reconnected: what happened meanwhile must be read back (reconciliation). */
  | { type: "resync"; reason: "reconnect" };

export interface PlaceOrderRequest {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: DecimalString;
  price?: DecimalString;
  timeInForce?: TimeInForce;
  /** Derive with deriveClientOrderId() from the idempotency record. */
  clientOrderId: string;
}

export interface CancelOrderRequest {
  symbol: string;
  clientOrderId?: string;
  venueOrderId?: string;
}

export interface FetchTradesRequest {
  symbol: string;
  /** Opaque cursor from a previous page's nextCursor; omit to start from the beginning. */
  cursor?: string | null;
  limit?: number;
}

export interface TradesPage {
  trades: VenueTrade[];
  /** Pass back to continue after the last trade returned; unchanged when nothing new arrived. */
  nextCursor: string | null;
}

export interface VenueHealth {
  reachable: boolean;
  latencyMs: number | null;
  /** venue clock minus local clock, in ms (positive: venue is ahead). */
  clockOffsetMs: number | null;
  clockOffsetWarning: boolean;
  checkedAt: string;
  error: string | null;
  breakers: Record<string, "closed" | "open" | "half_open">;
}
