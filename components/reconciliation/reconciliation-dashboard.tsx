"use client";

import { useQuery } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/roles";
import { hasRole } from "@/lib/auth/roles";
import { EventStreamIndicator } from "../orders/shared/event-stream-indicator";
import { useUrlFilters } from "../ui/use-url-filters";
import { BalancesPanel } from "./balances-panel";
import { MismatchChart } from "./mismatch-chart";
import { MismatchDetailPanel } from "./mismatch-detail";
import { MismatchFilterBar } from "./mismatch-filter-bar";
import { DEFAULT_STATUSES, mismatchSearch, readMismatchFilters } from "./mismatch-filters";
import { MismatchTable } from "./mismatch-table";
import { summaryQuery } from "./reconciliation-queries";
import { RunHistory } from "./run-history";
import { SummaryCards } from "./summary-cards";
import { useReconciliationEvents } from "./use-reconciliation-events";

/** The review dashboard: what is wrong, how bad, and what to do next; live for every operator. */
export function ReconciliationDashboard({ role }: { role: Role }) {
  const stream = useReconciliationEvents();
  const summary = useQuery(summaryQuery);
  const { filters, updateFilters } = useUrlFilters(readMismatchFilters, mismatchSearch);
  const open = (id: string) => updateFilters((current) => ({ ...current, selected: id }));
  const close = () => updateFilters((current) => ({ ...current, selected: "" }));

  return (
    <div className="stack-lg reconciliation-page">
      <header className="blotter-header">
        <h1>Reconciliation</h1>
        <EventStreamIndicator state={stream} />
      </header>
      {summary.isSuccess ? (
        <SummaryCards
          summary={summary.data}
          onSeverity={(severity) =>
            updateFilters((current) => ({
              ...current,
              statuses: [...DEFAULT_STATUSES],
              severities: [severity],
            }))
          }
        />
      ) : summary.isError ? (
        <p className="form-error">Could not load the summary: {summary.error.message}</p>
      ) : (
        <p className="muted">Loading the summary…</p>
      )}
      <div className={filters.selected ? "mismatch-review with-detail" : "mismatch-review"}>
        <section className="panel stack" aria-labelledby="mismatches-title">
          <h2 id="mismatches-title">Mismatches</h2>
          <MismatchFilterBar filters={filters} onChange={updateFilters} />
          <MismatchTable filters={filters} onOpen={open} />
        </section>
        {filters.selected && (
          <section className="panel" aria-label="Mismatch detail">
            <MismatchDetailPanel key={filters.selected} id={filters.selected} role={role} onClose={close} />
          </section>
        )}
      </div>
      <div className="reconciliation-side">
        {summary.isSuccess && <MismatchChart series={summary.data.series} />}
        <BalancesPanel />
      </div>
      <RunHistory canRun={hasRole(role, "trader")} />
    </div>
  );
}
