import { Decimal } from "decimal.js";
import { sql } from "../../db/sql";
import type { VenuePort } from "../../venue/port/venue-port";
import { expectedBalances } from "../expected-balances";

export interface BalanceRow {
  asset: string;
  /** The venue's figures as read now. */
  free: string;
  locked: string;
  total: string;
  /** Baseline plus our fills since, net of fees; null until reconciliation has a baseline for the asset. */
  expected: string | null;
  baseline: string | null;
  fills: string | null;
  /** Venue total less expected; null without a baseline. */
  drift: string | null;
}

/**
 * Every asset the venue holds for us or we expect, venue against expected (the balance check's figures).
 * Reads only: the balance check takes baselines.
 */
export async function readBalances(options: { venue: VenuePort }): Promise<{ balances: BalanceRow[] }> {
  // Expected as of the venue's balance time (its balances reflect every trade up to it and none after).
  const snapshot = await options.venue.fetchBalances();
  const venue = snapshot.balances;
  const asOf = snapshot.updatedAt === null ? null : new Date(snapshot.updatedAt);
  const expected = await expectedBalances(sql(), { asOf, advance: false });
  const byAsset = new Map(expected.map((row) => [row.asset, row]));
  const assets = [...new Set([...venue.map((b) => b.asset), ...byAsset.keys()])].sort();
  const held = new Map(venue.map((b) => [b.asset, b]));
  return {
    balances: assets.map((asset) => {
      const balance = held.get(asset);
      const row = byAsset.get(asset);
      const total = new Decimal(balance?.total ?? "0");
      const want = row ? new Decimal(row.baseline).plus(row.fills) : null;
      return {
        asset,
        free: new Decimal(balance?.free ?? "0").toFixed(),
        locked: new Decimal(balance?.locked ?? "0").toFixed(),
        total: total.toFixed(),
        expected: want?.toFixed() ?? null,
        baseline: row ? new Decimal(row.baseline).toFixed() : null,
        fills: row ? new Decimal(row.fills).toFixed() : null,
        drift: want ? total.minus(want).toFixed() : null,
      };
    }),
  };
}
