import type { Order } from "../../db/generated/prisma/client";
import type { Tx } from "../../db/sql";

export type LockOrderBy =
  | { id: string }
  | { clientOrderId: string }
  | { venue: string; venueOrderId: string };

/** Locks one order row (SELECT ... FOR UPDATE) for the rest of the transaction and returns it. */
export async function lockOrder(options: { tx: Tx; by: LockOrderBy }): Promise<Order | null> {
  const { tx, by } = options;
  const rows =
    "id" in by
      ? await tx.$queryRaw<Order[]>`SELECT * FROM "Order" WHERE id = ${by.id}::uuid FOR UPDATE`
      : "clientOrderId" in by
        ? await tx.$queryRaw<
            Order[]
          >`SELECT * FROM "Order" WHERE "clientOrderId" = ${by.clientOrderId} FOR UPDATE`
        : await tx.$queryRaw<Order[]>`
            SELECT * FROM "Order" WHERE venue = ${by.venue} AND "venueOrderId" = ${by.venueOrderId} FOR UPDATE`;
  return rows[0] ?? null;
}
