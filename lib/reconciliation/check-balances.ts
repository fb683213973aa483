import { Decimal } from "decimal.js";
import { sql } from "../db/sql";
import type { VenuePort } from "../venue/port/venue-port";
import { expectedBalances } from "./expected-balances";
import type { Finding } from "./mismatch-types";
import { SETTLE_MARGIN_MS } from "./settle-margin";

/**
 * Balances against what our fills imply: each asset's baseline (the venue's total when reconciliation
 * first saw the asset) plus our fills since, up to the time the venue's balances reflect, net of fees. Any other difference (a deposit, a
 * withdrawal, a trade we never recorded) is balance_drift: warning, critical when its value in the
 * quote currency is above the auto-heal threshold (an asset without a known price counts as above).
 * Never auto-resolved.
 */
export async function checkBalances(options: {
  venue: VenuePort;
  thresholdNotional: Decimal;
  now: () => number;
}): Promise<{ findings: Finding[]; assets: number }> {
  const snapshot = await options.venue.fetchBalances();
  const totals = new Map(snapshot.balances.map((balance) => [balance.asset, balance.total]));
  const asOf = snapshot.updatedAt === null ? null : new Date(snapshot.updatedAt);
  // A baseline reflects every trade up to the balances' time: fills after it are what moves it.
  for (const [asset, total] of totals) {
    await sql().$executeRaw`
      INSERT INTO "BalanceBaseline" (asset, amount, "takenAt")
      VALUES (${asset}, ${total}::numeric, COALESCE(${asOf}::timestamptz, now()))
      ON CONFLICT (asset) DO NOTHING`;
  }
  let expected = await expectedBalances(sql(), { asOf, advance: true });
  // Balances this young may reflect trades the user stream is still delivering to us: a difference
  // counts only once every fill up to the balances' time has had the settle margin to arrive.
  const settledAt = asOf === null ? null : asOf.getTime() + SETTLE_MARGIN_MS;
  const differs = expected.some(
    (row) =>
      totals.has(row.asset) && !new Decimal(row.baseline).plus(row.fills).eq(totals.get(row.asset) ?? 0),
  );
  if (differs && settledAt !== null && settledAt > options.now()) {
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(settledAt - options.now(), SETTLE_MARGIN_MS)),
    );
    expected = await expectedBalances(sql(), { asOf, advance: true });
  }
  const findings: Finding[] = [];
  let prices: Map<string, Decimal> | undefined;
  for (const row of expected) {
    const venueTotal = totals.get(row.asset);
    if (venueTotal === undefined) continue;
    const want = new Decimal(row.baseline).plus(row.fills);
    const drift = new Decimal(venueTotal).minus(want);
    if (drift.isZero()) continue;
    prices ??= await lastPrices();
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
      actual: {
        asset: row.asset,
        total: new Decimal(venueTotal).toFixed(),
        asOf: asOf?.toISOString() ?? null,
      },
      quantityDelta: drift.toFixed(),
      notionalDelta: notional?.toFixed() ?? null,
    });
  }
  return { findings, assets: totals.size };
}

/**
 * The quote value of one unit of each asset: 1 for quote assets, the newest fill price for a base
 * (read only when a balance drifts).
 */
async function lastPrices(): Promise<Map<string, Decimal>> {
  const rows = await sql().$queryRaw<{ base: string; quote: string; price: string | null }[]>`
    SELECT i.base, i.quote,
      (SELECT f.price::text FROM "Order" o JOIN "Fill" f ON f."orderId" = o.id
       WHERE o.symbol = i.symbol AND o."filledQuantity" > 0
       ORDER BY o."createdAt" DESC, f."executedAt" DESC LIMIT 1) AS price
    FROM "Instrument" i WHERE i.active`;
  const prices = new Map<string, Decimal>();
  for (const row of rows) {
    prices.set(row.quote, new Decimal(1));
    if (row.price !== null && !prices.has(row.base)) prices.set(row.base, new Decimal(row.price));
  }
  return prices;
}
