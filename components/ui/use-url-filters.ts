"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

type ReadableParams = Pick<URLSearchParams, "get" | "getAll">;

/**
 * A page's filters, held in the URL so a filtered view can be shared and reloaded.
 *
 * The controls render from local state, changed at once: Next.js brings a History API change into
 * useSearchParams only in a later render, and a controlled checkbox or date input that does not
 * change in its own event handler is reset by React (the click seems lost, a date being typed is
 * wiped). Every change is written to the URL with `replaceState` (no server round trip); a URL that
 * changes by other means (back and forward, a link to a filtered view) replaces the local state.
 * `search` must give the query string of exactly what `read` reads.
 */
export function useUrlFilters<F>(
  read: (params: ReadableParams) => F,
  search: (filters: F) => string,
): { filters: F; updateFilters: (change: (current: F) => F) => void } {
  const params = useSearchParams();
  const pathname = usePathname();
  const fromUrl = useMemo(() => read(params), [params, read]);
  const urlSearch = search(fromUrl);
  const [filters, setFilters] = useState(fromUrl);
  const latest = useRef(filters);
  /** Searches this hook wrote that the URL may not show yet. */
  const written = useRef(new Set<string>());

  useEffect(() => {
    if (written.current.has(urlSearch)) {
      if (urlSearch === search(latest.current)) written.current.clear();
      return;
    }
    written.current.clear();
    if (urlSearch === search(latest.current)) return;
    latest.current = fromUrl;
    setFilters(fromUrl);
  }, [urlSearch, fromUrl, search]);

  const updateFilters = useCallback(
    (change: (current: F) => F) => {
      const next = change(latest.current);
      latest.current = next;
      setFilters(next);
      const text = search(next);
      written.current.add(text);
      window.history.replaceState(null, "", text ? `${pathname}?${text}` : pathname);
    },
    [pathname, search],
  );

  return { filters, updateFilters };
}
