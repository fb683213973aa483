"use client";

import { formatAge, formatDuration } from "./mismatch-labels";
import type { ReconciliationSummary } from "./reconciliation-queries";

/** Open mismatches by severity, the last run, and what the engine fixed today: the state in one look. */
export function SummaryCards({
  summary,
  onSeverity,
}: {
  summary: ReconciliationSummary;
  onSeverity: (severity: string) => void;
}) {
  const open = summary.openBySeverity;
  const total = open.critical + open.warning + open.info;
  const run = summary.lastRun;
  const runState = !run
    ? "none"
    : run.status === "failed"
      ? "bad"
      : run.status === "running"
        ? "running"
        : "ok";
  return (
    <section className="summary-cards" aria-label="Reconciliation summary">
      <div
        className={`summary-card ${open.critical > 0 ? "summary-bad" : total > 0 ? "summary-warn" : "summary-ok"}`}
      >
        <h2>Open mismatches</h2>
        <p className="summary-figure">{total}</p>
        <p className="summary-split">
          {(["critical", "warning", "info"] as const).map((severity) => (
            <button
              key={severity}
              type="button"
              className={`link-button severity-count severity-${severity}`}
              onClick={() => onSeverity(severity)}
              title={`Show open ${severity} mismatches`}
            >
              {open[severity]} {severity}
            </button>
          ))}
        </p>
      </div>
      <div
        className={`summary-card summary-${runState === "bad" ? "bad" : runState === "ok" ? "ok" : "warn"}`}
      >
        <h2>Last run</h2>
        {run ? (
          <>
            <p className="summary-figure">
              {run.status === "running" ? "running" : run.status}
              <span className="summary-sub"> {formatAge(run.ageSeconds)} ago</span>
            </p>
            <p className="muted">
              {run.trigger}, took {formatDuration(run.durationMs)}
              {run.error ? ` — ${run.error}` : ""}
            </p>
          </>
        ) : (
          <p className="summary-figure">never</p>
        )}
      </div>
      <div className="summary-card">
        <h2>Auto-resolved today</h2>
        <p className="summary-figure">{summary.autoResolvedToday}</p>
        <p className="muted">corrected by the engine below the auto-heal threshold (UTC day)</p>
      </div>
    </section>
  );
}
