"use client";

import { useQuery } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/roles";
import { FillsTable } from "../orders/blotter/fills-table";
import { OrderEventsTable } from "../orders/detail/order-events-table";
import { formatDateTime } from "../orders/shared/format-order";
import { CompareTable } from "./compare-table";
import { availableActions, MismatchActionForm } from "./mismatch-action-form";
import { statusText, typeLabel } from "./mismatch-labels";
import { type MismatchDetail, mismatchDetailQuery } from "./reconciliation-queries";
import { runbookSteps } from "./runbook-steps";

function Header({ mismatch }: { mismatch: MismatchDetail }) {
  return (
    <header className="mismatch-detail-header">
      <h2 id="mismatch-detail-title">
        <span className={`severity severity-${mismatch.severity}`}>{mismatch.severity}</span>{" "}
        {typeLabel(mismatch.type)}
        {mismatch.symbol ? ` · ${mismatch.symbol}` : ""}
      </h2>
      <p className="mismatch-detail-facts">
        <span className={`mismatch-status status-${mismatch.status}`}>{statusText(mismatch.status)}</span>
        <span>
          Δ quantity <strong className="num">{mismatch.quantityDelta ?? "—"}</strong>
        </span>
        <span>
          Δ notional <strong className="num">{mismatch.notionalDelta ?? "—"}</strong>
        </span>
        <span className="muted">
          first seen {formatDateTime(mismatch.firstSeenAt)}, last seen {formatDateTime(mismatch.lastSeenAt)}
        </span>
      </p>
      {mismatch.clientOrderId && (
        <p className="muted">
          Order <code>{mismatch.clientOrderId}</code>
          {mismatch.venueOrderId ? (
            <>
              {" "}
              · venue order <code>{mismatch.venueOrderId}</code>
            </>
          ) : null}
        </p>
      )}
      {mismatch.resolution && (
        <p>
          Closed: {mismatch.resolution}
          {mismatch.resolvedBy ? ` by ${mismatch.resolvedBy}` : ""}
          {mismatch.resolvedAt ? `, ${formatDateTime(mismatch.resolvedAt)}` : ""}
          {mismatch.note ? ` — “${mismatch.note}”` : ""}
        </p>
      )}
    </header>
  );
}

function Timeline({ mismatch }: { mismatch: MismatchDetail }) {
  return (
    <ol className="mismatch-timeline" aria-label="Mismatch timeline">
      {mismatch.timeline.map((entry) => (
        <li key={entry.id}>
          <span className="muted">{formatDateTime(entry.createdAt)}</span> <strong>{entry.action}</strong>
          {entry.toStatus && entry.fromStatus !== entry.toStatus ? ` → ${statusText(entry.toStatus)}` : ""} by{" "}
          {entry.actor}
          {entry.note ? ` — “${entry.note}”` : ""}
        </li>
      ))}
    </ol>
  );
}

/** One mismatch: what differs, what to do, the actions; then the order, evidence and history. */
export function MismatchDetailPanel({ id, role, onClose }: { id: string; role: Role; onClose: () => void }) {
  const detail = useQuery(mismatchDetailQuery(id));
  if (detail.isPending) return <p className="muted">Loading the mismatch…</p>;
  if (detail.isError)
    return (
      <p className="form-error">
        Could not load the mismatch: {detail.error.message}{" "}
        <button type="button" className="button small" onClick={onClose}>
          Close
        </button>
      </p>
    );
  const mismatch = detail.data;
  const actions = availableActions({ status: mismatch.status, type: mismatch.type, role });
  const unresolved = mismatch.status === "open" || mismatch.status === "acknowledged";
  return (
    <article className="stack mismatch-detail" aria-labelledby="mismatch-detail-title">
      <div className="mismatch-detail-top">
        <Header mismatch={mismatch} />
        <button type="button" className="button small" onClick={onClose} aria-label="Close the mismatch">
          Close
        </button>
      </div>
      <div className="mismatch-detail-body">
        <section aria-label="What differs">
          <h3>Expected and actual</h3>
          <CompareTable expected={mismatch.expected} actual={mismatch.actual} />
        </section>
        <section aria-label="What to do">
          <h3>What to do</h3>
          <ol className="runbook-steps">
            {runbookSteps(mismatch.type).map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          {unresolved && actions.length === 0 && (
            <p className="muted">Your role cannot act on this mismatch: ask a risk operator.</p>
          )}
          <div className="stack">
            {actions.map((action) => (
              <MismatchActionForm key={`${mismatch.id}-${action}`} mismatchId={mismatch.id} action={action} />
            ))}
          </div>
        </section>
      </div>
      <section aria-label="Timeline">
        <h3>Timeline</h3>
        <Timeline mismatch={mismatch} />
      </section>
      {mismatch.adjustments.length > 0 && (
        <section aria-label="Adjustments">
          <h3>Adjustments</h3>
          <ul>
            {mismatch.adjustments.map((adjustment) => (
              <li key={adjustment.id}>
                {formatDateTime(adjustment.createdAt)} · {adjustment.kind} by {adjustment.actor} (
                {adjustment.source})
                <details>
                  <summary>Evidence</summary>
                  <pre className="event-data">{JSON.stringify(adjustment.evidence, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ul>
        </section>
      )}
      {mismatch.order && (
        <section aria-label="The order">
          <h3>
            Order {mismatch.order.clientOrderId}: {mismatch.order.status}, {mismatch.order.filledQuantity} of{" "}
            {mismatch.order.quantity} filled
          </h3>
          <h4>Fills</h4>
          <FillsTable
            fills={mismatch.order.fills.map((fill) => ({
              ...fill,
              order: {
                id: mismatch.order?.id ?? "",
                symbol: mismatch.order?.symbol ?? "",
                side: mismatch.order?.side ?? "buy",
              },
            }))}
          />
          <h4>Order timeline</h4>
          <OrderEventsTable events={mismatch.order.events} />
        </section>
      )}
      <details>
        <summary>Raw evidence ({mismatch.runs.length} runs saw it)</summary>
        <pre className="event-data">
          {JSON.stringify({ expected: mismatch.expected, actual: mismatch.actual }, null, 2)}
        </pre>
      </details>
    </article>
  );
}
