import type { Order } from "../../db/generated/prisma/client";
import { prisma } from "../../db/prisma";

/** One order row, or null. */
export function findOrder(id: string): Promise<Order | null> {
  return prisma().order.findUnique({ where: { id } });
}

/** The order rows with these ids, in the order of `ids`; throws when one is missing. */
export async function findOrdersInOrder(ids: string[]): Promise<Order[]> {
  const rows = await prisma().order.findMany({ where: { id: { in: ids } } });
  return ids.map((id) => {
    const order = rows.find((row) => row.id === id);
    if (!order) throw new Error(`order ${id} vanished`);
    return order;
  });
}
