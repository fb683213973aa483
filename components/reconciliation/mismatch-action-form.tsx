"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { hasRole, type Role } from "@/lib/auth/roles";
import {
  ADJUSTABLE_TYPES,
  MAX_NOTE_LENGTH,
  MISMATCH_ACTION_RULES,
  MISMATCH_ACTIONS,
  type MismatchAction,
} from "@/lib/reconciliation/actions/mismatch-actions";
import { canMoveMismatch } from "@/lib/reconciliation/mismatch-lifecycle";
import type { MismatchStatus } from "@/lib/reconciliation/read/mismatch-vocabulary";
import { ApiError, sendKeyedRequest } from "../api/api-client";
import {
  beginSubmission,
  type KeyLifecycle,
  openKeyLifecycle,
  settleSubmission,
} from "../orders/submission/idempotency-key-lifecycle";
import {
  isNetworkFailure,
  keyedRetryDelay,
  shouldRetryKeyedRequest,
} from "../orders/submission/keyed-retry-policy";
import { newIdempotencyKey } from "../orders/submission/new-idempotency-key";
import { RECONCILIATION_KEY } from "./reconciliation-queries";

const LABELS: Record<MismatchAction, { button: string; busy: string; help: string }> = {
  acknowledge: { button: "Acknowledge", busy: "Acknowledging…", help: "Tell the others you are on it." },
  adjust: {
    button: "Adjust from venue evidence",
    busy: "Adjusting…",
    help: "Apply the venue's record to Tally's books (recorded as an adjustment).",
  },
  resolve: { button: "Resolve", busy: "Resolving…", help: "You fixed it outside Tally: say what you did." },
  accept: {
    button: "Accept as is",
    busy: "Accepting…",
    help: "The difference stands; it is not raised again unless it changes.",
  },
};

/** The actions this operator may take on a mismatch in its status (the server checks again). */
export function availableActions(options: { status: string; type: string; role: Role }): MismatchAction[] {
  return MISMATCH_ACTIONS.filter((action) => {
    const rule = MISMATCH_ACTION_RULES[action];
    if (!hasRole(options.role, rule.role)) return false;
    if (!canMoveMismatch(options.status as MismatchStatus, rule.to)) return false;
    return action !== "adjust" || ADJUSTABLE_TYPES.includes(options.type);
  });
}

type Message = { ok: boolean; text: string };

/**
 * One action's form. Its Idempotency-Key lives as long as the form: a second click while the first is
 * in flight sends nothing, and a resend after a lost answer carries the same key, so a double-clicked
 * action is one transition.
 */
export function MismatchActionForm({ mismatchId, action }: { mismatchId: string; action: MismatchAction }) {
  const queryClient = useQueryClient();
  const lifecycle = useRef<KeyLifecycle | null>(null);
  lifecycle.current ??= openKeyLifecycle(newIdempotencyKey());
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<Message | null>(null);
  const noteId = useId();
  const needsNote = MISMATCH_ACTION_RULES[action].note;
  const send = useMutation({
    mutationFn: (key: string) =>
      sendKeyedRequest<unknown>(
        `/api/reconciliation/mismatches/${encodeURIComponent(mismatchId)}/${action}`,
        key,
        needsNote ? { note } : undefined,
      ),
    retry: shouldRetryKeyedRequest,
    retryDelay: keyedRetryDelay,
  });
  const labels = LABELS[action];

  async function submit() {
    if (!lifecycle.current) return;
    if (needsNote && note.trim() === "") {
      setMessage({ ok: false, text: "Write a note first: what you found or did." });
      return;
    }
    const started = beginSubmission(lifecycle.current);
    if (!started) return;
    lifecycle.current = started.state;
    setMessage(null);
    let outcome: "placed" | "definitive" | "indefinite" = "placed";
    try {
      const answer = await send.mutateAsync(started.key);
      setMessage({ ok: true, text: answer.replayed ? "Done (already recorded)." : "Done." });
    } catch (error) {
      if (error instanceof ApiError) {
        outcome = error.problem.status >= 500 ? "indefinite" : "definitive";
        setMessage({ ok: false, text: error.problem.detail });
      } else {
        outcome = "indefinite";
        setMessage({
          ok: false,
          text: isNetworkFailure(error)
            ? "No answer from the server. Press the button again to resend safely: it will not be applied twice."
            : String(error),
        });
      }
    }
    lifecycle.current = settleSubmission(lifecycle.current, outcome, started.key, newIdempotencyKey());
    // A refusal may mean someone else acted first: show the mismatch as it is now.
    void queryClient.invalidateQueries({ queryKey: RECONCILIATION_KEY });
  }

  return (
    <form
      className="mismatch-action"
      aria-label={labels.button}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {needsNote && (
        <label htmlFor={noteId} className="field">
          <span>
            Note for {labels.button.toLowerCase()} <span className="muted">({labels.help})</span>
          </span>
          <textarea
            id={noteId}
            rows={2}
            maxLength={MAX_NOTE_LENGTH}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
      )}
      <div className="mismatch-action-row">
        <button
          type="submit"
          className={action === "adjust" || action === "resolve" ? "button primary" : "button"}
          disabled={send.isPending}
          aria-busy={send.isPending}
        >
          {send.isPending ? labels.busy : labels.button}
        </button>
        {!needsNote && <span className="muted">{labels.help}</span>}
        {message && (
          <span role="status" className={message.ok ? "form-ok" : "form-error"}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
