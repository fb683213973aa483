import { prisma } from "../db/prisma";
import { DomainError } from "../errors/domain-error";
import { formatDecimal } from "../instruments/format-decimal";
import { toOrderView } from "./order-view";
import type { OrderDetail } from "./order-wire-schema";
import { withPlacedBy } from "./with-placed-by";

/** One order with its fills (by execution time) and events (in order); not_found order_not_found. */
export async function getOrderOrThrow(options: { id: string }): Promise<OrderDetail> {
  const order = await prisma().order.findUnique({
    where: { id: options.id },
    include: {
      fills: { orderBy: [{ executedAt: "asc" }, { venueTradeId: "asc" }] },
      events: { orderBy: { id: "asc" } },
    },
  });
  if (!order)
    throw new DomainError({ kind: "not_found", code: "order_not_found", detail: "No order with this id" });
  const [view] = await withPlacedBy([toOrderView(order)]);
  return {
    ...view!,
    fills: order.fills.map((fill) => ({
      id: fill.id,
      venueTradeId: fill.venueTradeId,
      price: formatDecimal(fill.price),
      quantity: formatDecimal(fill.quantity),
      fee: formatDecimal(fill.fee),
      feeAsset: fill.feeAsset,
      liquidity: fill.liquidity,
      executedAt: fill.executedAt.toISOString(),
    })),
    events: order.events.map((event) => ({
      id: event.id.toString(),
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      data: event.data,
      createdAt: event.createdAt.toISOString(),
    })),
  };
}
