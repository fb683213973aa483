import { sql } from "../../db/sql";

export interface OrderStatePeek {
  status: string;
  venueOrderId: string | null;
  filledQuantity: string;
}

/** An order's status, venue id and filled quantity read without a lock, by client or venue order id. */
export async function peekOrderState(
  by: { clientOrderId: string } | { venue: string; venueOrderId: string },
): Promise<OrderStatePeek | null> {
  const rows =
    "clientOrderId" in by
      ? await sql().$queryRaw<OrderStatePeek[]>`
          SELECT status::text AS status, "venueOrderId", "filledQuantity"::text AS "filledQuantity"
          FROM "Order" WHERE "clientOrderId" = ${by.clientOrderId}`
      : await sql().$queryRaw<OrderStatePeek[]>`
          SELECT status::text AS status, "venueOrderId", "filledQuantity"::text AS "filledQuantity"
          FROM "Order" WHERE venue = ${by.venue} AND "venueOrderId" = ${by.venueOrderId}`;
  return rows[0] ?? null;
}
