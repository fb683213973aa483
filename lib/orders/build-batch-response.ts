import type { Order } from "../db/generated/prisma/client";
import type { StoredResponse } from "../idempotency/idempotency-types";
import { buildLegResult } from "./build-leg-result";

/** The stored HTTP outcome of POST /api/orders/batch: 201 { results: [{ status, order, error? }] }. */
export function buildBatchResponse(options: { orders: Order[]; requestId?: string }): StoredResponse {
  const results = options.orders.map((order) => buildLegResult({ order, requestId: options.requestId }));
  return { status: 201, body: JSON.stringify({ results }) };
}
