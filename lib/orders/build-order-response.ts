import type { Order } from "../db/generated/prisma/client";
import type { StoredResponse } from "../idempotency/idempotency-types";
import { buildLegResult } from "./build-leg-result";

/** The stored HTTP outcome of POST /api/orders: 201/202 { order }, or 422 order_rejected with the order. */
export function buildOrderResponse(options: { order: Order; requestId?: string }): StoredResponse {
  const leg = buildLegResult(options);
  if (leg.error) return { status: 422, body: JSON.stringify({ ...leg.error, order: leg.order }) };
  return { status: leg.status, body: JSON.stringify({ order: leg.order }) };
}
