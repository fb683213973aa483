import type { Tx } from "../../db/sql";
import { ExactDecimal } from "../../marketdata/exact-decimal";
import type { SymbolExposure } from "../../risk/limits/evaluate-order-limits";
import { LIVE_STATUSES } from "../order-state-machine";

/**
 * A symbol's net position from our fills and its live orders (count and unfilled quantity per side),
 * as the transaction sees them, leaving out `excludeOrderIds` (the legs being checked).
 */
export async function readSymbolExposure(options: {
  tx: Tx;
  symbol: string;
  excludeOrderIds: string[];
}): Promise<SymbolExposure> {
  const { tx, symbol, excludeOrderIds } = options;
  const [position] = await tx.$queryRaw<{ net: { toString(): string } }[]>`
    SELECT coalesce(sum(CASE WHEN o.side = 'buy' THEN f.quantity ELSE -f.quantity END), 0) AS net
    FROM "Fill" f JOIN "Order" o ON o.id = f."orderId"
    WHERE o.symbol = ${symbol}`;
  const [open] = await tx.$queryRaw<
    { count: number; buys: { toString(): string }; sells: { toString(): string } }[]
  >`
    SELECT count(*)::int AS count,
           coalesce(sum(quantity - "filledQuantity") FILTER (WHERE side = 'buy'), 0) AS buys,
           coalesce(sum(quantity - "filledQuantity") FILTER (WHERE side = 'sell'), 0) AS sells
    FROM "Order"
    WHERE symbol = ${symbol} AND status::text = ANY(${LIVE_STATUSES as string[]})
      AND NOT (id = ANY(${excludeOrderIds}::uuid[]))`;
  return {
    netPosition: new ExactDecimal(position?.net.toString() ?? "0"),
    openBuyQuantity: new ExactDecimal(open?.buys.toString() ?? "0"),
    openSellQuantity: new ExactDecimal(open?.sells.toString() ?? "0"),
    openOrders: open?.count ?? 0,
  };
}
