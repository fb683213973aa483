import type { Order } from "../db/generated/prisma/client";
import { type OrderView, toOrderView } from "./order-view";

/**
 * What came of an order request, in domain terms. It is stored with the request's idempotency record
 * and presented by lib/http (present-outcome.ts) at the first answer and at every replay. `requestId`
 * is the request that produced it (none when the sweeper completed it).
 * - order_placed: the order's status says accepted (live or done), pending/unknown, or rejected.
 * - batch_placed: one order per leg, in leg order.
 * - order_canceled / order_not_cancelable: the answer to a cancel.
 */
export type OrderOutcome =
  | { kind: "order_placed"; order: OrderView; requestId: string | null }
  | { kind: "batch_placed"; orders: OrderView[]; requestId: string | null }
  | { kind: "order_canceled"; order: OrderView }
  | { kind: "order_not_cancelable"; order: OrderView; requestId: string | null }
  /** We hold the order as live but the venue does not know it: reconciliation settles it. */
  | { kind: "order_state_unknown"; order: OrderView; requestId: string | null };

export function placementOutcome(options: {
  orders: Order[];
  batch: boolean;
  requestId?: string;
}): OrderOutcome {
  const requestId = options.requestId ?? null;
  const views = options.orders.map(toOrderView);
  if (options.batch) return { kind: "batch_placed", orders: views, requestId };
  const [order] = views;
  if (!order) throw new Error("a placement without its order");
  return { kind: "order_placed", order, requestId };
}

/**
 * After the venue's answer: canceled; not cancelable (it filled or expired first, or never reached
 * the venue); or, when the venue knows nothing of an order we hold as live, its state is unknown.
 */
export function cancelOutcome(options: {
  order: Order;
  venueKnowsIt: boolean;
  requestId?: string;
}): OrderOutcome {
  const { order } = options;
  if (order.status === "canceled") return { kind: "order_canceled", order: toOrderView(order) };
  if (!options.venueKnowsIt && (order.status === "open" || order.status === "partially_filled")) {
    return { kind: "order_state_unknown", order: toOrderView(order), requestId: options.requestId ?? null };
  }
  return notCancelableOutcome(options);
}

/** An order that cannot be canceled (already final, or not known at the venue). */
export function notCancelableOutcome(options: { order: Order; requestId?: string }): OrderOutcome {
  return {
    kind: "order_not_cancelable",
    order: toOrderView(options.order),
    requestId: options.requestId ?? null,
  };
}
