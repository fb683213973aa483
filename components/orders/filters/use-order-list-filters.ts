"use client";

import { useUrlFilters } from "../../ui/use-url-filters";
import { type OrderListFilters, orderListSearch, readOrderListFilters } from "./order-list-filters";

/** The Orders page's filters, held in the URL (useUrlFilters). */
export function useOrderListFilters(): {
  filters: OrderListFilters;
  updateFilters: (change: (current: OrderListFilters) => OrderListFilters) => void;
} {
  return useUrlFilters(readOrderListFilters, orderListSearch);
}
