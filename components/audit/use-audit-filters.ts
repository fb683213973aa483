"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type AuditFilters, auditSearch, readAuditFilters } from "./audit-filters";

/**
 * The Audit page's filters, held in the URL so a filtered view can be shared and reloaded. As on the
 * Orders page (use-order-list-filters.ts, which explains why): controls render from local state,
 * changes are written with `replaceState`, and a URL changed by other means replaces the state.
 */
export function useAuditFilters(): {
  filters: AuditFilters;
  updateFilters: (change: (current: AuditFilters) => AuditFilters) => void;
} {
  const params = useSearchParams();
  const pathname = usePathname();
  const fromUrl = useMemo(() => readAuditFilters(params), [params]);
  const urlSearch = auditSearch(fromUrl);
  const [filters, setFilters] = useState(fromUrl);
  const latest = useRef(filters);
  const written = useRef(new Set<string>());

  useEffect(() => {
    if (written.current.has(urlSearch)) {
      if (urlSearch === auditSearch(latest.current)) written.current.clear();
      return;
    }
    written.current.clear();
    if (urlSearch === auditSearch(latest.current)) return;
    latest.current = fromUrl;
    setFilters(fromUrl);
  }, [urlSearch, fromUrl]);

  const updateFilters = useCallback(
    (change: (current: AuditFilters) => AuditFilters) => {
      const next = change(latest.current);
      latest.current = next;
      setFilters(next);
      const search = auditSearch(next);
      written.current.add(search);
      window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
    },
    [pathname],
  );

  return { filters, updateFilters };
}
