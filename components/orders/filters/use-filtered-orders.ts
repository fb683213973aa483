"use client";

import { skipToken, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { OrderListPage } from "@/lib/orders/order-wire-schema";
import { apiFetch } from "../../api/api-client";
import { BLOTTER_POLL_MS } from "../shared/order-queries";
import { shouldRetryListLoad } from "./order-list-errors";
import { filteredOrdersKey, flattenOrderPages, loadNextPage, orderListPath } from "./order-list-query";
import type { OrderListQuery } from "./validate-order-list-filters";

/** Which load failed: the first page (nothing to show), a refresh, or the next page. */
function failedLoad(list: {
  isFetchNextPageError: boolean;
  isRefetchError: boolean;
  isError: boolean;
}): "first" | "refresh" | "next" | null {
  if (list.isFetchNextPageError) return "next";
  if (list.isRefetchError) return "refresh";
  return list.isError ? "first" : null;
}

/**
 * The filtered orders list, page by page with the API's cursor. `query` is null while the filters are
 * invalid: nothing is fetched then. Refreshed by the event stream (all loaded pages) and every 10 s.
 */
export function useFilteredOrders(query: OrderListQuery | null) {
  const list = useInfiniteQuery({
    queryKey: filteredOrdersKey(query),
    queryFn: query
      ? ({ pageParam, signal }) => apiFetch<OrderListPage>(orderListPath(query, pageParam), { signal })
      : skipToken,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: BLOTTER_POLL_MS,
    retry: shouldRetryListLoad,
  });

  const queryHash = JSON.stringify(query);
  const currentHash = useRef(queryHash);
  useEffect(() => {
    currentHash.current = queryHash;
  }, [queryHash]);

  const [loadingMore, setLoadingMore] = useState(false);
  const { fetchNextPage } = list;
  const pagesLoaded = list.data?.pages.length ?? 0;

  async function loadMore() {
    if (loadingMore) return;
    setLoadingMore(true);
    try {
      await loadNextPage(pagesLoaded, async () => {
        // The filters changed meanwhile: the next page of the new list is not what was asked for.
        if (currentHash.current !== queryHash) return { pages: 0, hasNextPage: false, failed: true };
        const next = await fetchNextPage({ cancelRefetch: false });
        return {
          pages: next.data?.pages.length ?? 0,
          hasNextPage: next.hasNextPage,
          failed: next.isFetchNextPageError || next.isRefetchError,
        };
      });
    } finally {
      setLoadingMore(false);
    }
  }

  return {
    orders: list.data ? flattenOrderPages(list.data.pages) : null,
    isLoading: query !== null && list.isPending,
    error: list.error,
    failedLoad: failedLoad(list),
    hasNextPage: list.hasNextPage,
    loadingMore: loadingMore || list.isFetchingNextPage,
    loadMore,
    retry: () => void list.refetch(),
  } as const;
}
