import type { StoredOutcome } from "../idempotency/idempotency-types";

/** The orders a stored order outcome is about (one, a batch's legs, or none for an older kind). */
export function outcomeOrderIds(outcome: StoredOutcome): string[] {
  const { order, orders } = outcome as { order?: { id: string }; orders?: { id: string }[] };
  return orders?.map((o) => o.id) ?? (order ? [order.id] : []);
}
