"use client";

import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { KILL_SWITCH_REASON_MAX, type TradingStateView } from "@/lib/risk/kill-switch-wire-schema";
import { Field } from "../ui/field";
import type { TradingHalt } from "./trading-state-query";
import { useKeyedDialogSubmission } from "./use-keyed-dialog-submission";

/** The word the operator types to release: a release is deliberate, never a stray click. */
export const RELEASE_WORD = "RELEASE";

/** Release the kill switch or a symbol's halt (risk only): a reason and the typed word. Nothing resumes. */
export function ReleaseTradingDialog({ halts, onClose }: { halts: TradingHalt[]; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [scope, setScope] = useState(halts[0]?.scope ?? "global");
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState("");
  const [attempted, setAttempted] = useState(false);
  const release = useKeyedDialogSubmission<TradingStateView>("/api/kill-switch/release");
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const reasonError = reason.trim().length === 0 ? "A reason is required" : undefined;
  const typedError = typed !== RELEASE_WORD ? `Type ${RELEASE_WORD} to confirm` : undefined;
  const done = release.result?.kind === "done";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    if (reasonError || typedError || release.busy || done) return;
    release.submit({ reason: reason.trim(), ...(scope === "global" ? {} : { symbol: scope }) });
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
      <h2 id={`${id}-title`}>Release trading halt</h2>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <p className="muted">Releasing resumes nothing: it only allows new orders again.</p>
        {halts.length > 1 && (
          <Field id={`${id}-scope`} label="Halt to release" error={undefined}>
            <select id={`${id}-scope`} value={scope} onChange={(event) => setScope(event.target.value)}>
              {halts.map((halt) => (
                <option key={halt.scope} value={halt.scope}>
                  {halt.scope === "global" ? "Global kill switch" : halt.scope}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id={`${id}-reason`} label="Reason (required)" error={attempted ? reasonError : undefined}>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            value={reason}
            maxLength={KILL_SWITCH_REASON_MAX}
            disabled={release.busy || done}
            onChange={(event) => setReason(event.target.value)}
          />
        </Field>
        <Field
          id={`${id}-confirm`}
          label={`Type ${RELEASE_WORD} to confirm`}
          error={attempted ? typedError : undefined}
        >
          <input
            id={`${id}-confirm`}
            name="confirm"
            autoComplete="off"
            value={typed}
            disabled={release.busy || done}
            onChange={(event) => setTyped(event.target.value)}
          />
        </Field>
        {release.result?.kind === "problem" && (
          <p className="form-error" role="alert">
            {release.result.problem.detail}
          </p>
        )}
        {release.result?.kind === "no_answer" && (
          <p className="form-error" role="alert">
            {release.result.detail}
          </p>
        )}
        {done && (
          <p className="form-ok" role="status">
            Released. New orders are allowed again{scope === "global" ? "" : ` in ${scope}`}.
          </p>
        )}
        <div className="ticket-actions">
          {!done && (
            <button type="submit" className="button primary" disabled={release.busy} aria-busy={release.busy}>
              Release
            </button>
          )}
          <button type="button" className="button" onClick={onClose} disabled={release.busy}>
            {done ? "Close" : "Keep halted"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
