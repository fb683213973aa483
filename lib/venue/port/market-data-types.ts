import type { DecimalString } from "./venue-types";

/** One book level, `[price, quantity]`, as the venue sends it and the order book stream carries it; in a diff "0" removes the level. */
export type PriceLevel = readonly [price: DecimalString, quantity: DecimalString];

/** REST order book snapshot with the venue's update id (Binance `GET /api/v3/depth`). */
export interface DepthSnapshot {
  readonly lastUpdateId: number;
  readonly bids: readonly PriceLevel[];
  readonly asks: readonly PriceLevel[];
}

/** Binance `depthUpdate` diff: update ids `U..u` inclusive, `E` the venue's event time (ms). */
export interface DepthDiff {
  readonly U: number;
  readonly u: number;
  readonly E: number;
  readonly b: readonly PriceLevel[];
  readonly a: readonly PriceLevel[];
}

export interface PublicTrade {
  readonly symbol: string;
  readonly id: string;
  readonly price: DecimalString;
  readonly quantity: DecimalString;
  /** Taker side. */
  readonly side: "buy" | "sell";
  /** Trade time at the venue (ms). */
  readonly time: number;
}

export interface FetchDepthSnapshotOptions {
  symbol: string;
  /** Levels per side (Binance: 1..5000). */
  limit: number;
}

export interface WatchMarketStreamOptions {
  symbol: string;
  signal?: AbortSignal;
  /** Told when the underlying connection opens (true) or drops (false). */
  onConnectionChange?: (connected: boolean) => void;
}
