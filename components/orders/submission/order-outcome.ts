import type { OrderAnswer, OrderProblemExtra, OrderView } from "@/lib/orders/order-wire-schema";
import { ApiError, type KeyedResponse, type Problem } from "../../api/api-client";
import type { SubmissionOutcome } from "./idempotency-key-lifecycle";
import { isInProgress, isNetworkFailure } from "./keyed-retry-policy";

/** What the ticket tells the operator after a submission. */
export type TicketOutcome =
  | { kind: "placed"; order: OrderView; replayed: boolean }
  | { kind: "awaiting_venue"; order: OrderView; replayed: boolean }
  | { kind: "rejected"; order: OrderView | null; detail: string }
  | { kind: "problem"; problem: Problem }
  | { kind: "no_answer"; detail: string };

export function outcomeFromResponse(response: KeyedResponse<OrderAnswer>): TicketOutcome {
  const { order } = response.body;
  // 202: the order was sent but the venue has not confirmed it; only a lookup or reconciliation will tell.
  if (response.status === 202 || order.status === "unknown")
    return { kind: "awaiting_venue", order, replayed: response.replayed };
  return { kind: "placed", order, replayed: response.replayed };
}

export function outcomeFromError(error: unknown): TicketOutcome {
  if (error instanceof ApiError) {
    const { problem } = error;
    if (problem.code === "order_rejected") {
      const order = (problem as Problem & OrderProblemExtra).order ?? null;
      return { kind: "rejected", order, detail: problem.detail };
    }
    if (isInProgress(error)) {
      return {
        kind: "no_answer",
        detail: "The server is still working on this order. Press Place order again to check on it.",
      };
    }
    return { kind: "problem", problem };
  }
  if (isNetworkFailure(error)) {
    return {
      kind: "no_answer",
      detail:
        "No answer from the server: the order may or may not have been placed. Press Place order again to resend it safely; it will not be placed twice.",
    };
  }
  return { kind: "no_answer", detail: error instanceof Error ? error.message : String(error) };
}

/**
 * Whether a resend with the same key could still change anything. Placed and rejected orders, and
 * requests the server refused (4xx), are settled; a missing answer, a request still in progress, a
 * server error or an order awaiting the venue are not, so the key must survive for the resend.
 * A placed order is told apart because the ticket then holds until it is edited or reset.
 */
export function submissionOutcome(outcome: TicketOutcome): SubmissionOutcome {
  switch (outcome.kind) {
    case "placed":
      return "placed";
    case "rejected":
      return "definitive";
    case "awaiting_venue":
    case "no_answer":
      return "indefinite";
    case "problem": {
      const { status } = outcome.problem;
      // 409 in progress is a no_answer above; another 409 (such as order_not_cancelable) is settled.
      return status >= 400 && status < 500 && status !== 429 ? "definitive" : "indefinite";
    }
  }
}
