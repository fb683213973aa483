import type { Principal } from "../auth/principal";
import type { KeyedRequest } from "../idempotency/idempotency-types";
import type { IdempotentResult } from "../idempotency/run-idempotently";
import type { ReconciliationGate } from "../reconciliation/reconciliation-gate";
import type { MidSource } from "../risk/limits/mid-quote";
import type { VenuePort } from "../venue/port/venue-port";
import type { OrderInput } from "./order-input-schema";
import type { OrderOutcome } from "./order-outcome";
import { placeOrderLegs } from "./place-order-legs";

/** POST /api/orders: one order under the caller's Idempotency-Key. */
export function placeOrder(options: {
  venue: VenuePort;
  gate: ReconciliationGate;
  midSource: MidSource;
  principal: Principal;
  request: KeyedRequest;
  order: OrderInput;
  requestId?: string;
  ip?: string;
}): Promise<IdempotentResult<OrderOutcome>> {
  const { order, ...rest } = options;
  return placeOrderLegs({ ...rest, legs: [order], batch: false });
}
