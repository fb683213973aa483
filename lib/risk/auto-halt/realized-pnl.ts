import { Decimal } from "decimal.js";

export interface PnlFill {
  symbol: string;
  base: string;
  quote: string;
  side: "buy" | "sell";
  price: string;
  quantity: string;
  fee: string;
  feeAsset: string;
  executedAt: Date;
}

interface Position {
  /** Signed base quantity: positive long, negative short. */
  quantity: Decimal;
  averageCost: Decimal;
}

/**
 * Realized P&L per quote currency of the fills executed at or after `since`, by the average cost
 * method: each symbol's position is carried through every fill given (so a position opened before
 * `since` is closed against its own cost), a fill reducing the position realizes
 * (price - average cost) x closed quantity, a fill adding to it moves the average cost. Fees in the
 * quote currency count as realized losses; fees in the base asset lower the quantity held (not its cost); fees in
 * other assets (e.g. BNB) are not in this currency and are left out. `fills` must be in execution order.
 */
export function realizedPnlByQuote(fills: PnlFill[], since: Date): Map<string, Decimal> {
  const positions = new Map<string, Position>();
  const realized = new Map<string, Decimal>();
  for (const fill of fills) {
    const position = positions.get(fill.symbol) ?? { quantity: new Decimal(0), averageCost: new Decimal(0) };
    const price = new Decimal(fill.price);
    const signed = new Decimal(fill.quantity).times(fill.side === "buy" ? 1 : -1);
    let pnl = new Decimal(0);

    const closing =
      position.quantity.isZero() || position.quantity.isPositive() === signed.isPositive()
        ? new Decimal(0)
        : Decimal.min(position.quantity.abs(), signed.abs());
    if (closing.gt(0)) {
      const direction = position.quantity.isPositive() ? 1 : -1;
      pnl = pnl.plus(price.minus(position.averageCost).times(closing).times(direction));
      position.quantity = position.quantity.plus(closing.times(-direction));
      if (position.quantity.isZero()) position.averageCost = new Decimal(0);
    }
    const opening = signed
      .abs()
      .minus(closing)
      .times(signed.isPositive() ? 1 : -1);
    if (!opening.isZero()) {
      const total = position.quantity.plus(opening);
      position.averageCost = position.quantity
        .abs()
        .times(position.averageCost)
        .plus(opening.abs().times(price))
        .div(total.abs());
      position.quantity = total;
    }
    if (fill.feeAsset === fill.quote) pnl = pnl.minus(fill.fee);
    else if (fill.feeAsset === fill.base && !new Decimal(fill.fee).isZero()) {
      const held = position.quantity.minus(fill.fee);
      // What was paid for the position stays its cost: fewer units, each dearer.
      if (position.quantity.gt(0) && held.gt(0))
        position.averageCost = position.averageCost.times(position.quantity).div(held);
      position.quantity = held;
    }
    positions.set(fill.symbol, position);

    if (fill.executedAt >= since)
      realized.set(fill.quote, (realized.get(fill.quote) ?? new Decimal(0)).plus(pnl));
  }
  return realized;
}

/** The start of the UTC day `at` is in. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}
