import { createStore, type StoreApi } from "zustand/vanilla";
import type { TradeFrame } from "@/lib/marketdata/orderbook-stream-protocol";
import type { ClientBook } from "./client-book";
import { type ConnectionState, type Indicator, indicatorAt, initialConnection } from "./connection-state";

export const TRADES_KEPT = 40;

export interface OrderBookState {
  readonly symbol: string;
  readonly depth: number;
  /** null until the first snapshot of the current subscription. */
  readonly book: ClientBook | null;
  /** Newest first. */
  readonly trades: readonly TradeFrame[];
  readonly connection: ConnectionState;
  /** Derived from `connection` and the clock; stored so subscribers re-render only when it changes. */
  readonly indicator: Indicator;
}

export type OrderBookStore = StoreApi<OrderBookState>;

/** The state of a subscription that has not received anything yet. */
export function emptyOrderBookState(symbol: string, depth: number): OrderBookState {
  return {
    symbol,
    depth,
    book: null,
    trades: [],
    connection: initialConnection,
    indicator: indicatorAt(initialConnection, Date.now()),
  };
}

export function createOrderBookStore(symbol: string, depth: number): OrderBookStore {
  return createStore<OrderBookState>()(() => emptyOrderBookState(symbol, depth));
}
