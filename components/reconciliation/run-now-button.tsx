"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ApiError, sendKeyedRequest } from "../api/api-client";
import {
  beginSubmission,
  type KeyLifecycle,
  openKeyLifecycle,
  settleSubmission,
} from "../orders/submission/idempotency-key-lifecycle";
import { keyedRetryDelay, shouldRetryKeyedRequest } from "../orders/submission/keyed-retry-policy";
import { newIdempotencyKey } from "../orders/submission/new-idempotency-key";
import { RECONCILIATION_KEY } from "./reconciliation-queries";

/** Starts a run now (or joins the running one); one key per press, kept for resends of that press. */
export function RunNowButton() {
  const queryClient = useQueryClient();
  const lifecycle = useRef<KeyLifecycle | null>(null);
  lifecycle.current ??= openKeyLifecycle(newIdempotencyKey());
  const [message, setMessage] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (key: string) =>
      sendKeyedRequest<{ run: { id: string } }>("/api/reconciliation/runs", key, undefined),
    retry: shouldRetryKeyedRequest,
    retryDelay: keyedRetryDelay,
  });

  async function onClick() {
    if (!lifecycle.current) return;
    const started = beginSubmission(lifecycle.current);
    if (!started) return;
    lifecycle.current = started.state;
    let outcome: "definitive" | "indefinite" = "definitive";
    try {
      await run.mutateAsync(started.key);
      setMessage("Run started; results appear when it finishes.");
    } catch (error) {
      if (!(error instanceof ApiError) || error.problem.status >= 500) outcome = "indefinite";
      setMessage(error instanceof ApiError ? error.problem.detail : "No answer: press Run now again.");
    }
    lifecycle.current = settleSubmission(lifecycle.current, outcome, started.key, newIdempotencyKey());
    void queryClient.invalidateQueries({ queryKey: RECONCILIATION_KEY });
  }

  return (
    <span className="run-now">
      <button
        type="button"
        className="button primary"
        disabled={run.isPending}
        onClick={() => void onClick()}
      >
        {run.isPending ? "Starting…" : "Run now"}
      </button>
      {message && (
        <span role="status" className="muted">
          {message}
        </span>
      )}
    </span>
  );
}
