import type { Sql } from "../../db/sql";
import { LIVE_STATUSES } from "../order-state-machine";

/** Our live orders over every symbol (pending, unknown, open or partially filled). */
export async function countAllLiveOrders(db: Sql): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM "Order" WHERE status::text = ANY(${LIVE_STATUSES as string[]})`;
  return rows[0]?.count ?? 0;
}
