/** Wire types of the orders API, decimals as strings exactly as the server sends them. */

export type OrderSide = "buy" | "sell";
export type OrderType = "limit" | "market";
export type TimeInForce = "GTC" | "IOC" | "FOK";
export type OrderStatus =
  | "pending_new"
  | "open"
  | "partially_filled"
  | "filled"
  | "canceled"
  | "rejected"
  | "expired"
  | "unknown";

export type OrderView = {
  id: string;
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce | null;
  quantity: string;
  price: string | null;
  filledQuantity: string;
  averagePrice: string | null;
  status: OrderStatus;
  rejectReason: string | null;
  createdAt: string;
  updatedAt: string;
  createdByUserId?: string | null;
  createdByTokenId?: string | null;
  /** Listed and detailed orders only: who placed the order, by name. */
  placedBy?: PlacedBy | null;
};

export type PlacedBy =
  | { kind: "user"; id: string; name: string }
  | { kind: "token"; id: string; name: string; owner: string };

export type Fill = {
  id: string;
  venueTradeId: string;
  price: string;
  quantity: string;
  fee: string;
  feeAsset: string;
  liquidity: string;
  executedAt: string;
};

export type OrderEvent = {
  id: string;
  type: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  data: unknown;
  createdAt: string;
};

export type OrderDetail = OrderView & { fills: Fill[]; events: OrderEvent[] };

export type Instrument = { symbol: string; tickSize: string; lotSize: string; minNotional: string };

/** Body of `POST /api/orders`: price and timeInForce only for limit orders. */
export type PlaceOrderBody = {
  symbol: string;
  side: OrderSide;
  type: OrderType;
  quantity: string;
  price?: string;
  timeInForce?: TimeInForce;
};
