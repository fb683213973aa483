import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExactDecimal } from "../../marketdata/exact-decimal";
import {
  evaluateOrderLimits,
  type LegToCheck,
  NO_EXPOSURE,
  priceBandRange,
  type SymbolExposure,
} from "./evaluate-order-limits";
import type { MidQuote } from "./mid-quote";
import type { RiskLimitSet, RiskLimitValues } from "./risk-limit-values";

const none: RiskLimitValues = {
  maxOrderQuantity: null,
  maxOrderNotional: null,
  maxOpenOrders: null,
  maxPosition: null,
  priceBandPercent: null,
};
const set = (global: Partial<RiskLimitValues>, symbols: Record<string, Partial<RiskLimitValues>> = {}) =>
  ({
    global: { ...none, ...global },
    symbols: Object.fromEntries(Object.entries(symbols).map(([s, v]) => [s, { ...none, ...v }])),
  }) satisfies RiskLimitSet;
const buy = (over: Partial<LegToCheck> = {}): LegToCheck => ({
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  quantity: "1",
  price: "100",
  ...over,
});
const midAt = (price: string) => (): MidQuote => ({ mid: new Decimal(price) });
const check = (
  legs: LegToCheck[],
  limits: RiskLimitSet,
  extra: { exposure?: Partial<SymbolExposure>; mid?: () => MidQuote | undefined; touch?: string } = {},
) =>
  evaluateOrderLimits({
    legs,
    limits,
    exposure: () => ({ ...NO_EXPOSURE, ...extra.exposure }),
    mid: extra.mid ?? midAt("100"),
    touchPrice: () => (extra.touch ? new Decimal(extra.touch) : null),
  });

describe("evaluateOrderLimits", () => {
  it("no limits: everything passes", () => {
    expect(check([buy({ quantity: "1000000", price: "99999999" })], set({}))).toBeNull();
  });

  it("max order quantity: at the limit passes, above it names limit, value and the order's value", () => {
    const limits = set({ maxOrderQuantity: new Decimal("2.5") });
    expect(check([buy({ quantity: "2.5" })], limits)).toBeNull();
    expect(check([buy({ quantity: "2.500000000000000001" })], limits)).toMatchObject({
      leg: 0,
      symbol: "BTC/USDT",
      limit: "max_order_quantity",
      limitValue: "2.5",
      orderValue: "2.500000000000000001",
    });
  });

  it("max order notional: limit price times quantity; market orders at the mid, else the touch", () => {
    const limits = set({ maxOrderNotional: new Decimal("1000") });
    expect(check([buy({ quantity: "10", price: "100" })], limits)).toBeNull();
    expect(check([buy({ quantity: "10", price: "100.01" })], limits)).toMatchObject({
      limit: "max_order_notional",
      limitValue: "1000",
      orderValue: "1000.1",
    });
    const market = buy({ type: "market", price: undefined, quantity: "10" });
    expect(check([market], limits, { mid: midAt("101") })).toMatchObject({ orderValue: "1010" });
    expect(
      check([market], limits, { mid: () => ({ mid: null, reason: "stale" }), touch: "102" }),
    ).toMatchObject({
      orderValue: "1020",
    });
    expect(check([market], limits, { mid: () => undefined })).toBeNull();
  });

  it("a symbol's override wins over the global value; its null fields inherit", () => {
    const limits = set(
      { maxOrderQuantity: new Decimal(10), maxOpenOrders: 1 },
      { "ETH/USDT": { maxOrderQuantity: new Decimal(1) } },
    );
    expect(check([buy({ quantity: "5" })], limits)).toBeNull();
    expect(check([buy({ symbol: "ETH/USDT", quantity: "5" })], limits)).toMatchObject({
      limit: "max_order_quantity",
      limitValue: "1",
    });
    expect(check([buy({ symbol: "ETH/USDT" })], limits, { exposure: { openOrders: 1 } })).toMatchObject({
      limit: "max_open_orders",
      limitValue: "1",
      orderValue: "2",
    });
  });

  it("price band: both ends of the band pass, beyond refuses with the mid and the range", () => {
    const limits = set({ priceBandPercent: new Decimal(5) });
    expect(check([buy({ price: "105" })], limits)).toBeNull();
    expect(check([buy({ price: "95" })], limits)).toBeNull();
    expect(check([buy({ price: "1000" })], limits)).toMatchObject({
      limit: "price_band",
      limitValue: "5",
      orderValue: "900",
      mid: "100",
      allowedRange: { min: "95", max: "105" },
    });
    expect(check([buy({ price: "94.99" })], limits)).toMatchObject({
      limit: "price_band",
      orderValue: "5.01",
    });
  });

  it("price band without a fresh mid refuses limit orders, not market orders", () => {
    const limits = set({ priceBandPercent: new Decimal(5) });
    const stale = () => ({ mid: null, reason: "the order book is stale" }) as MidQuote;
    const refused = check([buy()], limits, { mid: stale });
    expect(refused).toMatchObject({ limit: "price_band", limitValue: "5", orderValue: null });
    expect(refused?.detail).toContain("the order book is stale");
    expect(check([buy({ type: "market", price: undefined })], limits, { mid: stale })).toBeNull();
  });

  it("max position: fills plus same-side open orders plus the order; the other side does not count", () => {
    const limits = set({ maxPosition: new Decimal(3) });
    const exposure = {
      netPosition: new Decimal(1),
      openBuyQuantity: new Decimal(1),
      openSellQuantity: new Decimal(9),
    };
    expect(check([buy({ quantity: "1" })], limits, { exposure })).toBeNull();
    expect(check([buy({ quantity: "1.1" })], limits, { exposure })).toMatchObject({
      limit: "max_position",
      limitValue: "3",
      orderValue: "3.1",
    });
    // selling from a long position of 1 with 9 already offered: 1 - 9 - 1 = -9
    expect(check([buy({ side: "sell", quantity: "1" })], limits, { exposure })).toMatchObject({
      limit: "max_position",
      orderValue: "-9",
    });
    // a buy that only reduces a short passes
    expect(
      check([buy({ quantity: "2" })], limits, { exposure: { netPosition: new Decimal(-10) } }),
    ).toBeNull();
  });

  it("batch legs see the open orders and exposure of the earlier legs", () => {
    const limits = set({ maxOpenOrders: 2, maxPosition: new Decimal(5) });
    expect(check([buy(), buy()], limits)).toBeNull();
    expect(check([buy(), buy(), buy()], limits)).toMatchObject({ leg: 2, limit: "max_open_orders" });
    expect(check([buy({ quantity: "3" }), buy({ quantity: "3" })], limits)).toMatchObject({
      leg: 1,
      limit: "max_position",
      orderValue: "6",
    });
    // another symbol's legs do not count
    expect(check([buy(), buy({ symbol: "ETH/USDT" }), buy()], limits)).toBeNull();
  });
});

