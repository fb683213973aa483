import { describe, expect, it } from "vitest";
import { compareValues } from "./compare-values";

describe("compareValues", () => {
  it("lines up both sides field by field and marks the ones that differ", () => {
    expect(
      compareValues(
        { status: "open", filledQuantity: "0.5", venueOrderId: "7" },
        { status: "canceled", venueStatus: "CANCELED", filledQuantity: "0.50", venueOrderId: "7" },
      ),
    ).toEqual([
      { field: "status", expected: "open", actual: "canceled", differs: true },
      { field: "filledQuantity", expected: "0.5", actual: "0.50", differs: false },
      { field: "venueOrderId", expected: "7", actual: "7", differs: false },
      { field: "venueStatus", expected: "—", actual: "CANCELED", differs: true },
    ]);
  });

  it("a side that does not exist at all differs from every field of the other", () => {
    const rows = compareValues({ fill: null }, { tradeId: "9", price: "60000" });
    expect(rows).toEqual([
      { field: "fill", expected: "none", actual: "—", differs: true },
      { field: "tradeId", expected: "—", actual: "9", differs: true },
      { field: "price", expected: "—", actual: "60000", differs: true },
    ]);
  });

  it("flattens nested evidence by dotted path and tells 1 from 10", () => {
    const rows = compareValues({ order: null }, { trade: { quantity: "1" } });
    expect(rows.map((r) => r.field)).toEqual(["order", "trade.quantity"]);
    expect(compareValues({ q: "1" }, { q: "10" })[0]?.differs).toBe(true);
    expect(compareValues({ q: "10" }, { q: "10.00" })[0]?.differs).toBe(false);
  });
});
