import type { Sql } from "../../db/sql";
import type { PnlFill } from "../../risk/auto-halt/realized-pnl";

/**
 * Every fill, in execution order, of the symbols that have a fill executed at or after `since`:
 * their whole history, so positions opened earlier are closed against their own cost.
 */
export async function listFillsForPnl(db: Sql, since: Date): Promise<PnlFill[]> {
  return db.$queryRaw<PnlFill[]>`
    SELECT o.symbol, i.base, i.quote, o.side::text AS side, f.price::text AS price, f.quantity::text AS quantity,
           f.fee::text AS fee, f."feeAsset", f."executedAt"
    FROM "Fill" f JOIN "Order" o ON o.id = f."orderId" JOIN "Instrument" i ON i.symbol = o.symbol
    WHERE o.symbol IN (
      SELECT DISTINCT o2.symbol FROM "Fill" f2 JOIN "Order" o2 ON o2.id = f2."orderId" WHERE f2."executedAt" >= ${since})
    ORDER BY f."executedAt", f."createdAt", f.id`;
}
