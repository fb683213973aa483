import { describe, expect, it } from "vitest";
import type { InstrumentView } from "@/lib/instruments/instrument-view";
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
