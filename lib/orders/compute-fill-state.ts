import { Decimal } from "decimal.js";

const Precise = Decimal.clone({ precision: 80 });

export interface FillState {
  filledQuantity: string;
  averagePrice: string | null;
}

export interface ComputeFillStateOptions {
  /** The order's current figures. */
  current: { filledQuantity: string; averagePrice: string | null };
  /** Sums over the fills stored for the order. */
  fills: { quantity: string; quote: string };
  /** Cumulative figures the venue reported for the order, when known. */
  venue?: { filledQuantity: string; filledQuote: string | null };
}

/**
 * Filled quantity is cumulative and never goes down: the largest of what we had, the sum of stored
 * fills and the venue's cumulative figure, so no source is counted twice. The average price comes
 * from the fills when they account for everything, else from the venue's cumulative quote, else it
 * stays as it was. Averages keep 18 decimal places (the column's scale), rounded half-even.
 */
export function computeFillState(options: ComputeFillStateOptions): FillState {
  const current = new Precise(options.current.filledQuantity);
  const fillQty = new Precise(options.fills.quantity);
  const venueQty = options.venue ? new Precise(options.venue.filledQuantity) : new Precise(0);
  const filled = Precise.max(current, fillQty, venueQty);
  let average = options.current.averagePrice;
  if (filled.gt(0) && fillQty.eq(filled)) {
    average = new Precise(options.fills.quote)
      .div(fillQty)
      .toDecimalPlaces(18, Decimal.ROUND_HALF_EVEN)
      .toFixed();
  } else if (filled.gt(0) && options.venue?.filledQuote && venueQty.eq(filled)) {
    average = new Precise(options.venue.filledQuote)
      .div(venueQty)
      .toDecimalPlaces(18, Decimal.ROUND_HALF_EVEN)
      .toFixed();
  }
  return { filledQuantity: filled.toFixed(), averagePrice: average };
}
