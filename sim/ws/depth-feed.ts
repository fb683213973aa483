import type { VenueClock } from "../engine/clock.js";
import type { MatchingEngine } from "../engine/matching-engine.js";
import type { Side } from "../engine/types.js";
import { formatUnits } from "../engine/units.js";
import type { FaultInjector } from "../faults/fault-injector.js";

/** Stream speed in ms; 0 is a sim extension: one diff per book change batch, as fast as they happen. */
export type DepthSpeed = 0 | 100 | 1000;

interface Window {
  symbol: string;
  speed: DepthSpeed;
  firstId: number | null;
  lastId: number;
  bids: Set<bigint>;
  asks: Set<bigint>;
  messages: number;
  flushQueued: boolean;
}

export type DepthSink = (symbol: string, speed: DepthSpeed, json: string) => void;

/**
 * Turns book level changes into Binance diff-depth events. Each event covers every update id
 * since the previous one (U = previous u + 1) and carries the levels' final quantities, so the
 * documented snapshot + buffered diffs procedure reconstructs the book exactly.
 */
export class DepthFeed {
  /** Only windows somebody listens to are tracked. */
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly engine: MatchingEngine,
    private readonly faults: FaultInjector,
    private readonly clock: VenueClock,
    private readonly sink: DepthSink,
  ) {
    for (const [symbol, book] of engine.books) {
      book.onLevelChange((side, price, _total, updateId) => this.record(symbol, side, price, updateId));
    }
  }

  private key(symbol: string, speed: DepthSpeed): string {
    return `${symbol}|${speed}`;
  }

  activate(symbol: string, speed: DepthSpeed): void {
    const key = this.key(symbol, speed);
    if (this.windows.has(key)) return;
    this.windows.set(key, {
      symbol,
      speed,
      firstId: null,
      lastId: 0,
      bids: new Set(),
      asks: new Set(),
      messages: 0,
      flushQueued: false,
    });
  }

  deactivate(symbol: string, speed: DepthSpeed): void {
    this.windows.delete(this.key(symbol, speed));
  }

  private record(symbol: string, side: Side, price: bigint, updateId: number): void {
    for (const speed of [0, 100, 1000] as const) {
      const w = this.windows.get(this.key(symbol, speed));
      if (!w) continue;
      if (w.firstId === null) w.firstId = updateId;
      w.lastId = updateId;
      (side === "BUY" ? w.bids : w.asks).add(price);
      if (speed === 0 && !w.flushQueued) {
        w.flushQueued = true;
        // Batch the changes of one engine operation into one event.
        queueMicrotask(() => this.flush(w));
      }
    }
  }

  /** Called every 100 ms; `tick` counts calls so 1000 ms windows flush every tenth. */
  onTimer(tick: number): void {
    for (const w of this.windows.values()) {
      if (w.speed === 100 || (w.speed === 1000 && tick % 10 === 0)) this.flush(w);
    }
  }

  private flush(w: Window): void {
    w.flushQueued = false;
    if (w.firstId === null) return;
    const book = this.engine.book(w.symbol);
    const level = (side: Side, price: bigint): [string, string] => [
      formatUnits(price),
      formatUnits(book.totalAt(side, price)),
    ];
    const event = {
      e: "depthUpdate",
      E: this.clock.now(),
      s: w.symbol,
      U: w.firstId,
      u: w.lastId,
      b: [...w.bids].sort((a, b) => (a > b ? -1 : 1)).map((p) => level("BUY", p)),
      a: [...w.asks].sort((a, b) => (a < b ? -1 : 1)).map((p) => level("SELL", p)),
    };
    w.firstId = null;
    w.bids.clear();
    w.asks.clear();
    w.messages++;
    const gapEvery = this.faults.current.depthGapEvery;
    if (gapEvery !== undefined && w.messages % gapEvery === 0) return;
    this.sink(w.symbol, w.speed, JSON.stringify(event));
  }
}
