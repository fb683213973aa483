import { type Order, Prisma } from "../../db/generated/prisma/client";
import type { OrderStatus } from "../../db/generated/prisma/enums";
import type { Tx } from "../../db/sql";
import { encodeEvent } from "../../events/publish-event";
import { EVENTS_CHANNEL } from "../../events/tally-event";

/** Columns that change together with the status; decimals as exact strings. */
export interface OrderPatch {
  venueOrderId?: string;
  filledQuantity?: string;
  averagePrice?: string;
  rejectReason?: string;
}

function updateSql(options: { id: string; status: OrderStatus | null; patch: OrderPatch }): Prisma.Sql {
  const { patch } = options;
  const sets: Prisma.Sql[] = [Prisma.sql`"updatedAt" = now()`];
  if (options.status !== null) sets.push(Prisma.sql`status = ${options.status}::"OrderStatus"`);
  if (patch.venueOrderId !== undefined) sets.push(Prisma.sql`"venueOrderId" = ${patch.venueOrderId}`);
  if (patch.filledQuantity !== undefined)
    sets.push(Prisma.sql`"filledQuantity" = ${patch.filledQuantity}::numeric`);
  if (patch.averagePrice !== undefined)
    sets.push(Prisma.sql`"averagePrice" = ${patch.averagePrice}::numeric`);
  if (patch.rejectReason !== undefined) sets.push(Prisma.sql`"rejectReason" = ${patch.rejectReason}`);
  return Prisma.sql`UPDATE "Order" SET ${Prisma.join(sets, ", ")} WHERE id = ${options.id}::uuid RETURNING *`;
}

/** Applies a patch to an order row without changing its status; the row as it is now. */
export async function patchOrder(options: { tx: Tx; order: Order; patch: OrderPatch }): Promise<Order> {
  const rows = await options.tx.$queryRaw<Order[]>(
    updateSql({ id: options.order.id, status: null, patch: options.patch }),
  );
  return rows[0] ?? options.order;
}

/**
 * Moves an order row to `to` with its OrderEvent and an `order.updated` event (delivered on commit),
 * all in one statement. The caller has checked the transition and holds the row lock.
 */
export async function moveOrder(options: {
  tx: Tx;
  order: Order;
  to: OrderStatus;
  eventType: string;
  data?: Prisma.InputJsonValue;
  patch: OrderPatch;
}): Promise<Order> {
  const { tx, order, to } = options;
  const payload = encodeEvent({
    type: "order.updated",
    data: { orderId: order.id, clientOrderId: order.clientOrderId, symbol: order.symbol, status: to },
  });
  const data = options.data === undefined ? null : JSON.stringify(options.data);
  const rows = await tx.$queryRaw<(Order & { __notified?: unknown })[]>`
    WITH updated AS (${updateSql({ id: order.id, status: to, patch: options.patch })}),
    event AS (
      INSERT INTO "OrderEvent" ("orderId", type, "fromStatus", "toStatus", data, "createdAt")
      SELECT id, ${options.eventType}, ${order.status}::"OrderStatus", ${to}::"OrderStatus", ${data}::jsonb, now()
      FROM updated
    )
    SELECT updated.*, pg_notify(${EVENTS_CHANNEL}, ${payload})::text AS "__notified" FROM updated`;
  const row = rows[0];
  if (!row) throw new Error(`order ${order.id} vanished during a transition`);
  const { __notified: _, ...updated } = row;
  return updated as Order;
}

/** An OrderEvent that changes no status (e.g. a fill that leaves the order partially filled). */
export async function appendOrderEvent(options: {
  tx: Tx;
  order: Order;
  type: string;
  data: Prisma.InputJsonValue;
}): Promise<void> {
  const { tx, order } = options;
  await tx.$executeRaw`
    INSERT INTO "OrderEvent" ("orderId", type, "fromStatus", "toStatus", data, "createdAt")
    VALUES (${order.id}::uuid, ${options.type}, ${order.status}::"OrderStatus", ${order.status}::"OrderStatus",
            ${JSON.stringify(options.data)}::jsonb, now())`;
}
