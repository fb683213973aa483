"use client";

import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { OrderBookState, OrderBookStore } from "./order-book-store";

export const OrderBookStoreContext = createContext<OrderBookStore | null>(null);

export function useOrderBookStore(): OrderBookStore {
  const store = useContext(OrderBookStoreContext);
  if (!store) throw new Error("order book components must be inside <OrderBookPanel>");
  return store;
}

/** Re-renders the caller only when the selected slice changes (Object.is). */
export function useOrderBook<T>(selector: (state: OrderBookState) => T): T {
  return useStore(useOrderBookStore(), selector);
}
