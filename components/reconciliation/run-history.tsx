"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "../orders/shared/format-order";
import { formatDuration } from "./mismatch-labels";
import { type RunView, runsQuery } from "./reconciliation-queries";
import { RunNowButton } from "./run-now-button";

/** What a run checked, from its `checked` record: e.g. "orders 12, trades 3 symbols, balances 4". */
function checkedText(checked: unknown): string {
  if (!checked || typeof checked !== "object") return "—";
  return Object.entries(checked as Record<string, unknown>)
    .map(([name, value]) => `${name} ${typeof value === "object" ? JSON.stringify(value) : String(value)}`)
    .join(", ");
}

function RunRow({ run }: { run: RunView }) {
  return (
    <tr className={run.status === "failed" ? "run-failed" : undefined}>
      <td>{formatDateTime(run.startedAt)}</td>
      <td>{run.trigger}</td>
      <td>
        <span className={`run-status run-${run.status}`}>{run.status}</span>
      </td>
      <td className="num">{formatDuration(run.durationMs)}</td>
      <td className="run-checked">{checkedText(run.checked)}</td>
      <td className="num">{run.found}</td>
      <td className="num">{run.autoResolved}</td>
      <td className="num">{run.cleared}</td>
      <td className="run-error">{run.error ?? ""}</td>
    </tr>
  );
}

/** The latest runs with what they checked and found; traders can start one now. */
export function RunHistory({ canRun }: { canRun: boolean }) {
  const runs = useQuery(runsQuery);
  return (
    <section className="panel stack" aria-labelledby="run-history-title">
      <header className="blotter-header">
        <h2 id="run-history-title">Run history</h2>
        {canRun && <RunNowButton />}
      </header>
      {runs.isPending ? (
        <p className="muted">Loading runs…</p>
      ) : runs.isError ? (
        <p className="form-error">Could not load runs: {runs.error.message}</p>
      ) : runs.data.runs.length === 0 ? (
        <p className="muted">No run yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="table blotter-table" aria-label="Reconciliation runs">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Result</th>
                <th scope="col" className="num">
                  Took
                </th>
                <th scope="col">Checked</th>
                <th scope="col" className="num">
                  Found
                </th>
                <th scope="col" className="num">
                  Auto-resolved
                </th>
                <th scope="col" className="num">
                  Cleared
                </th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.runs.map((run) => (
                <RunRow key={run.id} run={run} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
