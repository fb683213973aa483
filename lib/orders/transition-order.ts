import type { Order, Prisma } from "../db/generated/prisma/client";
import type { OrderStatus } from "../db/generated/prisma/enums";
import type { Tx } from "../db/sql";
import { logger } from "../observability/logger";
import { canTransition } from "./order-state-machine";
import { moveOrder, type OrderPatch, patchOrder } from "./store/update-order";

export type { OrderPatch };

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
    return hasPatch ? patchOrder({ tx, order, patch }) : order;
  }
  if (!changing) return hasPatch ? patchOrder({ tx, order, patch }) : order;
  return moveOrder({ tx, order, to, eventType: options.eventType, data: options.data, patch });
}
