"use client";

import { useId, useState } from "react";
import { describeLoadError } from "../orders/filters/order-list-errors";
import { AuditEntryDetail } from "./audit-entry-detail";
import { AuditFilterBar } from "./audit-filter-bar";
import { auditSearch } from "./audit-filters";
import { localTime } from "./local-time";
import { useAuditEntries } from "./use-audit-entries";
import { useAuditFilters } from "./use-audit-filters";

const actorText = (actor: { type: string; name: string | null }) => actor.name ?? actor.type;

/** The Audit page: the trail filtered through the URL, page by page, one entry's detail, CSV export. */
export function AuditPanel() {
  const { filters, updateFilters } = useAuditFilters();
  const search = auditSearch(filters);
  const list = useAuditEntries(search);
  const [selected, setSelected] = useState<string | null>(null);
  const titleId = useId();
  const entry = list.entries?.find((candidate) => candidate.seq === selected) ?? null;

  return (
    <div className="audit-layout">
      <section className="panel stack" aria-labelledby={titleId}>
        <header className="blotter-header">
          <h2 id={titleId}>Audit trail</h2>
          <a className="button" href={`/api/audit?${search ? `${search}&` : ""}format=csv`} download>
            Export CSV
          </a>
        </header>
        <AuditFilterBar filters={filters} onChange={updateFilters} />
        {list.error && (
          <p role="alert" className="form-error">
            The audit trail could not be loaded: {describeLoadError(list.error)}{" "}
            <button type="button" className="button small" onClick={list.retry}>
              Retry
            </button>
          </p>
        )}
        {list.isLoading && !list.error && <p className="muted">Loading…</p>}
        {list.entries && (
          <>
            <p role="status" className="muted">
              {list.entries.length === 0
                ? "No entries match these filters."
                : `${list.entries.length} ${list.entries.length === 1 ? "entry" : "entries"} shown${list.hasNextPage ? ", more to load" : ""}`}
            </p>
            {list.entries.length > 0 && (
              <table className="table audit-table" aria-label="Audit entries">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Time</th>
                    <th scope="col">Actor</th>
                    <th scope="col">Action</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Target</th>
                    <th scope="col">IP</th>
                    <th scope="col">
                      <span className="sr-only">Detail</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.entries.map((row) => (
                    <tr key={row.seq} aria-selected={row.seq === selected}>
                      <td className="num">{row.seq}</td>
                      <td className="audit-time">
                        <time dateTime={row.at}>{localTime(row.at)}</time>
                      </td>
                      <td title={row.actor.id ?? undefined}>
                        {actorText(row.actor)}
                        {row.role && <span className="muted"> · {row.role}</span>}
                      </td>
                      <td>{row.action}</td>
                      <td className={`audit-outcome-${row.outcome}`}>{row.outcome}</td>
                      <td className="audit-target">{row.target ?? "—"}</td>
                      <td>{row.ip ?? "—"}</td>
                      <td>
                        <button type="button" className="button small" onClick={() => setSelected(row.seq)}>
                          Details
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {list.hasNextPage && (
              <div>
                <button
                  type="button"
                  className="button"
                  disabled={list.loadingMore}
                  aria-busy={list.loadingMore}
                  onClick={list.loadMore}
                >
                  Load more
                </button>
              </div>
            )}
          </>
        )}
      </section>
      {entry && <AuditEntryDetail key={entry.seq} entry={entry} onClose={() => setSelected(null)} />}
    </div>
  );
}
