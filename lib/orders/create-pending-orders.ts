import type { Principal } from "../auth/principal";
import type { Order } from "../db/generated/prisma/client";
import { publishEvent } from "../events/publish-event";
import type { ClaimedRecord, Tx } from "../idempotency/idempotency-types";
import { deriveClientOrderId } from "../venue/derive-client-order-id";
import type { PreparedLeg } from "./prepare-order-legs";

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
  const { tx, record, principal, legs } = options;
  const legOf = (index: number) => (options.batch ? index : undefined);
  let ids = legs.map((_, index) =>
    deriveClientOrderId({ scope: record.scope, key: record.key, leg: legOf(index) }),
  );
  const taken = await tx.order.count({ where: { clientOrderId: { in: ids } } });
  if (taken > 0) {
    ids = legs.map((_, index) =>
      deriveClientOrderId({ scope: `${record.scope}|${record.id}`, key: record.key, leg: legOf(index) }),
    );
  }
  const orders: Order[] = [];
  for (const [index, leg] of legs.entries()) {
    const { input } = leg;
    const order = await tx.order.create({
      data: {
        clientOrderId: ids[index] as string,
        venue: options.venue,
        symbol: input.symbol,
        side: input.side,
        type: input.type,
        timeInForce: input.type === "limit" ? (input.timeInForce ?? "GTC") : null,
        quantity: input.quantity,
        price: input.type === "limit" ? (input.price ?? null) : null,
        status: "pending_new",
        idempotencyRecordId: record.id,
        createdByUserId: principal.kind === "user" ? principal.id : null,
        createdByTokenId: principal.kind === "token" ? principal.id : null,
      },
    });
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        type: "created",
        fromStatus: null,
        toStatus: "pending_new",
        data: { leg: index },
      },
    });
    await publishEvent(
      {
        type: "order.updated",
        data: {
          orderId: order.id,
          clientOrderId: order.clientOrderId,
          symbol: order.symbol,
          status: order.status,
        },
      },
      tx,
    );
    orders.push(order);
  }
  return orders;
}
