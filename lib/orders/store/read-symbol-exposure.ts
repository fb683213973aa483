import type { Tx } from "../../db/sql";
import { ExactDecimal } from "../../marketdata/exact-decimal";
import type { SymbolExposure } from "../../risk/limits/evaluate-order-limits";
import { LIVE_STATUSES } from "../order-state-machine";

/**
 * A symbol's net position from our orders' fills and its live orders (count and unfilled quantity per side),
 * as the transaction sees them, leaving out `excludeOrderIds` (the legs being checked).
 */
export async function readSymbolExposure(options: {
  tx: Tx;
  symbol: string;
  excludeOrderIds: string[];
}): Promise<SymbolExposure> {
  const { tx, symbol, excludeOrderIds } = options;
  // filledQuantity is the largest of our stored fills and the venue's cumulative figure for the order
  const [row] = await tx.$queryRaw<
    {
      net: { toString(): string };
      count: number;
      buys: { toString(): string };
      sells: { toString(): string };
    }[]
  >`
    SELECT coalesce(sum(CASE WHEN side = 'buy' THEN "filledQuantity" ELSE -"filledQuantity" END), 0) AS net,
           count(*) FILTER (WHERE live)::int AS count,
           coalesce(sum(quantity - "filledQuantity") FILTER (WHERE live AND side = 'buy'), 0) AS buys,
           coalesce(sum(quantity - "filledQuantity") FILTER (WHERE live AND side = 'sell'), 0) AS sells
    FROM (SELECT side, quantity, "filledQuantity", status::text = ANY(${LIVE_STATUSES as string[]}) AS live
          FROM "Order" WHERE symbol = ${symbol} AND NOT (id = ANY(${excludeOrderIds}::uuid[]))) ours`;
  return {
    netPosition: new ExactDecimal(row?.net.toString() ?? "0"),
    openBuyQuantity: new ExactDecimal(row?.buys.toString() ?? "0"),
    openSellQuantity: new ExactDecimal(row?.sells.toString() ?? "0"),
    openOrders: row?.count ?? 0,
  };
}
