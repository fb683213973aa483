import { type Order, Prisma } from "../db/generated/prisma/client";
import type { OrderStatus } from "../db/generated/prisma/enums";
import type { Tx } from "../db/sql";
import { encodeEvent } from "../events/publish-event";
import { EVENTS_CHANNEL } from "../events/tally-event";
import { logger } from "../observability/logger";
import { canTransition } from "./order-state-machine";

/** Columns that change together with the status; decimals as exact strings. */
export interface OrderPatch {
  venueOrderId?: string;
  filledQuantity?: string;
  averagePrice?: string;
  rejectReason?: string;
}

export interface TransitionOrderOptions {
  tx: Tx;
  /** The current row, locked by the caller. */
  order: Order;
  to: OrderStatus;
  /** OrderEvent type, e.g. "accepted", "venue_update". */
  eventType: string;
  data?: Prisma.InputJsonValue;
  patch?: OrderPatch;
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

/**
 * Moves an order to a new status with its OrderEvent and an `order.updated` event (delivered on
 * commit), all in one statement. Illegal transitions are refused and logged; only the patch applies.
 * Staying in the same status only applies the patch.
 */
export async function transitionOrder(options: TransitionOrderOptions): Promise<Order> {
  const { tx, order, to } = options;
  const patch = options.patch ?? {};
  const hasPatch = Object.keys(patch).length > 0;
  const changing = order.status !== to;
  if (changing && !canTransition({ from: order.status, to })) {
    logger.warn(
      {
        orderId: order.id,
        clientOrderId: order.clientOrderId,
        from: order.status,
        to,
        event: options.eventType,
      },
      "illegal order transition refused",
    );
    if (!hasPatch) return order;
    const rows = await tx.$queryRaw<Order[]>(updateSql({ id: order.id, status: null, patch }));
    return rows[0] ?? order;
  }
  if (!changing) {
    if (!hasPatch) return order;
    const rows = await tx.$queryRaw<Order[]>(updateSql({ id: order.id, status: null, patch }));
    return rows[0] ?? order;
  }
  const payload = encodeEvent({
    type: "order.updated",
    data: { orderId: order.id, clientOrderId: order.clientOrderId, symbol: order.symbol, status: to },
  });
  const data = options.data === undefined ? null : JSON.stringify(options.data);
  const rows = await tx.$queryRaw<Order[]>`
    WITH updated AS (${updateSql({ id: order.id, status: to, patch })}),
    event AS (
      INSERT INTO "OrderEvent" ("orderId", type, "fromStatus", "toStatus", data, "createdAt")
      SELECT id, ${options.eventType}, ${order.status}::"OrderStatus", ${to}::"OrderStatus", ${data}::jsonb, now()
      FROM updated
    )
    SELECT updated.*, pg_notify(${EVENTS_CHANNEL}, ${payload})::text AS "__notified" FROM updated`;
  const row = rows[0];
  if (!row) throw new Error(`order ${order.id} vanished during a transition`);
  const { __notified: _, ...updated } = row as Order & { __notified?: unknown };
  return updated as Order;
}
