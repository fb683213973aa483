export type Side = "BUY" | "SELL";
export type OrderType = "LIMIT" | "LIMIT_MAKER" | "MARKET";
export type TimeInForce = "GTC" | "IOC" | "FOK";
export type OrderStatus =
  | "NEW"
  | "PARTIALLY_FILLED"
  | "FILLED"
  | "CANCELED"
  | "REJECTED"
  | "EXPIRED"
  | "EXPIRED_IN_MATCH";
export type ExecutionType =
  | "NEW"
  | "CANCELED"
  | "REPLACED"
  | "REJECTED"
  | "TRADE"
  | "EXPIRED"
  | "TRADE_PREVENTION";

/** What the book needs to know about a resting order (ours or synthetic). */
export interface BookOrder {
  orderId: number;
  /** null for synthetic participants. */
  accountId: string | null;
  side: Side;
  price: bigint;
  remaining: bigint;
}

/** An order of a real account (ours), with everything Binance reports about it. */
export interface AccountOrder extends BookOrder {
  accountId: string;
  symbol: string;
  clientOrderId: string;
  type: OrderType;
  timeInForce: TimeInForce;
  origQty: bigint;
  executedQty: bigint;
  cummulativeQuoteQty: bigint;
  /** 0 unless placed with quoteOrderQty. */
  origQuoteOrderQty: bigint;
  status: OrderStatus;
  time: number;
  updateTime: number;
  workingTime: number;
  /** On the book right now. */
  isWorking: boolean;
  /** Funds still reserved for this order, in `lockedAsset`. */
  locked: bigint;
  lockedAsset: string;
  /** Client order id of the request that cancelled it (Binance reports it as `clientOrderId` in the cancel). */
  cancelClientOrderId?: string;
}

export interface Fill {
  tradeId: number;
  price: bigint;
  qty: bigint;
  quoteQty: bigint;
  commission: bigint;
  commissionAsset: string;
  isMaker: boolean;
  time: number;
}

export interface AccountTrade extends Fill {
  accountId: string;
  symbol: string;
  orderId: number;
  isBuyer: boolean;
}

export interface PublicTrade {
  id: number;
  symbol: string;
  price: bigint;
  qty: bigint;
  time: number;
  isBuyerMaker: boolean;
}
