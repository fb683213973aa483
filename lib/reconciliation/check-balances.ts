import { Decimal } from "decimal.js";
import { sql } from "../db/sql";
import type { VenuePort } from "../venue/port/venue-port";
import { expectedBalances } from "./expected-balances";
import type { Finding } from "./mismatch-types";

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
  const expected = await expectedBalances();
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
