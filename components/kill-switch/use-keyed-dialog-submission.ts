"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { ApiError, type Problem, sendKeyedRequest } from "../api/api-client";
import {
  beginSubmission,
  type KeyLifecycle,
  openKeyLifecycle,
  settleSubmission,
} from "../orders/submission/idempotency-key-lifecycle";
import { keyedRetryDelay, shouldRetryKeyedRequest } from "../orders/submission/keyed-retry-policy";
import { newIdempotencyKey } from "../orders/submission/new-idempotency-key";
import { TRADING_STATE_KEY } from "./trading-state-query";

export type DialogResult<T> =
  | { kind: "done"; body: T }
  | { kind: "problem"; problem: Problem }
  | { kind: "no_answer"; detail: string };

/**
 * One Idempotency-Key per dialog (made when it opens): every resend of its submission, automatic or
 * a second click after no answer, carries the same key, so a double-clicked halt is one engage and
 * one cancel-all. A definitive answer spends the key; the dialog then shows the result.
 */
export function useKeyedDialogSubmission<T>(path: string) {
  const queryClient = useQueryClient();
  const lifecycle = useRef<KeyLifecycle | null>(null);
  lifecycle.current ??= openKeyLifecycle(newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DialogResult<T> | null>(null);
  const mutation = useMutation({
    mutationFn: ({ key, body }: { key: string; body: unknown }) => sendKeyedRequest<T>(path, key, body),
    retry: shouldRetryKeyedRequest,
    retryDelay: keyedRetryDelay,
  });
  const { mutateAsync } = mutation;
  const submit = useCallback(
    async (body: unknown) => {
      if (!lifecycle.current) return;
      const started = beginSubmission(lifecycle.current);
      if (!started) return;
      lifecycle.current = started.state;
      setBusy(true);
      let next: DialogResult<T>;
      try {
        next = { kind: "done", body: (await mutateAsync({ key: started.key, body })).body };
      } catch (error) {
        next =
          error instanceof ApiError &&
          error.problem.code !== "idempotency_key_in_progress" &&
          error.problem.status < 500
            ? { kind: "problem", problem: error.problem }
            : {
                kind: "no_answer",
                detail:
                  "No answer from the server: it may or may not have been done. Submit again to resend it safely; it will not be done twice.",
              };
      }
      const outcome =
        next.kind === "no_answer" ? "indefinite" : next.kind === "done" ? "placed" : "definitive";
      lifecycle.current = settleSubmission(lifecycle.current, outcome, started.key, newIdempotencyKey());
      setBusy(false);
      setResult(next);
      void queryClient.invalidateQueries({ queryKey: TRADING_STATE_KEY });
    },
    [mutateAsync, queryClient],
  );
  return { submit: (body: unknown) => void submit(body), busy, result };
}
