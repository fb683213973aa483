import type { Sql } from "../db/sql";

export interface ExpectedBalance {
  asset: string;
  /** The venue's total when reconciliation first saw the asset. */
  baseline: string;
  takenAt: Date;
  /** What our fills executed after the baseline and up to the balances' time add, net of fees. */
  fills: string;
}

interface Checkpoint {
  xact: string | null;
  at: Date | null;
  takenAt: Date;
}

/**
 * Per asset: the baseline plus every fill of ours executed after it was taken and up to `asOf` (the
 * venue's balance time: its balances reflect every trade up to it and none after), buys adding base
 * and spending quote, sells the other way, less the fees charged in the asset.
 *
 * Each asset keeps a checkpoint: the sum over the fills inserted by transactions that ended before
 * a snapshot's xmin and executed up to an earlier `asOf`. Only fills outside it are read, so a check
 * costs what changed since the last one, not the history. With `advance`, the checkpoint moves to
 * this statement's snapshot and `asOf` (a minute ago for a venue that does not say; one statement:
 * the sums and the move see the same rows). A venue clock
 * that went back (its `asOf` before a checkpoint) sums everything once and starts the checkpoints over.
 */
export async function expectedBalances(
  db: Sql,
  options: { asOf: Date | null; advance: boolean },
): Promise<ExpectedBalance[]> {
  const checkpoints = await db.$queryRaw<Checkpoint[]>`
    SELECT "checkpointXact"::text AS xact, "checkpointAt" AS at, "takenAt" FROM "BalanceBaseline"`;
  if (checkpoints.length === 0) return [];
  const asOf = options.asOf;
  const usable =
    checkpoints.every((row) => row.xact !== null && row.at !== null) &&
    (asOf === null || checkpoints.every((row) => (row.at as Date) <= asOf));
  const lowestXact = usable ? lowest(checkpoints.map((row) => BigInt(row.xact as string))).toString() : null;
  const since = usable
    ? new Date(Math.min(...checkpoints.map((row) => (row.at as Date).getTime())))
    : new Date(Math.min(...checkpoints.map((row) => row.takenAt.getTime())));
  return db.$queryRaw<ExpectedBalance[]>`
    WITH horizon AS (
      SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xact,
             COALESCE(${asOf}::timestamptz, now() - interval '1 minute') AS at),
    base AS (
      SELECT asset, amount, "takenAt",
        CASE WHEN ${usable} THEN "checkpointFills" ELSE 0 END AS cp_fills,
        CASE WHEN ${usable} THEN "checkpointXact" END AS cp_xact,
        CASE WHEN ${usable} THEN "checkpointAt" END AS cp_at
      FROM "BalanceBaseline"),
    recent AS (
      SELECT f.* FROM "Fill" f
      WHERE (${lowestXact}::xid8 IS NOT NULL AND f.xact >= ${lowestXact}::xid8) OR f."executedAt" > ${since}),
    moves AS (
      SELECT i.base AS asset, CASE WHEN o.side = 'buy' THEN f.quantity ELSE -f.quantity END AS amount,
             f."executedAt", COALESCE(f.xact, '0'::xid8) AS xact
      FROM recent f JOIN "Order" o ON o.id = f."orderId" JOIN "Instrument" i ON i.symbol = o.symbol
      UNION ALL
      SELECT i.quote, CASE WHEN o.side = 'buy' THEN -f.quantity * f.price ELSE f.quantity * f.price END,
             f."executedAt", COALESCE(f.xact, '0'::xid8)
      FROM recent f JOIN "Order" o ON o.id = f."orderId" JOIN "Instrument" i ON i.symbol = o.symbol
      UNION ALL
      SELECT f."feeAsset", -f.fee, f."executedAt", COALESCE(f.xact, '0'::xid8) FROM recent f WHERE f.fee <> 0),
    outside AS (
      SELECT b.asset, m.amount, m."executedAt", m.xact
      FROM base b JOIN moves m ON m.asset = b.asset AND m."executedAt" > b."takenAt"
      WHERE NOT (b.cp_xact IS NOT NULL AND m.xact < b.cp_xact AND m."executedAt" <= b.cp_at)),
    sums AS (
      SELECT b.asset,
        b.cp_fills + COALESCE(SUM(o.amount) FILTER (
          WHERE o."executedAt" <= COALESCE(${asOf}::timestamptz, 'infinity')), 0) AS fills,
        b.cp_fills + COALESCE(SUM(o.amount) FILTER (
          WHERE o.xact < h.xact AND o."executedAt" <= h.at), 0) AS advanced
      FROM base b CROSS JOIN horizon h LEFT JOIN outside o ON o.asset = b.asset
      GROUP BY b.asset, b.cp_fills),
    moved AS (
      UPDATE "BalanceBaseline" t
      SET "checkpointFills" = s.advanced, "checkpointXact" = h.xact,
          "checkpointAt" = h.at
      FROM sums s, horizon h
      WHERE ${options.advance} AND t.asset = s.asset)
    SELECT b.asset, b.amount::text AS baseline, b."takenAt", s.fills::text AS fills
    FROM base b JOIN sums s ON s.asset = b.asset
    ORDER BY b.asset`;
}

/** Math.min does not take bigints. */
function lowest(values: bigint[]): bigint {
  let low = values[0] as bigint;
  for (const value of values) if (value < low) low = value;
  return low;
}
