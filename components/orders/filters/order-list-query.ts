import type { NamedOrderView, OrderListPage } from "@/lib/orders/order-wire-schema";
import { ORDERS_KEY } from "../shared/order-queries";
import type { OrderListQuery } from "./validate-order-list-filters";

/** Under ORDERS_KEY, so the event stream's and the cancel button's invalidations refresh it too. */
export const filteredOrdersKey = (query: OrderListQuery | null) =>
  [...ORDERS_KEY, "list", "filtered", query ?? "invalid"] as const;

/** `GET /api/orders` for one page of the query; `cursor` is the previous page's `nextCursor`. */
export function orderListPath(query: OrderListQuery, cursor: string | null): string {
  const params = new URLSearchParams();
  if (query.statuses.length > 0) params.set("status", query.statuses.join(","));
  if (query.symbol) params.set("symbol", query.symbol);
  if (query.side) params.set("side", query.side);
  if (query.origin) params.set("origin", query.origin);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `/api/orders?${search}` : "/api/orders";
}

/**
 * The loaded pages as one list. Keyset pages never overlap within one consistent load, but a page
 * fetched before new orders arrived and one fetched after could: the first occurrence wins.
 */
export function flattenOrderPages(pages: readonly OrderListPage[]): NamedOrderView[] {
  const seen = new Set<string>();
  const orders: NamedOrderView[] = [];
  for (const page of pages) {
    for (const order of page.orders) {
      if (seen.has(order.id)) continue;
      seen.add(order.id);
      orders.push(order);
    }
  }
  return orders;
}

export type NextPageResult = { pages: number; hasNextPage: boolean; failed: boolean };

/**
 * Asks for the next page until the list has grown, failed or has no more pages. A request for the next
 * page can end without one: a refresh from the event stream that was running takes its place, or
 * cancels it (react-query refetches only the pages already loaded). Then it is simply asked again.
 */
export async function loadNextPage(
  pagesBefore: number,
  fetchNextPage: () => Promise<NextPageResult>,
  maxAttempts = 3,
): Promise<NextPageResult | null> {
  let result: NextPageResult | null = null;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    result = await fetchNextPage();
    if (result.failed || !result.hasNextPage || result.pages > pagesBefore) return result;
  }
  return result;
}
