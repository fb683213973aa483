import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { checkOrderFilters } from "./check-order-filters";
import { computeFillState } from "./compute-fill-state";
import { orderInputSchema } from "./order-input-schema";

const btc = {
  symbol: "BTC/USDT",
  tickSize: new Decimal("0.01"),
  lotSize: new Decimal("0.00001"),
  minNotional: new Decimal("5"),
};
const limit = (quantity: string, price: string) => ({
  symbol: "BTC/USDT",
  side: "buy" as const,
  type: "limit" as const,
  quantity,
  price,
});

describe("checkOrderFilters (exact decimals)", () => {
  it("tick 0.01: 43250.50 passes, 43250.505 fails with the tick in the message", () => {
    expect(
      checkOrderFilters({ order: limit("0.015", "43250.50"), instrument: btc, referencePrice: null }),
    ).toEqual([]);
    expect(
      checkOrderFilters({ order: limit("0.015", "43250.505"), instrument: btc, referencePrice: null }),
    ).toEqual([{ field: "price", message: "price must be a multiple of the tick size 0.01" }]);
  });
  it("has none of float's 0.1 + 0.2 trouble", () => {
    const tick = {
      ...btc,
      tickSize: new Decimal("0.1"),
      lotSize: new Decimal("0.1"),
      minNotional: new Decimal("0.3"),
    };
    // 0.3 is a multiple of 0.1 and 0.3 x 1 >= 0.3 exactly; floats say 0.3 % 0.1 = 0.09999...
    expect(0.3 % 0.1).not.toBe(0);
    expect(checkOrderFilters({ order: limit("0.3", "1"), instrument: tick, referencePrice: null })).toEqual(
      [],
    );
    expect(checkOrderFilters({ order: limit("3", "0.1"), instrument: tick, referencePrice: null })).toEqual(
      [],
    );
  });
  it("lot size and min notional, with a field prefix for batch legs", () => {
    expect(
      checkOrderFilters({
        order: limit("0.000015", "100"),
        instrument: btc,
        referencePrice: null,
        fieldPrefix: "orders.2.",
      }),
    ).toEqual([
      { field: "orders.2.quantity", message: "quantity must be a multiple of the lot size 0.00001" },
      { field: "orders.2.quantity", message: "quantity x price must be at least the minimum notional 5" },
    ]);
    expect(
      checkOrderFilters({ order: limit("0.0001", "50000"), instrument: btc, referencePrice: null }),
    ).toEqual([]);
  });
  it("market orders use the reference price for the notional, when there is one", () => {
    const market = { symbol: "BTC/USDT", side: "buy" as const, type: "market" as const, quantity: "0.00001" };
    expect(checkOrderFilters({ order: market, instrument: btc, referencePrice: null })).toEqual([]);
    expect(
      checkOrderFilters({ order: market, instrument: btc, referencePrice: new Decimal("60000") }),
    ).toEqual([
      { field: "quantity", message: "quantity x reference price must be at least the minimum notional 5" },
    ]);
  });
});

describe("orderInputSchema", () => {
  const fields = (input: unknown) => {
    const result = orderInputSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
  };
  it("takes decimals only as plain positive strings", () => {
    expect(fields(limit("0.015", "43250.5"))).toEqual([]);
    expect(fields({ ...limit("0.015", "43250.5"), quantity: 0.015 })).toEqual(["quantity"]);
    expect(fields(limit("1e-3", "43250.5"))).toEqual(["quantity"]);
    expect(fields(limit("0", "43250.5"))).toEqual(["quantity"]);
    expect(fields(limit("-1", "43250.5"))).toEqual(["quantity"]);
    expect(fields(limit(".5", "43250.5"))).toEqual(["quantity"]);
  });
  it("price only and required for limit; timeInForce only for limit", () => {
    const { price: _price, ...noPrice } = limit("1", "1");
    expect(fields(noPrice)).toEqual(["price"]);
    expect(fields({ symbol: "BTC/USDT", side: "sell", type: "market", quantity: "1", price: "1" })).toEqual([
      "price",
    ]);
    expect(
      fields({ symbol: "BTC/USDT", side: "sell", type: "market", quantity: "1", timeInForce: "IOC" }),
    ).toEqual(["timeInForce"]);
    expect(fields({ ...limit("1", "1"), extra: true })).toEqual([""]);
  });
});

describe("computeFillState", () => {
  it("averages fills exactly and never counts a source twice", () => {
    const state = computeFillState({
      current: { filledQuantity: "0", averagePrice: null },
      fills: { quantity: "0.3", quote: "12975.15" }, // 0.1 @ 43250.5 + 0.2 @ 43250.5
    });
    expect(state).toEqual({ filledQuantity: "0.3", averagePrice: "43250.5" });
    const mixed = computeFillState({
      current: { filledQuantity: "1", averagePrice: "100" },
      fills: { quantity: "2", quote: "201" },
      venue: { filledQuantity: "2", filledQuote: "201" },
    });
    expect(mixed).toEqual({ filledQuantity: "2", averagePrice: "100.5" });
    const venueAhead = computeFillState({
      current: { filledQuantity: "1", averagePrice: "100" },
      fills: { quantity: "1", quote: "100" },
      venue: { filledQuantity: "3", filledQuote: "303" },
    });
    expect(venueAhead).toEqual({ filledQuantity: "3", averagePrice: "101" });
  });
});
