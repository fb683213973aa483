import { describe, expect, it } from "vitest";
import { buildRiskLimitsBody, fieldKey, type LimitRow, rowsFromWire } from "./risk-limits-form";

const empty = {
  maxOrderQuantity: "",
  maxOrderNotional: "",
  maxOpenOrders: "",
  maxPosition: "",
  priceBandPercent: "",
};
const row = (symbol: string | null, values: Partial<typeof empty> = {}): LimitRow => ({
  symbol,
  values: { ...empty, ...values },
});

describe("risk limits form", () => {
  it("builds the PUT body: empty is null, decimals stay strings, the open-order count a number", () => {
    const { body, errors } = buildRiskLimitsBody([
      row(null, { maxOrderNotional: "250000", maxOpenOrders: "50" }),
      row("ETH/USDT", { priceBandPercent: "2.5" }),
    ]);
    expect(errors).toEqual({});
    expect(body).toEqual({
      global: {
        maxOrderQuantity: null,
        maxOrderNotional: "250000",
        maxOpenOrders: 50,
        maxPosition: null,
        priceBandPercent: null,
      },
      symbols: [
        {
          symbol: "ETH/USDT",
          maxOrderQuantity: null,
          maxOrderNotional: null,
          maxOpenOrders: null,
          maxPosition: null,
          priceBandPercent: "2.5",
        },
      ],
    });
  });

  it("shows each mistake under its field, keyed like the API's errors", () => {
    const rows = [
      row(null, { maxOrderQuantity: "1e3", maxOpenOrders: "2.5" }),
      row("BTC/USDT", { priceBandPercent: "150" }),
    ];
    const { body, errors } = buildRiskLimitsBody(rows);
    expect(body).toBeNull();
    expect(Object.keys(errors).sort()).toEqual([
      "global.maxOpenOrders",
      "global.maxOrderQuantity",
      "symbols.0.priceBandPercent",
    ]);
    expect(errors["symbols.0.priceBandPercent"]).toContain("at most 100");
    expect(fieldKey(rows, rows[1]!, "priceBandPercent")).toBe("symbols.0.priceBandPercent");
    expect(buildRiskLimitsBody([row(null, { maxPosition: "0" })]).errors["global.maxPosition"]).toContain(
      "greater than 0",
    );
  });

  it("round-trips the API's limits into rows", () => {
    const rows = rowsFromWire({
      global: {
        maxOrderQuantity: "2",
        maxOrderNotional: null,
        maxOpenOrders: 5,
        maxPosition: null,
        priceBandPercent: "10",
      },
      symbols: [],
      updatedBy: "risk",
      updatedAt: "2026-12-01T00:00:00.000Z",
    });
    expect(rows).toEqual([row(null, { maxOrderQuantity: "2", maxOpenOrders: "5", priceBandPercent: "10" })]);
  });
});
