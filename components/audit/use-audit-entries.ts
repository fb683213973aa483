"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { AuditPage } from "@/lib/audit/audit-wire-schema";
import { apiFetch } from "../api/api-client";

export const AUDIT_PAGE_SIZE = 50;

/** The filtered audit trail, newest first, page by page with the API's cursor. */
export function useAuditEntries(search: string) {
  const list = useInfiniteQuery({
    queryKey: ["audit", search],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams(search);
      params.set("limit", String(AUDIT_PAGE_SIZE));
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<AuditPage>(`/api/audit?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  return {
    entries: list.data?.pages.flatMap((page) => page.entries) ?? null,
    isLoading: list.isPending,
    error: list.error,
    hasNextPage: list.hasNextPage,
    loadingMore: list.isFetchingNextPage,
    loadMore: () => void list.fetchNextPage({ cancelRefetch: false }),
    retry: () => void list.refetch(),
  } as const;
}
