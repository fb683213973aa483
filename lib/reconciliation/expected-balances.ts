import { sql } from "../db/sql";

export interface ExpectedBalance {
  asset: string;
  baseline: string;
  takenAt: Date;
  /** The net of our fills since the baseline, fees included. */
  fills: string;
}

/**
 * Per asset with a baseline: the baseline (the venue's total when reconciliation first saw the asset)
 * and our fills since, net of fees. Buys add base and spend quote, sells the other way.
 */
export function expectedBalances(): Promise<ExpectedBalance[]> {
  // Fills before the oldest baseline count for no asset: leaving them out keeps history out of the sums.
  return sql().$queryRaw<ExpectedBalance[]>`
    WITH since AS (SELECT min("takenAt") AS at FROM "BalanceBaseline"),
    recent AS (SELECT f.* FROM "Fill" f, since WHERE f."executedAt" > since.at),
    moves AS (
      SELECT i.base AS asset, CASE WHEN o.side = 'buy' THEN f.quantity ELSE -f.quantity END AS amount, f."executedAt"
      FROM recent f JOIN "Order" o ON o.id = f."orderId" JOIN "Instrument" i ON i.symbol = o.symbol
      UNION ALL
      SELECT i.quote, CASE WHEN o.side = 'buy' THEN -f.quantity * f.price ELSE f.quantity * f.price END, f."executedAt"
      FROM recent f JOIN "Order" o ON o.id = f."orderId" JOIN "Instrument" i ON i.symbol = o.symbol
      UNION ALL
      SELECT f."feeAsset", -f.fee, f."executedAt" FROM recent f WHERE f.fee <> 0
    )
    SELECT b.asset, b.amount::text AS baseline, b."takenAt",
           COALESCE(SUM(m.amount) FILTER (WHERE m."executedAt" > b."takenAt"), 0)::text AS fills
    FROM "BalanceBaseline" b LEFT JOIN moves m ON m.asset = b.asset
    GROUP BY b.asset, b.amount, b."takenAt"`;
}
