import type { Tx } from "../../db/sql";
import { LIVE_STATUSES } from "../order-state-machine";

/** Orders on a symbol that are live (pending, unknown, open or partially filled), as the transaction sees them. */
export async function countLiveOrders(options: { tx: Tx; symbol: string }): Promise<number> {
  const rows = await options.tx.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Order"
    WHERE symbol = ${options.symbol} AND status::text = ANY(${LIVE_STATUSES as string[]})`;
  return rows[0]?.count ?? 0;
}
