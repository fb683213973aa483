"use client";

import { useQueries } from "@tanstack/react-query";
import Decimal from "decimal.js";
import type { OrderView } from "@/lib/orders/order-wire-schema";
import { BLOTTER_POLL_MS, orderDetailQuery } from "../shared/order-queries";
import type { BlotterFill } from "./fills-table";

/** Orders whose fills the blotter loads: the API lists fills only per order. */
const MAX_FILLED_ORDERS = 10;

/** Fills of the most recent orders that have any, newest first. */
export function useRecentFills(recentOrders: OrderView[]): { fills: BlotterFill[]; isLoading: boolean } {
  const filled = recentOrders
    .filter((order) => !new Decimal(order.filledQuantity || "0").isZero())
    .slice(0, MAX_FILLED_ORDERS);
  return useQueries({
    queries: filled.map((order) => ({
      ...orderDetailQuery(order.id),
      refetchInterval: BLOTTER_POLL_MS,
    })),
    combine: (results) => ({
      isLoading: results.some((result) => result.isLoading),
      fills: results
        .flatMap((result) => {
          const order = result.data?.order;
          return order ? order.fills.map((fill) => ({ ...fill, order })) : [];
        })
        .sort((a, b) => b.executedAt.localeCompare(a.executedAt)),
    }),
  });
}
