import type { InstrumentView } from "@/lib/instruments/instrument-view";
import { LIVE_STATUSES } from "@/lib/orders/order-state-machine";
import type { OrderDetailAnswer, OrderListPage } from "@/lib/orders/order-wire-schema";
import { apiFetch } from "../../api/api-client";

/** Every orders query lives under this prefix, so one invalidation refreshes the whole blotter. */
export const ORDERS_KEY = ["orders"] as const;
/** Shared with the order book's market selector, which caches the same response shape. */
export const INSTRUMENTS_KEY = ["instruments"] as const;

/** The statuses of orders that may still trade, shown as open in the blotter. */
export const OPEN_ORDER_FILTER = LIVE_STATUSES.join(",");
/** Safety net under the live event stream, which may be down or may have dropped an event. */
export const BLOTTER_POLL_MS = 10_000;

export const openOrdersQuery = {
  queryKey: [...ORDERS_KEY, "list", "open"] as const,
  queryFn: () => apiFetch<OrderListPage>(`/api/orders?status=${OPEN_ORDER_FILTER}&limit=50`),
};

export const recentOrdersQuery = {
  queryKey: [...ORDERS_KEY, "list", "recent"] as const,
  queryFn: () => apiFetch<OrderListPage>("/api/orders?limit=50"),
};

export const orderDetailQuery = (id: string) => ({
  queryKey: [...ORDERS_KEY, "detail", id] as const,
  queryFn: () => apiFetch<OrderDetailAnswer>(`/api/orders/${encodeURIComponent(id)}`),
});

export const instrumentsQuery = {
  queryKey: INSTRUMENTS_KEY,
  queryFn: () => apiFetch<{ instruments: InstrumentView[] }>("/api/instruments"),
  staleTime: 5 * 60_000,
};