describe("evaluateOrderLimits at the boundary (property)", () => {
  const decimal = fc
    .tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 8 }))
    .map(([units, scale]) => new ExactDecimal(units).dividedBy(new ExactDecimal(10).pow(scale)));

  it("a quantity equal to the limit passes and the smallest step above it is refused", () => {
    fc.assert(
      fc.property(decimal, (limit) => {
        const limits = set({ maxOrderQuantity: limit });
        expect(check([buy({ quantity: limit.toFixed() })], limits)).toBeNull();
        const above = limit.plus("0.000000000000000001").toFixed();
        expect(check([buy({ quantity: above })], limits)?.limit).toBe("max_order_quantity");
      }),
    );
  });

  it("the band's own ends pass and a price a tick outside is refused, exactly (no float rounding)", () => {
    fc.assert(
      fc.property(decimal, fc.integer({ min: 1, max: 5000 }), (mid, bandHundredths) => {
        const band = new Decimal(bandHundredths).dividedBy(100);
        const limits = set({ priceBandPercent: band });
        const range = priceBandRange(mid, band);
        const at = { mid: midAt(mid.toFixed()) };
        expect(check([buy({ price: range.max.toFixed() })], limits, at)).toBeNull();
        if (range.min.gt(0)) expect(check([buy({ price: range.min.toFixed() })], limits, at)).toBeNull();
        const outside = range.max.plus("0.000000000000000001").toFixed();
        expect(check([buy({ price: outside })], limits, at)?.limit).toBe("price_band");
      }),
    );
  });

  it("notional at the limit passes, any more is refused", () => {
    fc.assert(
      fc.property(decimal, decimal, (quantity, price) => {
        const notional = quantity.times(price);
        const legs = [buy({ quantity: quantity.toFixed(), price: price.toFixed() })];
        expect(check(legs, set({ maxOrderNotional: notional }))).toBeNull();
        const below = notional.minus("0.000000000000000001");
        if (below.gt(0))
          expect(check(legs, set({ maxOrderNotional: below }))?.limit).toBe("max_order_notional");
      }),
    );
  });
});
