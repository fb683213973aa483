import { describe, expect, it } from "vitest";
import { describeOrder } from "../shared/format-order";
import { splitFieldErrors } from "./ticket-field-errors";

describe("splitFieldErrors", () => {
  it("puts each server error next to its ticket field and keeps the rest apart", () => {
    const { byField, unmapped } = splitFieldErrors({
      status: 400,
      code: "validation_failed",
      detail: "invalid",
      errors: [
        { field: "quantity", message: "not on the lot size" },
        { field: "body.price", message: "off tick" },
        { field: "/price", message: "too far from the market" },
        { field: "clientTag", message: "unknown" },
      ],
    });
    expect(byField).toEqual({ quantity: "not on the lot size", price: "off tick; too far from the market" });
    expect(unmapped).toEqual([{ field: "clientTag", message: "unknown" }]);
  });

  it("has nothing to place without a problem", () => {
    expect(splitFieldErrors(null)).toEqual({ byField: {}, unmapped: [] });
  });
});

describe("describeOrder", () => {
  it("names an order without float artefacts or trailing zeros", () => {
    expect(
      describeOrder({
        side: "buy",
        quantity: "0.01500000",
        symbol: "BTC/USDT",
        type: "limit",
        price: "43250.50",
      }),
    ).toBe("buy 0.015 BTC/USDT at 43250.5");
    expect(
      describeOrder({ side: "sell", quantity: "1e-7", symbol: "BTC/USDT", type: "market", price: null }),
    ).toBe("sell 0.0000001 BTC/USDT at market");
  });
});
