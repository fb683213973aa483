import { apiFetch } from "@/components/ui/problem";
import type { Instrument, OrderDetail, OrderView } from "./order-types";

/** Every orders query lives under this prefix, so one invalidation refreshes the whole blotter. */
export const ORDERS_KEY = ["orders"] as const;
/** Shared with the order book's market selector, which caches the same response shape. */
export const INSTRUMENTS_KEY = ["instruments"] as const;

/** The statuses of orders that may still trade, shown as open in the blotter. */
export const OPEN_ORDER_FILTER = "pending_new,open,partially_filled,unknown";
/** Safety net under the live event stream, which may be down or may have dropped an event. */
export const BLOTTER_POLL_MS = 10_000;

export type OrderList = { orders: OrderView[]; nextCursor: string | null };

export const openOrdersQuery = {
  queryKey: [...ORDERS_KEY, "list", "open"] as const,
  queryFn: () => apiFetch<OrderList>(`/api/orders?status=${OPEN_ORDER_FILTER}&limit=50`),
};

export const recentOrdersQuery = {
  queryKey: [...ORDERS_KEY, "list", "recent"] as const,
  queryFn: () => apiFetch<OrderList>("/api/orders?limit=50"),
};

export const orderDetailQuery = (id: string) => ({
  queryKey: [...ORDERS_KEY, "detail", id] as const,
  queryFn: () => apiFetch<{ order: OrderDetail }>(`/api/orders/${encodeURIComponent(id)}`),
});

export const instrumentsQuery = {
  queryKey: INSTRUMENTS_KEY,
  queryFn: () => apiFetch<{ instruments: Instrument[] }>("/api/instruments"),
  staleTime: 5 * 60_000,
};
