import { units } from "./units.js";

export interface SymbolSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  tickSize: bigint;
  minPrice: bigint;
  maxPrice: bigint;
  stepSize: bigint;
  minQty: bigint;
  maxQty: bigint;
  marketMaxQty: bigint;
  minNotional: bigint;
  maxNotional: bigint;
  /** Where the synthetic market starts its mid price. */
  initialMid: bigint;
}

export const SYMBOLS: readonly SymbolSpec[] = [
  {
    symbol: "BTCUSDT",
    baseAsset: "BTC",
    quoteAsset: "USDT",
    tickSize: units("0.01"),
    minPrice: units("0.01"),
    maxPrice: units("1000000"),
    stepSize: units("0.00001"),
    minQty: units("0.00001"),
    maxQty: units("9000"),
    marketMaxQty: units("100"),
    minNotional: units("5"),
    maxNotional: units("9000000"),
    initialMid: units("60000"),
  },
  {
    symbol: "ETHUSDT",
    baseAsset: "ETH",
    quoteAsset: "USDT",
    tickSize: units("0.01"),
    minPrice: units("0.01"),
    maxPrice: units("1000000"),
    stepSize: units("0.0001"),
    minQty: units("0.0001"),
    maxQty: units("9000"),
    marketMaxQty: units("1000"),
    minNotional: units("5"),
    maxNotional: units("9000000"),
    initialMid: units("3000"),
  },
  {
    symbol: "SOLUSDT",
    baseAsset: "SOL",
    quoteAsset: "USDT",
    tickSize: units("0.01"),
    minPrice: units("0.01"),
    maxPrice: units("100000"),
    stepSize: units("0.001"),
    minQty: units("0.001"),
    maxQty: units("90000"),
    marketMaxQty: units("10000"),
    minNotional: units("5"),
    maxNotional: units("9000000"),
    initialMid: units("150"),
  },
];

export const ASSETS: readonly string[] = ["USDT", "BTC", "ETH", "SOL"];

export const INITIAL_BALANCES: Readonly<Record<string, bigint>> = {
  USDT: units("1000000"),
  BTC: units("10"),
  ETH: units("100"),
  SOL: units("1000"),
};

/** Fees in basis points (0.1% each, Binance's base tier). */
export const FEES = { makerBps: 10n, takerBps: 10n } as const;

export function findSymbol(symbol: string): SymbolSpec | undefined {
  return SYMBOLS.find((s) => s.symbol === symbol);
}
