import type { Order } from "../db/generated/prisma/client";
import { problemBody } from "../http/problem";
import { type OrderView, toOrderView } from "./order-view";

export interface LegResult {
  status: 201 | 202 | 422;
  order: OrderView;
  error?: Record<string, unknown>;
}

/** A placed order's outcome: 201 live/done, 202 unknown (sent, no definitive answer), 422 rejected. */
export function buildLegResult(options: { order: Order; requestId?: string }): LegResult {
  const view = toOrderView(options.order);
  if (options.order.status === "rejected") {
    return {
      status: 422,
      order: view,
      error: problemBody({
        status: 422,
        code: "order_rejected",
        detail: `The venue rejected the order${view.rejectReason ? `: ${view.rejectReason}` : ""}`,
        requestId: options.requestId,
      }),
    };
  }
  if (options.order.status === "unknown" || options.order.status === "pending_new") {
    return { status: 202, order: view };
  }
  return { status: 201, order: view };
}
