"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { type EngageAnswer, KILL_SWITCH_REASON_MAX } from "@/lib/risk/kill-switch-wire-schema";
import { instrumentsQuery } from "../orders/shared/order-queries";
import { Field } from "../ui/field";
import { CancelReportMessage } from "./cancel-report-message";
import { useKeyedDialogSubmission } from "./use-keyed-dialog-submission";

/** Engage the kill switch (or one symbol's halt): a reason is required; one key per dialog. */
export function HaltTradingDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const instruments = useQuery(instrumentsQuery);
  const [reason, setReason] = useState("");
  const [cancelOpenOrders, setCancelOpenOrders] = useState(false);
  const [symbol, setSymbol] = useState("");
  const [attempted, setAttempted] = useState(false);
  const engage = useKeyedDialogSubmission<EngageAnswer>("/api/kill-switch/engage");
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const reasonError =
    reason.trim().length === 0
      ? "A reason is required"
      : reason.length > KILL_SWITCH_REASON_MAX
        ? `At most ${KILL_SWITCH_REASON_MAX} characters`
        : undefined;
  const done = engage.result?.kind === "done" ? engage.result.body : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    if (reasonError || engage.busy || done) return;
    engage.submit({ reason: reason.trim(), cancelOpenOrders, ...(symbol ? { symbol } : {}) });
  }

  return (
    <dialog
      ref={ref}
      className="confirm-dialog halt-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>Halt trading</h2>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field id={`${id}-reason`} label="Reason (required)" error={attempted ? reasonError : undefined}>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={3}
            value={reason}
            maxLength={KILL_SWITCH_REASON_MAX}
            disabled={engage.busy || done !== null}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={attempted && reasonError ? true : undefined}
            aria-describedby={`${id}-reason-error`}
          />
        </Field>
        <Field id={`${id}-symbol`} label="Scope" error={undefined}>
          <select
            id={`${id}-symbol`}
            name="symbol"
            value={symbol}
            disabled={engage.busy || done !== null}
            onChange={(event) => setSymbol(event.target.value)}
          >
            <option value="">All symbols (global kill switch)</option>
            {(instruments.data?.instruments ?? []).map((instrument) => (
              <option key={instrument.symbol} value={instrument.symbol}>
                {instrument.symbol} only
              </option>
            ))}
          </select>
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            name="cancelOpenOrders"
            checked={cancelOpenOrders}
            disabled={engage.busy || done !== null}
            onChange={(event) => setCancelOpenOrders(event.target.checked)}
          />
          Also cancel open orders at the venue (including orders not placed by Tally)
        </label>
        {engage.result?.kind === "problem" && (
          <p className="form-error" role="alert">
            {engage.result.problem.detail}
          </p>
        )}
        {engage.result?.kind === "no_answer" && (
          <p className="form-error" role="alert">
            {engage.result.detail}
          </p>
        )}
        {done && (
          <div className="form-ok" role="status">
            <p>Trading halted{symbol ? ` in ${symbol}` : ""}.</p>
            {done.cancel && <CancelReportMessage report={done.cancel} />}
          </div>
        )}
        <div className="ticket-actions">
          {!done && (
            <button
              type="submit"
              className="button primary danger-fill"
              disabled={engage.busy}
              aria-busy={engage.busy}
            >
              {engage.busy ? "Halting…" : cancelOpenOrders ? "Halt and cancel orders" : "Halt trading"}
            </button>
          )}
          <button type="button" className="button" onClick={onClose} disabled={engage.busy}>
            {done ? "Close" : "Keep trading"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
