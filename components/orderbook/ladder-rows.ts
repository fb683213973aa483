import Decimal from "decimal.js";
import { ExactDecimal } from "@/lib/marketdata/exact-decimal";
import type { ClientBook, ClientBookLevel } from "./client-book";
import { commonFractionDigits } from "./decimal-format";

/** Bar widths only need a few digits; ExactDecimal would work out a 1000-digit quotient for every row. */
const RatioDecimal = Decimal.clone({ precision: 6 });

export interface LadderRow {
  /** The level's price exactly, with as many fraction digits as the visible side needs. */
  readonly price: string;
  readonly size: string;
  /** Sum of sizes from the best level down to this one. */
  readonly total: string;
  /** total / the larger side's total, for the depth bar only (0..1). */
  readonly barRatio: number;
  readonly changedSeq: number;
}

export interface Ladder {
  readonly bids: readonly LadderRow[];
  readonly asks: readonly LadderRow[];
  /** best ask - best bid, null while a side is empty. */
  readonly spread: string | null;
  readonly mid: string | null;
}

/**
 * Rows for both sides with exact cumulative totals and one display precision per column: the
 * instrument's tick/lot digits, or more if a value needs them (never rounded).
 */
export function buildLadder(book: ClientBook, minDigits: { price: number; size: number }): Ladder {
  const levels = [...book.bids, ...book.asks];
  const priceDigits = Math.max(minDigits.price, commonFractionDigits(levels.map((level) => level.price)));
  const sizeDigits = Math.max(minDigits.size, commonFractionDigits(levels.map((level) => level.quantity)));
  const bidTotals = runningTotals(book.bids);
  const askTotals = runningTotals(book.asks);
  const largest = ExactDecimal.max(bidTotals.at(-1) ?? 0, askTotals.at(-1) ?? 0);
  const rows = (side: readonly ClientBookLevel[], totals: readonly Decimal[]) =>
    side.map(
      (level, i): LadderRow => ({
        price: new ExactDecimal(level.price).toFixed(priceDigits),
        size: new ExactDecimal(level.quantity).toFixed(sizeDigits),
        total: totals[i]!.toFixed(sizeDigits),
        barRatio: largest.isZero() ? 0 : quantizeRatio(new RatioDecimal(totals[i]!).div(largest).toNumber()),
        changedSeq: level.changedSeq,
      }),
    );

  const bestBid = book.bids[0];
  const bestAsk = book.asks[0];
  let spread: string | null = null;
  let mid: string | null = null;
  if (bestBid && bestAsk) {
    const bid = new ExactDecimal(bestBid.price);
    const ask = new ExactDecimal(bestAsk.price);
    spread = ask.minus(bid).toFixed(priceDigits);
    const midValue = ask.plus(bid).times(0.5);
    mid = midValue.toFixed(Math.max(priceDigits, midValue.decimalPlaces()));
  }
  return { bids: rows(book.bids, bidTotals), asks: rows(book.asks, askTotals), spread, mid };
}

/**
 * Bars only need the precision a few pixels show; rounding to 0.5% keeps a row whose bar did not
 * visibly move equal to its previous render, so it is not restyled.
 */
const quantizeRatio = (ratio: number) => Math.round(ratio * 200) / 200;

function runningTotals(levels: readonly ClientBookLevel[]) {
  const totals: Decimal[] = [];
  let sum = new ExactDecimal(0);
  for (const level of levels) {
    sum = sum.plus(level.quantity);
    totals.push(sum);
  }
  return totals;
}
