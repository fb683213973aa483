"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type OrderListFilters, orderListSearch, readOrderListFilters } from "./order-list-filters";

type FiltersChange = (current: OrderListFilters) => OrderListFilters;

/**
 * The Orders page's filters, held in the URL so a filtered view can be shared and reloaded.
 *
 * The controls render from local state, changed at once: Next.js brings a History API change into
 * useSearchParams only in a later render, and a controlled checkbox or date input that does not
 * change in its own event handler is reset by React (the click seems lost, a date being typed is
 * wiped). Every change is written to the URL with `replaceState` (no server round trip); a URL that
 * changes by other means (back and forward, a link to a filtered view) replaces the local state.
 */
export function useOrderListFilters(): {
  filters: OrderListFilters;
  updateFilters: (change: FiltersChange) => void;
} {
  const params = useSearchParams();
  const pathname = usePathname();
  const fromUrl = useMemo(() => readOrderListFilters(params), [params]);
  const urlSearch = orderListSearch(fromUrl);
  const [filters, setFilters] = useState(fromUrl);
  const latest = useRef(filters);
  /** Searches this hook wrote that the URL may not show yet. */
  const written = useRef(new Set<string>());

  useEffect(() => {
    if (written.current.has(urlSearch)) {
      if (urlSearch === orderListSearch(latest.current)) written.current.clear();
      return;
    }
    written.current.clear();
    if (urlSearch === orderListSearch(latest.current)) return;
    latest.current = fromUrl;
    setFilters(fromUrl);
  }, [urlSearch, fromUrl]);

  const updateFilters = useCallback(
    (change: FiltersChange) => {
      const next = change(latest.current);
      latest.current = next;
      setFilters(next);
      const search = orderListSearch(next);
      written.current.add(search);
      window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
    },
    [pathname],
  );

  return { filters, updateFilters };
}
