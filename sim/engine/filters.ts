import { Errors } from "../errors.js";
import type { SymbolSpec } from "./symbols.js";
import { mulUnits } from "./units.js";

/** Binance's PRICE_FILTER: min/max and a multiple of tickSize above minPrice. */
export function checkPriceFilter(spec: SymbolSpec, price: bigint): void {
  if (price < spec.minPrice || price > spec.maxPrice || (price - spec.minPrice) % spec.tickSize !== 0n) {
    throw Errors.filterFailure("PRICE_FILTER");
  }
}

/** LOT_SIZE (or MARKET_LOT_SIZE for market orders). */
export function checkLotSize(spec: SymbolSpec, qty: bigint, market: boolean): void {
  const max = market ? spec.marketMaxQty : spec.maxQty;
  if (qty < spec.minQty || qty > max || (qty - spec.minQty) % spec.stepSize !== 0n) {
    throw Errors.filterFailure(market ? "MARKET_LOT_SIZE" : "LOT_SIZE");
  }
}

/** NOTIONAL: price * qty within [minNotional, maxNotional]. */
export function checkNotional(spec: SymbolSpec, price: bigint, qty: bigint): void {
  checkNotionalValue(spec, mulUnits(price, qty));
}

export function checkNotionalValue(spec: SymbolSpec, notional: bigint): void {
  if (notional < spec.minNotional || notional > spec.maxNotional) {
    throw Errors.filterFailure("NOTIONAL");
  }
}

export function floorToStep(qty: bigint, step: bigint): bigint {
  return qty - (qty % step);
}
