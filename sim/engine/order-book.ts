import type { BookOrder, Side } from "./types.js";

export interface Level {
  price: bigint;
  total: bigint;
  /** FIFO: index 0 has time priority. */
  orders: BookOrder[];
}

export type LevelChangeListener = (side: Side, price: bigint, total: bigint, updateId: number) => void;

class BookSide {
  /** Sorted best first. */
  readonly prices: bigint[] = [];
  readonly levels = new Map<bigint, Level>();

  constructor(private readonly descending: boolean) {}

  private better(a: bigint, b: bigint): boolean {
    return this.descending ? a > b : a < b;
  }

  /** Index of the first price not better than `price`. */
  private lowerBound(price: bigint): number {
    let lo = 0;
    let hi = this.prices.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.better(this.prices[mid]!, price)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  level(price: bigint): Level {
    let lvl = this.levels.get(price);
    if (!lvl) {
      lvl = { price, total: 0n, orders: [] };
      this.levels.set(price, lvl);
      this.prices.splice(this.lowerBound(price), 0, price);
    }
    return lvl;
  }

  dropLevel(price: bigint): void {
    this.levels.delete(price);
    const i = this.lowerBound(price);
    if (this.prices[i] === price) this.prices.splice(i, 1);
  }

  best(): Level | undefined {
    const p = this.prices[0];
    return p === undefined ? undefined : this.levels.get(p);
  }
}

/** One symbol's limit order book with price-time priority and a monotonically increasing update id. */
export class OrderBook {
  private readonly bids = new BookSide(true);
  private readonly asks = new BookSide(false);
  /** Incremented once per changed price level, like Binance's depth update ids. */
  updateId = 1000;
  private readonly listeners: LevelChangeListener[] = [];

  constructor(readonly symbol: string) {}

  onLevelChange(listener: LevelChangeListener): void {
    this.listeners.push(listener);
  }

  private side(side: Side): BookSide {
    return side === "BUY" ? this.bids : this.asks;
  }

  private changed(side: Side, lvl: Level): void {
    this.updateId++;
    if (lvl.total === 0n) this.side(side).dropLevel(lvl.price);
    for (const l of this.listeners) l(side, lvl.price, lvl.total, this.updateId);
  }

  add(order: BookOrder): void {
    const lvl = this.side(order.side).level(order.price);
    lvl.orders.push(order);
    lvl.total += order.remaining;
    this.changed(order.side, lvl);
  }

  /** Removes an order wherever it is in its level's queue. Returns false when not on the book. */
  remove(order: BookOrder): boolean {
    const lvl = this.side(order.side).levels.get(order.price);
    if (!lvl) return false;
    const i = lvl.orders.indexOf(order);
    if (i < 0) return false;
    lvl.orders.splice(i, 1);
    lvl.total -= order.remaining;
    this.changed(order.side, lvl);
    return true;
  }

  /** Takes `qty` from a resting order (a fill); removes it when nothing remains. */
  reduce(order: BookOrder, qty: bigint): void {
    const lvl = this.side(order.side).levels.get(order.price);
    if (!lvl) throw new Error(`order ${order.orderId} not on book`);
    order.remaining -= qty;
    lvl.total -= qty;
    if (order.remaining === 0n) {
      const i = lvl.orders.indexOf(order);
      if (i >= 0) lvl.orders.splice(i, 1);
    }
    this.changed(order.side, lvl);
  }

  best(side: Side): Level | undefined {
    return this.side(side).best();
  }

  bestPrice(side: Side): bigint | undefined {
    return this.side(side).prices[0];
  }

  /** Levels best first, at most `limit`. */
  *levels(side: Side, limit = Number.POSITIVE_INFINITY): Generator<Level> {
    const s = this.side(side);
    let n = 0;
    for (const p of s.prices) {
      if (n++ >= limit) return;
      const lvl = s.levels.get(p);
      if (lvl) yield lvl;
    }
  }

  levelCount(side: Side): number {
    return this.side(side).prices.length;
  }

  totalAt(side: Side, price: bigint): bigint {
    return this.side(side).levels.get(price)?.total ?? 0n;
  }
}
