import type Decimal from "decimal.js";
import { ExactDecimal } from "@/lib/marketdata/exact-decimal";
import type { ClientBook, ClientBookLevel } from "./client-book";

/** One x position of the depth chart. Numbers only because the chart plots them; totals stay exact in the ladder. */
export interface DepthPoint {
  readonly price: number;
  readonly bids: number | null;
  readonly asks: number | null;
}

export interface DepthChartData {
  /** Ascending price: bids from the deepest level up to the best bid, then asks outwards. */
  readonly points: readonly DepthPoint[];
  /** Exact total size per side within the subscribed depth. */
  readonly bidTotal: string;
  readonly askTotal: string;
}

export function depthChartData(book: ClientBook): DepthChartData {
  const bids = cumulative(book.bids);
  const asks = cumulative(book.asks);
  const points: DepthPoint[] = [];
  for (let i = bids.length - 1; i >= 0; i--) {
    const { price, total } = bids[i]!;
    points.push({ price: price.toNumber(), bids: total.toNumber(), asks: null });
  }
  for (const { price, total } of asks)
    points.push({ price: price.toNumber(), bids: null, asks: total.toNumber() });
  return {
    points,
    bidTotal: (bids.at(-1)?.total ?? new ExactDecimal(0)).toFixed(),
    askTotal: (asks.at(-1)?.total ?? new ExactDecimal(0)).toFixed(),
  };
}

function cumulative(levels: readonly ClientBookLevel[]): { price: Decimal; total: Decimal }[] {
  let total = new ExactDecimal(0);
  return levels.map((level) => {
    total = total.plus(level.quantity);
    return { price: new ExactDecimal(level.price), total };
  });
}
