import Decimal from "decimal.js";
import type { PriceLevel } from "../../venue/port/market-data-types";
import type { BookSideName, BookTop, DepthLevel } from "../order-book-types";

const Exact = Decimal.clone({ precision: 1000 });

/** Deliberately naive model of an L2 book for tests: a map per side, sorted only when read. */
export class ReferenceBook {
  private readonly sides: Record<BookSideName, Map<string, Decimal>> = { bids: new Map(), asks: new Map() };

  reset(bids: readonly PriceLevel[], asks: readonly PriceLevel[]): void {
    this.sides.bids.clear();
    this.sides.asks.clear();
    this.apply("bids", bids);
    this.apply("asks", asks);
  }

  apply(side: BookSideName, levels: readonly PriceLevel[]): void {
    for (const [price, quantity] of levels) {
      const key = new Exact(price).toFixed();
      const amount = new Exact(quantity);
      if (amount.isZero()) this.sides[side].delete(key);
      else this.sides[side].set(key, amount);
    }
  }

  top(depth = Number.POSITIVE_INFINITY): BookTop {
    return { bids: this.levels("bids", depth), asks: this.levels("asks", depth) };
  }

  private levels(side: BookSideName, depth: number): DepthLevel[] {
    const direction = side === "bids" ? -1 : 1;
    const sorted = [...this.sides[side].entries()].sort(
      ([a], [b]) => direction * new Exact(a).comparedTo(new Exact(b)),
    );
    let cumulative = new Exact(0);
    return sorted.slice(0, depth).map(([price, quantity]) => {
      cumulative = cumulative.plus(quantity);
      return { price, quantity: quantity.toFixed(), cumulative: cumulative.toFixed() };
    });
  }
}
