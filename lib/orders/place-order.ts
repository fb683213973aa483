import type { Principal } from "../auth/principal";
import type { IdempotentResult } from "../idempotency/run-idempotently";
import type { OrderInput } from "./order-input-schema";
import { placeOrders } from "./place-orders";

/** POST /api/orders: one order under the caller's Idempotency-Key. */
export function placeOrder(options: {
  principal: Principal;
  idempotencyKey: string;
  path: string;
  rawBody: unknown;
  order: OrderInput;
  requestId?: string;
  ip?: string;
}): Promise<IdempotentResult> {
  const { order, ...rest } = options;
  return placeOrders({ ...rest, legs: [order], batch: false });
}
