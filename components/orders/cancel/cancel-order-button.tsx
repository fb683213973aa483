"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import type { OrderAnswer, OrderView } from "@/lib/orders/order-wire-schema";
import { sendKeyedRequest } from "../../api/api-client";
import { describeOrder, STATUS_LABELS } from "../shared/format-order";
import { ORDERS_KEY } from "../shared/order-queries";
import { useInstrumentFormat } from "../shared/use-instrument-format";
import {
  beginSubmission,
  type KeyLifecycle,
  openKeyLifecycle,
  settleSubmission,
} from "../submission/idempotency-key-lifecycle";
import { keyedRetryDelay, shouldRetryKeyedRequest } from "../submission/keyed-retry-policy";
import { newIdempotencyKey } from "../submission/new-idempotency-key";
import { outcomeFromError, submissionOutcome } from "../submission/order-outcome";
import type { CancelMessage } from "./cancel-message";

/**
 * Cancels one order. Its key lives as long as the button and is kept across every resend of the
 * cancel, automatic or a second click after a lost answer, until the cancel has a definitive outcome.
 */
export function CancelOrderButton({
  order,
  onResult,
}: {
  order: OrderView;
  onResult: (message: CancelMessage | null) => void;
}) {
  const queryClient = useQueryClient();
  const lifecycle = useRef<KeyLifecycle | null>(null);
  lifecycle.current ??= openKeyLifecycle(newIdempotencyKey());
  const cancel = useMutation({
    mutationFn: (key: string) =>
      sendKeyedRequest<OrderAnswer>(`/api/orders/${encodeURIComponent(order.id)}/cancel`, key, undefined),
    retry: shouldRetryKeyedRequest,
    retryDelay: keyedRetryDelay,
  });
  const { mutateAsync } = cancel;
  const format = useInstrumentFormat();
  const described = describeOrder(order, format);
  const label = `Cancel ${described}`;

  async function onClick() {
    if (!lifecycle.current) return;
    const started = beginSubmission(lifecycle.current);
    if (!started) return;
    lifecycle.current = started.state;
    onResult(null);
    let definitive = true;
    try {
      const response = await mutateAsync(started.key);
      const { status } = response.body.order;
      onResult({
        ok: true,
        text:
          status === "canceled"
            ? `Canceled ${described}.`
            : `Cancel of ${described} sent: the order is ${STATUS_LABELS[status]}.`,
      });
    } catch (error) {
      const outcome = outcomeFromError(error);
      definitive = submissionOutcome(outcome) === "definitive";
      onResult({
        ok: false,
        text:
          outcome.kind === "problem"
            ? `Could not cancel ${described}: ${outcome.problem.detail}`
            : `No answer to the cancel of ${described}: it may or may not be canceled. Press Cancel again to resend it safely.`,
      });
    }
    lifecycle.current = settleSubmission(
      lifecycle.current,
      definitive ? "definitive" : "indefinite",
      started.key,
      newIdempotencyKey(),
    );
    void queryClient.invalidateQueries({ queryKey: ORDERS_KEY });
  }

  return (
    <button
      type="button"
      className="button small danger"
      aria-label={label}
      title={label}
      disabled={cancel.isPending}
      aria-busy={cancel.isPending}
      onClick={() => void onClick()}
    >
      {cancel.isPending ? "Canceling…" : "Cancel"}
    </button>
  );
}
