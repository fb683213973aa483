import type { ApiTokenCreatedOutcome } from "../auth/api-token-created-outcome";
import type { StoredOutcome, StoredResponseOutcome } from "../idempotency/idempotency-types";
import type { OrderOutcome } from "../orders/order-outcome";
import type { OrderView } from "../orders/order-view";
import type { MismatchActionOutcome } from "../reconciliation/actions/mismatch-action-outcome";
import { MISMATCH_OUTCOME_KINDS } from "../reconciliation/actions/mismatch-action-outcome";
import type { RunRequestedOutcome } from "../reconciliation/request-run";
import type { KillSwitchOutcome } from "../risk/kill-switch-outcome";
import { presentTokenCreated } from "./present-token-created";
import { problemBody } from "./problem";

/** An answer as sent: status and the exact body text. */
export interface PresentedAnswer {
  status: number;
  body: string;
}

interface LegResult {
  status: 201 | 202 | 422;
  order: OrderView;
  error?: Record<string, unknown>;
}

/** A placed order: 201 live or done, 202 pending or unknown (sent, no definitive answer), 422 rejected. */
function legResult(order: OrderView, requestId: string | null): LegResult {
  if (order.status === "rejected") {
    return {
      status: 422,
      order,
      error: problemBody({
        status: 422,
        code: "order_rejected",
        detail: `The venue rejected the order${order.rejectReason ? `: ${order.rejectReason}` : ""}`,
        requestId: requestId ?? undefined,
      }),
    };
  }
  if (order.status === "unknown" || order.status === "pending_new") return { status: 202, order };
  return { status: 201, order };
}

function presentOrderOutcome(outcome: OrderOutcome): PresentedAnswer {
  switch (outcome.kind) {
    case "order_placed": {
      const leg = legResult(outcome.order, outcome.requestId);
      if (leg.error) return { status: 422, body: JSON.stringify({ ...leg.error, order: leg.order }) };
      return { status: leg.status, body: JSON.stringify({ order: leg.order }) };
    }
    case "batch_placed": {
      const results = outcome.orders.map((order) => legResult(order, outcome.requestId));
      return { status: 201, body: JSON.stringify({ results }) };
    }
    case "order_canceled":
      return { status: 200, body: JSON.stringify({ order: outcome.order }) };
    case "order_not_cancelable": {
      const { order } = outcome;
      const detail =
        order.status === "pending_new" || order.status === "unknown"
          ? "The order is not known at the venue, so it cannot be canceled"
          : `The order is ${order.status} and can no longer be canceled`;
      const problem = problemBody({
        status: 409,
        code: "order_not_cancelable",
        detail,
        requestId: outcome.requestId ?? undefined,
      });
      return { status: 409, body: JSON.stringify({ ...problem, order }) };
    }
    case "order_state_unknown": {
      const problem = problemBody({
        status: 409,
        code: "order_state_unknown",
        detail: `The venue does not know this order, which Tally holds as ${outcome.order.status}; reconciliation will settle it`,
        requestId: outcome.requestId ?? undefined,
      });
      return { status: 409, body: JSON.stringify({ ...problem, order: outcome.order }) };
    }
  }
}

const DONE: Record<MismatchActionOutcome["action"], string> = {
  acknowledge: "acknowledged",
  resolve: "resolved",
  accept: "accepted",
  adjust: "adjusted",
};

/** 200 with the mismatch as the action left it; 409 mismatch_state_conflict with its current status. */
function presentMismatchOutcome(outcome: MismatchActionOutcome): PresentedAnswer {
  if (outcome.kind === "mismatch_changed")
    return { status: 200, body: JSON.stringify({ mismatch: outcome.mismatch }) };
  const { mismatch } = outcome;
  const problem = problemBody({
    status: 409,
    code: "mismatch_state_conflict",
    detail: `The mismatch is ${mismatch.status}: it cannot be ${DONE[outcome.action]} now`,
    requestId: outcome.requestId ?? undefined,
  });
  return { status: 409, body: JSON.stringify({ ...problem, currentStatus: mismatch.status, mismatch }) };
}

/**
 * The one presenter of stored domain outcomes: the same outcome always gives the same bytes, so the
 * first answer and every replay of an idempotent request are identical.
 */
export function presentOutcome(outcome: StoredOutcome): PresentedAnswer {
  if (outcome.kind === "stored_response") {
    const stored = outcome as StoredResponseOutcome;
    return { status: stored.status, body: stored.body };
  }
  if (outcome.kind === "api_token_created") return presentTokenCreated(outcome as ApiTokenCreatedOutcome);
  if (outcome.kind === "reconciliation_run_requested") {
    const { run } = outcome as RunRequestedOutcome;
    return { status: 202, body: JSON.stringify({ run }) };
  }
  if (outcome.kind === "trading_halted" || outcome.kind === "trading_released") {
    const changed = outcome as KillSwitchOutcome;
    const body =
      changed.kind === "trading_halted" ? { ...changed.state, cancel: changed.cancel } : changed.state;
    return { status: 200, body: JSON.stringify(body) };
  }
  if (MISMATCH_OUTCOME_KINDS.includes(outcome.kind))
    return presentMismatchOutcome(outcome as MismatchActionOutcome);
  return presentOrderOutcome(outcome as OrderOutcome);
}
