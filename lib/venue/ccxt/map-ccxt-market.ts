import type { Market } from "ccxt";
import { Decimal } from "decimal.js";
import type { Instrument } from "../port/venue-types";
import { toDecimalString } from "./to-decimal-string";

interface BinanceFilter {
  filterType?: string;
  tickSize?: string;
  stepSize?: string;
  minQty?: string;
  minNotional?: string;
}

/** ccxt precision is a tick (TICK_SIZE mode) or a number of decimals (DECIMAL_PLACES mode). */
function precisionToStep(precision: number | undefined, tickSizeMode: boolean): string | null {
  if (precision === undefined || precision === null) return null;
  if (tickSizeMode) return toDecimalString(precision);
  return new Decimal(10).pow(-precision).toFixed();
}

/** Instrument from a ccxt market; for Binance the raw exchangeInfo filters are authoritative. */
export function mapCcxtMarket(options: { market: NonNullable<Market>; tickSizeMode: boolean }): Instrument {
  const { market, tickSizeMode } = options;
  const info = (market.info ?? {}) as { filters?: BinanceFilter[] };
  const filters = Array.isArray(info.filters) ? info.filters : [];
  const byType = (type: string) => filters.find((filter) => filter.filterType === type);
  const tickSize =
    toDecimalString(byType("PRICE_FILTER")?.tickSize) ??
    precisionToStep(market.precision?.price, tickSizeMode);
  const lotSize =
    toDecimalString(byType("LOT_SIZE")?.stepSize) ?? precisionToStep(market.precision?.amount, tickSizeMode);
  const minNotional =
    toDecimalString(byType("NOTIONAL")?.minNotional) ??
    toDecimalString(byType("MIN_NOTIONAL")?.minNotional) ??
    toDecimalString(market.limits?.cost?.min);
  return {
    symbol: market.symbol,
    venueSymbol: market.id ?? market.symbol,
    base: market.base,
    quote: market.quote,
    tickSize: tickSize ?? "0",
    lotSize: lotSize ?? "0",
    minNotional: minNotional ?? "0",
    minQuantity: toDecimalString(byType("LOT_SIZE")?.minQty) ?? toDecimalString(market.limits?.amount?.min),
    active: market.active !== false,
  };
}
