import type { Order, Prisma } from "../db/generated/prisma/client";
import type { OrderStatus } from "../db/generated/prisma/enums";
import { publishEvent } from "../events/publish-event";
import type { Tx } from "../idempotency/idempotency-types";
import { logger } from "../observability/logger";
import { canTransition } from "./order-state-machine";

export interface TransitionOrderOptions {
  tx: Tx;
  /** The current row, locked by the caller. */
  order: Order;
  to: OrderStatus;
  /** OrderEvent type, e.g. "accepted", "venue_update". */
  eventType: string;
  data?: Prisma.InputJsonValue;
  /** Other columns changed together with the status. */
  patch?: Prisma.OrderUpdateInput;
}

/**
 * Moves an order to a new status with its OrderEvent and an `order.updated` event (delivered on
 * commit). Illegal transitions are refused and logged; the order is returned unchanged. Staying in
 * the same status only applies the patch.
 */
export async function transitionOrder(options: TransitionOrderOptions): Promise<Order> {
  const { tx, order, to } = options;
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
    return options.patch ? tx.order.update({ where: { id: order.id }, data: options.patch }) : order;
  }
  if (!changing && !options.patch) return order;
  const updated = await tx.order.update({
    where: { id: order.id },
    data: { ...options.patch, ...(changing ? { status: to } : {}) },
  });
  if (changing) {
    await tx.orderEvent.create({
      data: {
        orderId: order.id,
        type: options.eventType,
        fromStatus: order.status,
        toStatus: to,
        data: options.data,
      },
    });
    await publishEvent(
      {
        type: "order.updated",
        data: { orderId: order.id, clientOrderId: order.clientOrderId, symbol: order.symbol, status: to },
      },
      tx,
    );
  }
  return updated;
}
