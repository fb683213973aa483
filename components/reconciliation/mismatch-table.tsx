"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "../api/api-client";
import { formatDateTime } from "../orders/shared/format-order";
import { type MismatchFilters, mismatchListPath } from "./mismatch-filters";
import { statusText, typeLabel } from "./mismatch-labels";
import { type MismatchListPage, RECONCILIATION_KEY, RECONCILIATION_POLL_MS } from "./reconciliation-queries";

/** The filtered mismatches, page by page (keyset cursor), most severe first unless sorted otherwise. */
export function MismatchTable({
  filters,
  onOpen,
}: {
  filters: MismatchFilters;
  onOpen: (id: string) => void;
}) {
  const { selected: _selected, ...query } = filters;
  const list = useInfiniteQuery({
    queryKey: [...RECONCILIATION_KEY, "mismatches", query],
    queryFn: ({ pageParam }) => apiFetch<MismatchListPage>(mismatchListPath(filters, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: RECONCILIATION_POLL_MS,
  });
  if (list.isPending) return <p className="muted">Loading mismatches…</p>;
  if (list.isError) return <p className="form-error">Could not load mismatches: {list.error.message}</p>;
  const seen = new Set<string>();
  const rows = list.data.pages
    .flatMap((page) => page.mismatches)
    .filter((m) => !seen.has(m.id) && seen.add(m.id));
  if (rows.length === 0)
    return (
      <p className="muted mismatch-empty">
        No mismatches match these filters. Our books agree with the venue.
      </p>
    );
  return (
    <>
      <table className="table blotter-table mismatch-table" aria-label="Mismatches">
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">What differs</th>
            <th scope="col">Symbol</th>
            <th scope="col" className="col-optional">
              Subject
            </th>
            <th scope="col" className="num">
              Δ notional (quote)
            </th>
            <th scope="col">Status</th>
            <th scope="col" className="col-optional">
              Last seen
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((mismatch) => (
            <tr
              key={mismatch.id}
              className={mismatch.id === filters.selected ? "selected" : undefined}
              aria-selected={mismatch.id === filters.selected}
            >
              <td>
                <span className={`severity severity-${mismatch.severity}`}>{mismatch.severity}</span>
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => onOpen(mismatch.id)}>
                  {typeLabel(mismatch.type)}
                </button>
              </td>
              <td>{mismatch.symbol ?? "—"}</td>
              <td className="col-optional">
                <code>{mismatch.clientOrderId ?? mismatch.venueOrderId ?? "—"}</code>
              </td>
              <td className="num">{mismatch.notionalDelta ?? "—"}</td>
              <td>
                <span className={`mismatch-status status-${mismatch.status}`}>
                  {statusText(mismatch.status)}
                </span>
              </td>
              <td className="col-optional">{formatDateTime(mismatch.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.hasNextPage && (
        <button
          type="button"
          className="button small"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </>
  );
}
