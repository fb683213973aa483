"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import type { OrderInput } from "@/lib/orders/order-input-schema";
import type { OrderAnswer } from "@/lib/orders/order-wire-schema";
import { sendKeyedRequest } from "../../api/api-client";
import { ORDERS_KEY } from "../shared/order-queries";
import {
  beginSubmission,
  type KeyLifecycle,
  openKeyLifecycle,
  requestEdited,
  settleSubmission,
} from "../submission/idempotency-key-lifecycle";
import { keyedRetryDelay, shouldRetryKeyedRequest } from "../submission/keyed-retry-policy";
import { newIdempotencyKey } from "../submission/new-idempotency-key";
import {
  outcomeFromError,
  outcomeFromResponse,
  submissionOutcome,
  type TicketOutcome,
} from "../submission/order-outcome";

type Submission = { key: string; body: OrderInput };

export type PlaceOrder = {
  submit: (body: OrderInput) => void;
  /** The order changed: the next submission is a new request with a new key. */
  edited: () => void;
  /** Back to a fresh ticket with a new key. */
  reset: () => void;
  /** A submission is in flight. */
  busy: boolean;
  /** An order was just placed: the ticket sends nothing until it is edited or reset. */
  held: boolean;
  /** Automatic resends of the current submission so far (network failure, still in progress). */
  retries: number;
  outcome: TicketOutcome | null;
  clearOutcome: () => void;
};

export function usePlaceOrder(): PlaceOrder {
  const queryClient = useQueryClient();
  const lifecycle = useRef<KeyLifecycle | null>(null);
  lifecycle.current ??= openKeyLifecycle(newIdempotencyKey());
  // The ref is the synchronous truth (a second click can arrive before a re-render); this mirrors it for rendering.
  const [phase, setPhase] = useState<KeyLifecycle["phase"]>("ready");
  const [outcome, setOutcome] = useState<TicketOutcome | null>(null);

  const move = useCallback((next: KeyLifecycle) => {
    lifecycle.current = next;
    setPhase(next.phase);
  }, []);

  // TanStack Query resends with the same variables, so every retry carries the same key.
  const mutation = useMutation({
    mutationFn: ({ key, body }: Submission) => sendKeyedRequest<OrderAnswer>("/api/orders", key, body),
    retry: shouldRetryKeyedRequest,
    retryDelay: keyedRetryDelay,
  });
  const { mutateAsync } = mutation;

  const submit = useCallback(
    async (body: OrderInput) => {
      if (!lifecycle.current) return;
      const started = beginSubmission(lifecycle.current);
      if (!started) return;
      move(started.state);
      setOutcome(null);
      let result: TicketOutcome;
      try {
        result = outcomeFromResponse(await mutateAsync({ key: started.key, body }));
      } catch (error) {
        result = outcomeFromError(error);
      }
      move(settleSubmission(lifecycle.current, submissionOutcome(result), started.key, newIdempotencyKey()));
      setOutcome(result);
      void queryClient.invalidateQueries({ queryKey: ORDERS_KEY });
    },
    [mutateAsync, queryClient, move],
  );

  const edited = useCallback(() => {
    if (lifecycle.current) move(requestEdited(lifecycle.current, newIdempotencyKey()));
  }, [move]);

  const reset = useCallback(() => {
    edited();
    setOutcome(null);
  }, [edited]);

  return {
    submit: (body) => void submit(body),
    edited,
    reset,
    busy: phase === "in_flight",
    held: phase === "placed",
    retries: phase === "in_flight" ? mutation.failureCount : 0,
    outcome,
    clearOutcome: useCallback(() => setOutcome(null), []),
  };
}
