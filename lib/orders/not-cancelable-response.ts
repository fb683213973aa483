import type { Order } from "../db/generated/prisma/client";
import { problemBody } from "../http/problem";
import type { StoredResponse } from "../idempotency/idempotency-types";
import { toOrderView } from "./order-view";

/** 409 order_not_cancelable for an order in a final state (or not at the venue), with the order. */
export function notCancelableResponse(options: { order: Order; requestId?: string }): StoredResponse {
  const { order } = options;
  const detail =
    order.status === "pending_new" || order.status === "unknown"
      ? "The order is not known at the venue, so it cannot be canceled"
      : `The order is ${order.status} and can no longer be canceled`;
  return {
    status: 409,
    body: JSON.stringify({
      ...problemBody({ status: 409, code: "order_not_cancelable", detail, requestId: options.requestId }),
      order: toOrderView(order),
    }),
  };
}
