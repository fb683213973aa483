import { Decimal } from "decimal.js";
import { ExactDecimal } from "../../marketdata/exact-decimal";
import type { MidQuote } from "./mid-quote";
import { effectiveLimits, type LimitName, type RiskLimitSet } from "./risk-limit-values";

export interface LegToCheck {
  symbol: string;
  side: "buy" | "sell";
  type: "limit" | "market";
  quantity: string;
  price?: string;
}

/** A symbol's standing before the checked legs: our fills and our live orders on it. */
export interface SymbolExposure {
  /** Base asset bought minus sold, from our fills. */
  netPosition: Decimal;
  /** Unfilled quantity of live buy (sell) orders. */
  openBuyQuantity: Decimal;
  openSellQuantity: Decimal;
  openOrders: number;
}

export const NO_EXPOSURE: SymbolExposure = {
  netPosition: new Decimal(0),
  openBuyQuantity: new Decimal(0),
  openSellQuantity: new Decimal(0),
  openOrders: 0,
};

const exactExposure = (given: SymbolExposure): SymbolExposure => ({
  netPosition: exact(given.netPosition),
  openBuyQuantity: exact(given.openBuyQuantity),
  openSellQuantity: exact(given.openSellQuantity),
  openOrders: given.openOrders,
});

export interface LimitViolation {
  /** Index of the offending leg. */
  leg: number;
  symbol: string;
  limit: LimitName;
  limitValue: string;
  /** The order's value measured against the limit; null when it could not be measured (no mid). */
  orderValue: string | null;
  detail: string;
  /** Price band only: the mid it was measured against and the prices it allows. */
  mid?: string;
  allowedRange?: { min: string; max: string };
}

/** Prices within `percent` of `mid`, both ends included. */
export function priceBandRange(mid: Decimal, percent: Decimal): { min: Decimal; max: Decimal } {
  const exactMid = exact(mid);
  const width = exactMid.times(exact(percent)).dividedBy(100);
  return { min: exactMid.minus(width), max: exactMid.plus(width) };
}

/** Every value as an ExactDecimal, so products of 36-digit values are not rounded to 20 digits. */
const exact = (value: Decimal.Value): Decimal => new ExactDecimal(value);
const exactOrNull = (value: Decimal | null): Decimal | null => (value === null ? null : exact(value));

/**
 * The first limit the legs break, checked in order, each leg seeing the open orders and exposure the
 * earlier legs add; null when all pass. A limit is broken only when strictly exceeded. Without a mid a
 * limit order under a price band is refused (never unchecked); a market order's notional is measured
 * at the mid, or at `touchPrice` (the price it would meet first) when there is no mid, or not at all.
 */
