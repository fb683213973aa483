import type { PriceLevel } from "../venue/port/market-data-types";
import { BookSide } from "./book-side";
import { ExactDecimal } from "./exact-decimal";
import type {
  BookDiff,
  BookSideName,
  BookSnapshot,
  BookTop,
  DepthLevel,
  OrderBookOptions,
} from "./order-book-types";
import { formatScaled, PriceScale } from "./price-scale";
import { isZeroQuantity } from "./quantity";

/**
 * Local L2 order book with absolute quantities per price level. Prices are keyed as exact scaled
 * integers (see PriceScale); quantities are kept as the venue's strings and only turned into
 * decimals when read, so applying a diff does no decimal arithmetic and, apart from occasional
 * storage growth, no allocation. Malformed prices or quantities throw (a batch may then be
 * partly applied; BookSync discards the book in that case).
 */
export class OrderBook {
  private readonly scale: PriceScale;
  private readonly bids = new BookSide();
  private readonly asks = new BookSide();
  private updateId: number | undefined;

  constructor(options: OrderBookOptions) {
    this.scale = new PriceScale(options.priceDecimals);
  }

  /** Update id of the last snapshot or diff applied; undefined while empty/cleared. */
  get lastUpdateId(): number | undefined {
    return this.updateId;
  }

  /** Replaces the whole book; a malformed snapshot throws before anything changes. */
  applySnapshot(snapshot: BookSnapshot): void {
    const bids = this.sortedLevels(1, snapshot.bids);
    const asks = this.sortedLevels(-1, snapshot.asks);
    this.bids.load(bids.keys, bids.quantities);
    this.asks.load(asks.keys, asks.quantities);
    this.updateId = snapshot.lastUpdateId;
  }

  applyDiff(diff: BookDiff): void {
    this.applyLevels("bids", diff.bids);
    this.applyLevels("asks", diff.asks);
    this.updateId = diff.lastUpdateId;
  }

  /** Sets absolute quantities; a zero quantity removes the level. */
  applyLevels(side: BookSideName, levels: readonly PriceLevel[]): void {
    const target = side === "bids" ? this.bids : this.asks;
    const sign = side === "bids" ? 1 : -1;
    const scale = this.scale;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i]!;
      const key = sign * scale.parse(level[0]);
      const quantity = level[1];
      if (isZeroQuantity(quantity)) target.remove(key);
      else target.set(key, quantity);
    }
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
    this.updateId = undefined;
  }

  levelCount(side?: BookSideName): number {
    if (side === "bids") return this.bids.length;
    if (side === "asks") return this.asks.length;
    return this.bids.length + this.asks.length;
  }

  bestBid(): string | undefined {
    return this.bids.length === 0 ? undefined : this.scale.format(this.bids.keyAt(0));
  }

  bestAsk(): string | undefined {
    return this.asks.length === 0 ? undefined : this.scale.format(-this.asks.keyAt(0));
  }

  /** Best ask minus best bid (negative if the book is crossed). */
  spread(): string | undefined {
    if (this.bids.length === 0 || this.asks.length === 0) return undefined;
    // both are safe integers of the same sign, so the difference is exact
    return this.scale.format(-this.asks.keyAt(0) - this.bids.keyAt(0));
  }

  mid(): string | undefined {
    if (this.bids.length === 0 || this.asks.length === 0) return undefined;
    // (bid + ask) / 2 computed as (bid + ask) * 5 at one extra decimal, in BigInt to avoid overflow
    const sum = BigInt(this.bids.keyAt(0)) + BigInt(-this.asks.keyAt(0));
    return formatScaled(sum * 5n, this.scale.decimals + 1);
  }

  /** The best `depth` levels per side, best first, with exact cumulative quantities. */
  top(depth: number): BookTop {
    return { bids: this.depthLevels(this.bids, 1, depth), asks: this.depthLevels(this.asks, -1, depth) };
  }

  private depthLevels(side: BookSide, sign: number, depth: number): DepthLevel[] {
    const count = depth >= 0 ? Math.min(Math.floor(depth), side.length) : 0;
    const levels: DepthLevel[] = new Array(count);
    let cumulative = new ExactDecimal(0);
    for (let rank = 0; rank < count; rank++) {
      const quantity = new ExactDecimal(side.quantityAt(rank));
      cumulative = cumulative.plus(quantity);
      levels[rank] = {
        price: this.scale.format(sign * side.keyAt(rank)),
        quantity: quantity.toFixed(),
        cumulative: cumulative.toFixed(),
      };
    }
    return levels;
  }

  private sortedLevels(
    sign: number,
    levels: readonly PriceLevel[],
  ): { keys: number[]; quantities: string[] } {
    const entries: { key: number; quantity: string; zero: boolean; order: number }[] = [];
    for (let i = 0; i < levels.length; i++) {
      const [price, quantity] = levels[i]!;
      entries.push({
        key: sign * this.scale.parse(price),
        quantity,
        zero: isZeroQuantity(quantity),
        order: i,
      });
    }
    // later duplicates of a price win, as if the levels had been applied in order
    entries.sort((a, b) => a.key - b.key || a.order - b.order);
    const keys: number[] = [];
    const quantities: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const next = entries[i + 1];
      if (entry.zero || (next !== undefined && next.key === entry.key)) continue;
      keys.push(entry.key);
      quantities.push(entry.quantity);
    }
    return { keys, quantities };
  }
}
