import type { Order } from "../../db/generated/prisma/client";
import { sql } from "../../db/sql";

/** Our order rows for these venue orders: by venue order id, or by client order id. */
export async function findOrdersByVenueIds(options: {
  venue: string;
  venueOrderIds: string[];
  clientOrderIds: string[];
}): Promise<Pick<Order, "id" | "venueOrderId" | "clientOrderId" | "origin">[]> {
  return sql().$queryRaw`
    SELECT id, "venueOrderId", "clientOrderId", origin FROM "Order"
    WHERE (venue = ${options.venue} AND "venueOrderId" = ANY(${options.venueOrderIds}))
       OR "clientOrderId" = ANY(${options.clientOrderIds})`;
}