export function evaluateOrderLimits(options: {
  legs: LegToCheck[];
  limits: RiskLimitSet;
  exposure: (symbol: string) => SymbolExposure;
  mid: (symbol: string) => MidQuote | undefined;
  touchPrice?: (leg: number) => Decimal | null;
}): LimitViolation | null {
  const running = new Map<string, SymbolExposure>();
  for (const [index, leg] of options.legs.entries()) {
    const given = effectiveLimits(options.limits, leg.symbol);
    const limits = {
      ...given,
      maxOrderQuantity: exactOrNull(given.maxOrderQuantity),
      maxOrderNotional: exactOrNull(given.maxOrderNotional),
      maxPosition: exactOrNull(given.maxPosition),
      priceBandPercent: exactOrNull(given.priceBandPercent),
    };
    const before = running.get(leg.symbol) ?? exactExposure(options.exposure(leg.symbol));
    const quantity = exact(leg.quantity);
    const refuse = (violation: Omit<LimitViolation, "leg" | "symbol">): LimitViolation => ({
      leg: index,
      symbol: leg.symbol,
      ...violation,
    });

    if (limits.maxOrderQuantity !== null && quantity.gt(limits.maxOrderQuantity)) {
      return refuse({
        limit: "max_order_quantity",
        limitValue: limits.maxOrderQuantity.toFixed(),
        orderValue: quantity.toFixed(),
        detail: `quantity ${quantity.toFixed()} exceeds the max order quantity ${limits.maxOrderQuantity.toFixed()} for ${leg.symbol}`,
      });
    }

    const quote = options.mid(leg.symbol);
    const mid = exactOrNull(quote?.mid ?? null);
    if (leg.type === "limit" && leg.price !== undefined && limits.priceBandPercent !== null) {
      const band = limits.priceBandPercent;
      const price = exact(leg.price);
      if (mid === null) {
        const why = quote && quote.mid === null ? quote.reason : "no live mid";
        return refuse({
          limit: "price_band",
          limitValue: band.toFixed(),
          orderValue: null,
          detail: `no fresh mid price for ${leg.symbol} to check the ${band.toFixed()}% price band against (${why}); limit orders are refused until the book is live`,
        });
      }
      // |price - mid| / mid > band / 100, without a division
      if (price.minus(mid).abs().times(100).gt(band.times(mid))) {
        const range = priceBandRange(mid, band);
        const deviation = price
          .minus(mid)
          .abs()
          .times(100)
          .dividedBy(mid)
          .toDecimalPlaces(4, Decimal.ROUND_UP);
        return refuse({
          limit: "price_band",
          limitValue: band.toFixed(),
          orderValue: deviation.toFixed(),
          mid: mid.toFixed(),
          allowedRange: { min: range.min.toFixed(), max: range.max.toFixed() },
          detail: `price ${price.toFixed()} is ${deviation.toFixed()}% from the mid ${mid.toFixed()}; the price band for ${leg.symbol} is ${band.toFixed()}% (${range.min.toFixed()} to ${range.max.toFixed()})`,
        });
      }
    }

    const notionalPrice =
      leg.type === "limit" && leg.price !== undefined
        ? exact(leg.price)
        : (mid ?? exactOrNull(options.touchPrice?.(index) ?? null));
    if (limits.maxOrderNotional !== null && notionalPrice !== null) {
      const notional = quantity.times(notionalPrice);
      if (notional.gt(limits.maxOrderNotional)) {
        return refuse({
          limit: "max_order_notional",
          limitValue: limits.maxOrderNotional.toFixed(),
          orderValue: notional.toFixed(),
          detail: `notional ${notional.toFixed()} exceeds the max order notional ${limits.maxOrderNotional.toFixed()} for ${leg.symbol}`,
        });
      }
    }

    const openAfter = before.openOrders + 1;
    if (limits.maxOpenOrders !== null && openAfter > limits.maxOpenOrders) {
      return refuse({
        limit: "max_open_orders",
        limitValue: String(limits.maxOpenOrders),
        orderValue: String(openAfter),
        detail: `${leg.symbol} has ${before.openOrders} open orders; the limit is ${limits.maxOpenOrders}`,
      });
    }

    const after: SymbolExposure =
      leg.side === "buy"
        ? { ...before, openOrders: openAfter, openBuyQuantity: before.openBuyQuantity.plus(quantity) }
        : { ...before, openOrders: openAfter, openSellQuantity: before.openSellQuantity.plus(quantity) };
    if (limits.maxPosition !== null) {
      const exposure =
        leg.side === "buy"
          ? after.netPosition.plus(after.openBuyQuantity)
          : after.netPosition.minus(after.openSellQuantity);
      if (leg.side === "buy" ? exposure.gt(limits.maxPosition) : exposure.lt(limits.maxPosition.negated())) {
        return refuse({
          limit: "max_position",
          limitValue: limits.maxPosition.toFixed(),
          orderValue: exposure.toFixed(),
          detail: `the ${leg.side} would take the ${leg.symbol} exposure (fills plus open ${leg.side} orders) to ${exposure.toFixed()}; the max position is ${limits.maxPosition.toFixed()}`,
        });
      }
    }
    running.set(leg.symbol, after);
  }
  return null;
}
