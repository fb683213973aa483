import type { MatchingEngine } from "../engine/matching-engine.js";
import { SYMBOLS, type SymbolSpec } from "../engine/symbols.js";
import type { Side } from "../engine/types.js";
import { ONE } from "../engine/units.js";
import { Prng } from "../util/prng.js";

export interface SyntheticMarketOptions {
  seed: number;
  /** Book-changing events per second per symbol (each bumps the depth update id at least once). */
  diffsPerSecond: number;
  /** Resting synthetic orders per side the market steers towards. */
  ordersPerSide?: number;
}

export const MAX_DIFFS_PER_SECOND = 1000;

interface SymbolState {
  spec: SymbolSpec;
  rng: Prng;
  /** Mid price in ticks; numbers are exact here (prices stay far below 2^53 ticks). */
  midTicks: number;
  /** Synthetic levels sit on a grid about 1 bp apart, so a few hundred levels span a few percent. */
  gridTicks: number;
  resting: number[];
  tickSize: number;
  stepSize: number;
  minQty: number;
}

/**
 * Other participants: a random-walk mid, Poisson-distributed limit order arrivals, cancels and
 * small market orders, and sweeps of whatever the mid moves through (which is how our resting
 * orders get filled later). All randomness comes from the seed.
 */
export class SyntheticMarket {
  private readonly states: SymbolState[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly ordersPerSide: number;
  diffsPerSecond: number;

  constructor(
    private readonly engine: MatchingEngine,
    opts: SyntheticMarketOptions,
  ) {
    this.diffsPerSecond = Math.max(0, Math.min(MAX_DIFFS_PER_SECOND, opts.diffsPerSecond));
    this.ordersPerSide = opts.ordersPerSide ?? 500;
    for (const spec of SYMBOLS) {
      const tickSize = Number(spec.tickSize);
      const midTicks = Number(spec.initialMid) / tickSize;
      this.states.push({
        spec,
        rng: Prng.derive(opts.seed, `market:${spec.symbol}`),
        midTicks,
        gridTicks: Math.max(1, Math.round(midTicks / 10_000)),
        resting: [],
        tickSize,
        stepSize: Number(spec.stepSize),
        minQty: Number(spec.minQty),
      });
    }
  }

  /** Fills both sides with a few hundred levels around the starting mid. */
  seedBooks(): void {
    for (const s of this.states) {
      for (let i = 0; i < this.ordersPerSide; i++) {
        this.addLimit(s, "BUY");
        this.addLimit(s, "SELL");
      }
    }
  }

  start(): void {
    if (this.timer || this.diffsPerSecond <= 0) return;
    const tickMs = this.diffsPerSecond > 200 ? 10 : this.diffsPerSecond > 40 ? 50 : 100;
    const lambda = (this.diffsPerSecond * tickMs) / 1000;
    this.timer = setInterval(() => {
      for (const s of this.states) this.step(s, s.rng.poisson(lambda));
    }, tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Changes the event rate (restarting the timer if it runs) and/or starts or stops the market. */
  configure(opts: { running?: boolean; diffsPerSecond?: number }): void {
    const wasRunning = this.running;
    this.stop();
    if (opts.diffsPerSecond !== undefined) {
      this.diffsPerSecond = Math.max(0, Math.min(MAX_DIFFS_PER_SECOND, opts.diffsPerSecond));
    }
    if (opts.running ?? wasRunning) this.start();
  }

  /** Runs `events` market events on one symbol right now (tests use this with the timer off). */
  run(symbol: string, events: number): void {
    const s = this.states.find((x) => x.spec.symbol === symbol);
    if (s) this.step(s, events);
  }

  private step(s: SymbolState, events: number): void {
    for (let i = 0; i < events; i++) {
      const roll = s.rng.next();
      const count = s.resting.length;
      const target = this.ordersPerSide * 2;
      const addShare = count < target ? 0.5 : 0.35;
      if (roll < 0.12) this.moveMid(s);
      else if (roll < 0.12 + addShare) this.addLimit(s, s.rng.chance(0.5) ? "BUY" : "SELL");
      else if (roll < 0.94) this.cancelOne(s);
      else this.marketOrder(s);
    }
    if (s.resting.length > this.ordersPerSide * 4) {
      s.resting = s.resting.filter((id) => this.engine.isSyntheticResting(id));
    }
  }

  private price(s: SymbolState, ticks: number): bigint {
    return BigInt(Math.max(1, Math.round(ticks))) * BigInt(s.tickSize);
  }

  private quantity(s: SymbolState): bigint {
    // Log-uniform notional between $50 and $20,000.
    const notional = 50 * Math.exp(s.rng.next() * Math.log(400));
    const midPrice = (s.midTicks * s.tickSize) / Number(ONE);
    const steps = Math.max(
      Math.ceil(s.minQty / s.stepSize),
      Math.floor((notional / midPrice / s.stepSize) * 1e8),
    );
    return BigInt(steps) * BigInt(s.stepSize);
  }

  private gridMid(s: SymbolState): number {
    return Math.round(s.midTicks / s.gridTicks) * s.gridTicks;
  }

  private addLimit(s: SymbolState, side: Side): void {
    // Half the flow quotes near the touch (tight spread), half far out (deep book).
    const mean = s.rng.chance(0.5) ? 8 : 200;
    const distance = 1 + Math.min(800, Math.floor(s.rng.exponential(mean)));
    const ticks = this.gridMid(s) + (side === "BUY" ? -distance : distance) * s.gridTicks;
    if (ticks <= 0) return;
    const id = this.engine.placeSynthetic(s.spec.symbol, side, this.quantity(s), this.price(s, ticks));
    if (this.engine.isSyntheticResting(id)) s.resting.push(id);
  }

  private cancelOne(s: SymbolState): void {
    for (let attempt = 0; attempt < 3 && s.resting.length > 0; attempt++) {
      const i = s.rng.int(s.resting.length);
      const id = s.resting[i]!;
      s.resting[i] = s.resting[s.resting.length - 1]!;
      s.resting.pop();
      if (this.engine.cancelSynthetic(id)) return;
    }
  }

  private marketOrder(s: SymbolState): void {
    this.engine.placeSynthetic(s.spec.symbol, s.rng.chance(0.5) ? "BUY" : "SELL", this.quantity(s), null);
  }

  /** Random-walk the mid by one grid step and sweep every level it moved through. */
  private moveMid(s: SymbolState): void {
    s.midTicks += (s.rng.chance(0.5) ? 1 : -1) * s.gridTicks;
    const mid = this.price(s, s.midTicks);
    const book = this.engine.book(s.spec.symbol);
    for (;;) {
      const ask = book.best("SELL");
      if (!ask || ask.price > mid) break;
      this.engine.placeSynthetic(s.spec.symbol, "BUY", ask.total, ask.price);
    }
    for (;;) {
      const bid = book.best("BUY");
      if (!bid || bid.price < mid) break;
      this.engine.placeSynthetic(s.spec.symbol, "SELL", bid.total, bid.price);
    }
  }
}
