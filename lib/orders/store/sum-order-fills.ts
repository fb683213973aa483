import type { Tx } from "../../db/sql";

/** Exact sums (PostgreSQL numeric) of an order's stored fills: quantity and quantity x price. */
export async function sumOrderFills(options: {
  tx: Tx;
  orderId: string;
}): Promise<{ quantity: string; quote: string }> {
  const rows = await options.tx.$queryRaw<{ quantity: string; quote: string }[]>`
    SELECT COALESCE(SUM(quantity), 0)::text AS quantity, COALESCE(SUM(quantity * price), 0)::text AS quote
    FROM "Fill" WHERE "orderId" = ${options.orderId}::uuid`;
  return rows[0] ?? { quantity: "0", quote: "0" };
}
