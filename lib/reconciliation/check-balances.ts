import { Decimal } from "decimal.js";
import { sql } from "../db/sql";
import type { VenuePort } from "../venue/port/venue-port";
import type { Finding } from "./mismatch-types";

interface Expected {
  asset: string;
  baseline: string;
  takenAt: Date;
  fills: string;
}

/**
 * Balances against what our fills imply: each asset's baseline (the venue's total when reconciliation
 * first saw the asset) plus our fills since, net of fees. Any other difference (a deposit, a
 * withdrawal, a trade we never recorded) is balance_drift: warning, critical when its value in the
 * quote currency is above the auto-heal threshold (an asset without a known price counts as above).
 * Never auto-resolved.
 */
export async function checkBalances(options: {
  venue: VenuePort;
  thresholdNotional: Decimal;
}): Promise<{ findings: Finding[]; assets: number }> {
  const balances = await options.venue.fetchBalances();
  const totals = new Map(balances.map((balance) => [balance.asset, balance.total]));
  for (const [asset, total] of totals) {
    await sql().$executeRaw`
      INSERT INTO "BalanceBaseline" (asset, amount, "takenAt") VALUES (${asset}, ${total}::numeric, now())
      ON CONFLICT (asset) DO NOTHING`;
  }
  // Per asset: the baseline plus every fill since it was taken (buys add base and spend quote, sells
  // the other way), less the fees charged in that asset.
  // Fills before the oldest baseline count for no asset: leaving them out keeps history out of the sums.
  const expected = await sql().$queryRaw<Expected[]>`
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
  const prices = await lastPrices();
  const findings: Finding[] = [];
  for (const row of expected) {
    const venueTotal = totals.get(row.asset);
    if (venueTotal === undefined) continue;
    const want = new Decimal(row.baseline).plus(row.fills);
    const drift = new Decimal(venueTotal).minus(want);
    if (drift.isZero()) continue;
    const price = prices.get(row.asset);
    const notional = price ? drift.times(price) : null;
    const critical = notional === null || notional.abs().gt(options.thresholdNotional);
    findings.push({
      type: "balance_drift",
      severity: critical ? "critical" : "warning",
      subject: row.asset,
      symbol: null,
      orderId: null,
      clientOrderId: null,
      venueOrderId: null,
      expected: {
        asset: row.asset,
        total: want.toFixed(),
        baseline: row.baseline,
        fills: new Decimal(row.fills).toFixed(),
      },
      actual: { asset: row.asset, total: new Decimal(venueTotal).toFixed() },
      quantityDelta: drift.toFixed(),
      notionalDelta: notional?.toFixed() ?? null,
    });
  }
  return { findings, assets: totals.size };
}

/** The quote value of one unit of each asset: 1 for quote assets, the newest fill price for a base. */
async function lastPrices(): Promise<Map<string, Decimal>> {
  const rows = await sql().$queryRaw<{ base: string; quote: string; price: string | null }[]>`
    SELECT i.base, i.quote,
      (SELECT f.price::text FROM "Fill" f JOIN "Order" o ON o.id = f."orderId"
       WHERE o.symbol = i.symbol ORDER BY f."executedAt" DESC LIMIT 1) AS price
    FROM "Instrument" i WHERE i.active`;
  const prices = new Map<string, Decimal>();
  for (const row of rows) {
    prices.set(row.quote, new Decimal(1));
    if (row.price !== null && !prices.has(row.base)) prices.set(row.base, new Decimal(row.price));
  }
  return prices;
}
