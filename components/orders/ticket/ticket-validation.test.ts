import { describe, expect, it } from "vitest";
import type { InstrumentView } from "@/lib/instruments/instrument-view";
import type { RiskLimitValuesWire } from "@/lib/risk/limits/risk-limits-wire-schema";
import { type TicketValues, validateTicket } from "./ticket-validation";

const BTC: InstrumentView = { symbol: "BTC/USDT", tickSize: "0.01", lotSize: "0.00001", minNotional: "5" };

const ticket = (overrides: Partial<TicketValues> = {}): TicketValues => ({
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  quantity: "0.015",
  price: "43250.5",
  timeInForce: "GTC",
  ...overrides,
});

describe("validateTicket", () => {
  it("accepts a limit order on the filters and builds the exact body and notional", () => {
    const result = validateTicket(ticket(), BTC);
    expect(result.errors).toEqual({});
    expect(result.body).toEqual({
      symbol: "BTC/USDT",
      side: "buy",
      type: "limit",
      quantity: "0.015",
      price: "43250.5",
      timeInForce: "GTC",
    });
    expect(result.notional?.toFixed()).toBe("648.7575");
  });

  it("computes the notional exactly where binary floats would not", () => {
    // 0.1 * 0.3 is 0.030000000000000002 in floating point.
    const result = validateTicket(ticket({ quantity: "0.1", price: "0.3" }), {
      ...BTC,
      tickSize: "0.1",
      lotSize: "0.1",
      minNotional: "0.03",
    });
    expect(result.notional?.toFixed()).toBe("0.03");
    expect(result.errors).toEqual({});
  });

  it("rejects a quantity off the lot size, including one a float modulo would let through", () => {
    expect(validateTicket(ticket({ quantity: "0.000015" }), BTC).errors.quantity).toMatch(/lot size 0.00001/);
    // 0.3 % 0.1 is 0.09999999999999998 in floating point: a float check would reject this valid quantity.
    const tenths = { ...BTC, lotSize: "0.1", minNotional: "0" };
    expect(validateTicket(ticket({ quantity: "0.3" }), tenths).errors).toEqual({});
  });

  it("rejects a price off the tick size", () => {
    expect(validateTicket(ticket({ price: "43250.505" }), BTC).errors.price).toMatch(/tick size 0.01/);
    expect(validateTicket(ticket({ price: "43250.50" }), BTC).errors.price).toBeUndefined();
  });

  it("rejects an order value below the minimum notional, and accepts exactly the minimum", () => {
    const below = validateTicket(ticket({ quantity: "0.0001", price: "49999.99" }), BTC);
    expect(below.errors.quantity).toMatch(/below the minimum notional 5/);
    expect(below.body).toBeNull();
    expect(validateTicket(ticket({ quantity: "0.0001", price: "50000" }), BTC).errors).toEqual({});
  });

  it("refuses text that is not a plain positive decimal", () => {
    for (const quantity of ["", "abc", "1e-3", "0x10", "-0.01", "0", "Infinity", ".5", "1."]) {
      expect(validateTicket(ticket({ quantity }), BTC).errors.quantity, quantity).toBeDefined();
    }
  });

  it("ignores price and time in force for a market order and leaves them out of the body", () => {
    const result = validateTicket(ticket({ type: "market", price: "not a price" }), BTC);
    expect(result.errors).toEqual({});
    expect(result.notional).toBeNull();
    expect(result.body).toEqual({ symbol: "BTC/USDT", side: "buy", type: "market", quantity: "0.015" });
  });

  it("needs a known instrument", () => {
    expect(validateTicket(ticket({ symbol: "" }), undefined).errors.symbol).toBe("Choose a symbol");
    expect(validateTicket(ticket({ symbol: "X/Y" }), undefined).errors.symbol).toMatch(/Unknown symbol/);
  });

  it("normalises trailing zeros in the body without changing the value", () => {
    const result = validateTicket(ticket({ quantity: "0.01500", price: "43250.50" }), BTC);
    expect(result.body?.quantity).toBe("0.015");
    expect(result.body?.price).toBe("43250.5");
  });
});

describe("validateTicket against the risk limits", () => {
  const none: RiskLimitValuesWire = {
    maxOrderQuantity: null,
    maxOrderNotional: null,
    maxOpenOrders: null,
    maxPosition: null,
    priceBandPercent: null,
  };
  const limits = (
    global: Partial<typeof none>,
    symbols: Array<{ symbol: string } & Partial<typeof none>> = [],
  ) => ({
    global: { ...none, ...global },
    symbols: symbols.map((entry) => ({ ...none, ...entry })),
    updatedBy: "risk",
    updatedAt: "2026-12-01T00:00:00.000Z",
  });

  it("refuses a quantity over the limit on the quantity field, and sends nothing", () => {
    const result = validateTicket(ticket({ quantity: "0.02" }), BTC, {
      limits: limits({ maxOrderQuantity: "0.015" }),
      mid: null,
    });
    expect(result.body).toBeNull();
    expect(result.errors.quantity).toBe("Over the max order quantity 0.015");
    expect(
      validateTicket(ticket({ quantity: "0.015" }), BTC, {
        limits: limits({ maxOrderQuantity: "0.015" }),
        mid: null,
      }).body,
    ).not.toBeNull();
  });

  it("the symbol's override applies; notional is checked on the limit price", () => {
    const risk = {
      limits: limits({ maxOrderNotional: "1000000" }, [{ symbol: "BTC/USDT", maxOrderNotional: "600" }]),
      mid: null,
    };
    const result = validateTicket(ticket(), BTC, risk);
    expect(result.errors.quantity).toBe("Order value 648.7575 is over the max notional 600");
    expect(result.risk?.applying.maxOrderNotional?.toFixed()).toBe("600");
  });

  it("shows the band's range around the live mid and refuses a price outside it on the price field", () => {
    const risk = { limits: limits({ priceBandPercent: "5" }), mid: "43000" };
    const inside = validateTicket(ticket({ price: "45150" }), BTC, risk);
    expect(inside.body).not.toBeNull();
    expect(inside.risk?.priceBand?.min.toFixed()).toBe("40850");
    expect(inside.risk?.priceBand?.max.toFixed()).toBe("45150");
    const fatFinger = validateTicket(ticket({ price: "432505" }), BTC, risk);
    expect(fatFinger.body).toBeNull();
    expect(fatFinger.errors.price).toBe("Outside the ±5% price band (40850 – 45150)");
  });

  it("without a live mid in the browser the band is left to the server", () => {
    const result = validateTicket(ticket({ price: "432505" }), BTC, {
      limits: limits({ priceBandPercent: "5" }),
      mid: null,
    });
    expect(result.body).not.toBeNull();
    expect(result.risk?.priceBand).toBeNull();
  });

  it("filter errors come first and keep their messages", () => {
    const result = validateTicket(ticket({ quantity: "0.000001" }), BTC, {
      limits: limits({ maxOrderQuantity: "1" }),
      mid: null,
    });
    expect(result.errors.quantity).toContain("lot size");
  });
});
