import type { Principal } from "../auth/principal";
import type { Order } from "../db/generated/prisma/client";
import type { Tx } from "../db/sql";
import type { ClaimedRecord } from "../idempotency/idempotency-types";
import { deriveClientOrderId } from "../venue/port/derive-client-order-id";
import type { PreparedLeg } from "./prepare-order-legs";
import { insertPendingOrders } from "./store/insert-pending-orders";

export interface CreatePendingOrdersOptions {
  tx: Tx;
  record: ClaimedRecord;
  principal: Principal;
  venue: string;
  legs: PreparedLeg[];
  /** Batch legs get `leg: i` in their client order id; a single order gets none. */
  batch: boolean;
}

/**
 * Writes the pending_new order rows, each with its "created" OrderEvent and `order.updated` event, in
 * the claim's transaction, before anything is sent. Client order ids derive from (scope, key, leg);
 * when a key is used again after its record expired, the record id joins the scope so the new
 * order never collides with (or is mistaken at the venue for) the old one.
 */
export async function createPendingOrders(options: CreatePendingOrdersOptions): Promise<Order[]> {
  const { record, legs } = options;
  const idsFor = (scope: string) =>
    legs.map((_, index) =>
      deriveClientOrderId({ scope, key: record.key, leg: options.batch ? index : undefined }),
    );
  const orders = await insertPendingOrders({ ...options, clientOrderIds: idsFor(record.scope) });
  if (orders.length === legs.length) return orders;
  const retried = await insertPendingOrders({
    ...options,
    clientOrderIds: idsFor(`${record.scope}|${record.id}`),
  });
  if (retried.length !== legs.length) throw new Error(`client order ids for record ${record.id} are taken`);
  return retried;
}
