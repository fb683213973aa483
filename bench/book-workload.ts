import type { BookSnapshot } from "../lib/marketdata/order-book-types";
import type { PriceLevel } from "../lib/venue/port/market-data-types";
import { seededRandom } from "./seeded-random";

export interface BookWorkloadOptions {
  readonly seed: number;
  /** Levels per side in the initial snapshot. */
  readonly levelsPerSide: number;
  /** Total level diffs across all events. */
  readonly diffs: number;
}

/** A depthUpdate-like event; `b`/`a` hold level diffs as venue strings. */
export interface WorkloadEvent {
  readonly b: PriceLevel[];
  readonly a: PriceLevel[];
}

export interface BookWorkload {
  readonly priceDecimals: number;
  readonly snapshot: BookSnapshot;
  readonly events: readonly WorkloadEvent[];
  readonly mix: { readonly updates: number; readonly inserts: number; readonly removals: number };
  /** Share of diffs within 100 ticks of the inside of the book. */
  readonly nearTopShare: number;
}

const PRICE_DECIMALS = 8;
const INSIDE_CENTS = 4_325_000; // 43250.00, tick 0.01
const REMOVE_PROBABILITY = 0.25; // keeps occupancy near the top at 1 / (1 + 0.25) = 80%
const NEAR_TOP_MEAN_TICKS = 30;
const DEEP_SHARE = 0.1;
const MAX_EVENT_LEVELS = 20;
const QUANTITY_POOL = 4096;
const ZERO = "0.00000000";

function centsToPrice(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}000000`;
}

/**
 * BTCUSDT-like book (8-decimal strings, 0.01 tick) and a diff stream where 90% of diffs fall at an
 * exponentially distributed distance from the inside (mean 30 ticks) and 10% anywhere.
 * Each side spans a grid of levelsPerSide / 0.8 ticks, 80% occupied, so it stays near
 * `levelsPerSide` levels; a diff updates or (25%) removes an occupied tick, or inserts on an empty one.
 */
export function generateBookWorkload(options: BookWorkloadOptions): BookWorkload {
  const random = seededRandom(options.seed);
  const grid = Math.round(options.levelsPerSide / 0.8);
  const prices = {
    b: Array.from({ length: grid }, (_, tick) => centsToPrice(INSIDE_CENTS - 1 - tick)),
    a: Array.from({ length: grid }, (_, tick) => centsToPrice(INSIDE_CENTS + 1 + tick)),
  };
  const quantities = Array.from({ length: QUANTITY_POOL }, () => {
    const satoshis = 1 + Math.floor(random() * 1e9);
    return `${Math.floor(satoshis / 1e8)}.${String(satoshis % 1e8).padStart(8, "0")}`;
  });
  const quantity = (): string => quantities[Math.floor(random() * QUANTITY_POOL)]!;

  const occupied = { b: new Uint8Array(grid), a: new Uint8Array(grid) };
  const snapshotSide = (side: "b" | "a"): PriceLevel[] => {
    const ticks = Array.from({ length: grid }, (_, tick) => tick);
    for (let i = grid - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ticks[i], ticks[j]] = [ticks[j]!, ticks[i]!];
    }
    const chosen = ticks.slice(0, options.levelsPerSide).sort((x, y) => x - y);
    for (const tick of chosen) occupied[side][tick] = 1;
    return chosen.map((tick) => [prices[side][tick]!, quantity()]);
  };
  const snapshot = { bids: snapshotSide("b"), asks: snapshotSide("a"), lastUpdateId: 1 };

  const mix = { updates: 0, inserts: 0, removals: 0 };
  let nearTop = 0;
  const events: WorkloadEvent[] = [];
  let remaining = options.diffs;
  while (remaining > 0) {
    const size = Math.min(remaining, 1 + Math.floor(random() * MAX_EVENT_LEVELS));
    const event: WorkloadEvent = { b: [], a: [] };
    for (let i = 0; i < size; i++) {
      const side = random() < 0.5 ? "b" : "a";
      const tick =
        random() < DEEP_SHARE
          ? Math.floor(random() * grid)
          : Math.min(grid - 1, Math.floor(-NEAR_TOP_MEAN_TICKS * Math.log(1 - random())));
      if (tick < 100) nearTop++;
      let amount: string;
      if (occupied[side][tick] === 0) {
        occupied[side][tick] = 1;
        amount = quantity();
        mix.inserts++;
      } else if (random() < REMOVE_PROBABILITY) {
        occupied[side][tick] = 0;
        amount = ZERO;
        mix.removals++;
      } else {
        amount = quantity();
        mix.updates++;
      }
      event[side].push([prices[side][tick]!, amount]);
    }
    events.push(event);
    remaining -= size;
  }
  return { priceDecimals: PRICE_DECIMALS, snapshot, events, mix, nearTopShare: nearTop / options.diffs };
}
