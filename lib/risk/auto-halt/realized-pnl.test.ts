import { describe, expect, it } from "vitest";
import { type PnlFill, realizedPnlByQuote, startOfUtcDay } from "./realized-pnl";

const today = new Date("2026-12-01T00:00:00.000Z");
const at = (iso: string) => new Date(iso);
function fill(overrides: Partial<PnlFill>): PnlFill {
  return {
    symbol: "BTC/USDT",
    base: "BTC",
    quote: "USDT",
    side: "buy",
    price: "100",
    quantity: "1",
    fee: "0",
    feeAsset: "USDT",
    executedAt: at("2026-12-01T10:00:00Z"),
    ...overrides,
  };
}
const usdt = (fills: PnlFill[]) => realizedPnlByQuote(fills, today).get("USDT")?.toFixed();

describe("realized P&L (average cost)", () => {
  it("closes a sale against the average cost of the buys before it", () => {
    expect(
      usdt([
        fill({ price: "100", quantity: "1" }),
        fill({ price: "200", quantity: "3" }), // average cost 175
        fill({ side: "sell", price: "150", quantity: "2" }), // (150 - 175) x 2
      ]),
    ).toBe("-50");
  });

  it("keeps the average cost of what is left, and realizes nothing on buys", () => {
    expect(
      usdt([
        fill({ price: "100", quantity: "2" }),
        fill({ side: "sell", price: "110", quantity: "1" }), // +10, 1 left at 100
        fill({ price: "130", quantity: "1" }), // average cost 115
        fill({ side: "sell", price: "100", quantity: "2" }), // (100 - 115) x 2 = -30
      ]),
    ).toBe("-20");
  });

  it("carries a position opened before the UTC day and counts only today's realizations", () => {
    expect(
      usdt([
        fill({ price: "100", quantity: "2", executedAt: at("2026-11-30T12:00:00Z") }),
        fill({ side: "sell", price: "120", quantity: "1", executedAt: at("2026-11-30T13:00:00Z") }), // yesterday: +20
        fill({ side: "sell", price: "90", quantity: "1" }), // today: -10
      ]),
    ).toBe("-10");
  });

  it("a sale past the position opens a short, closed by a later buy", () => {
    expect(
      usdt([
        fill({ price: "100", quantity: "1" }),
        fill({ side: "sell", price: "100", quantity: "3" }), // closes 1 flat, opens 2 short at 100
        fill({ price: "110", quantity: "2" }), // (100 - 110) x 2
      ]),
    ).toBe("-20");
  });

  it("counts quote fees as losses, base fees as fewer units at the same cost, ignores other assets", () => {
    expect(
      usdt([
        fill({ price: "100", quantity: "1", fee: "0.5", feeAsset: "USDT" }),
        fill({ side: "sell", price: "100", quantity: "1", fee: "0.25", feeAsset: "BNB" }),
      ]),
    ).toBe("-0.5");
    expect(
      usdt([
        fill({ price: "100", quantity: "1", fee: "0.5", feeAsset: "BTC" }), // holds 0.5 that cost 100: 200 each
        fill({ side: "sell", price: "150", quantity: "0.5" }), // (150 - 200) x 0.5
      ]),
    ).toBe("-25");
  });

  it("is exact in decimals and keeps quote currencies and symbols apart", () => {
    const result = realizedPnlByQuote(
      [
        fill({ price: "0.1", quantity: "3" }),
        fill({ side: "sell", price: "0.3", quantity: "3" }), // 0.6 exactly
        fill({ symbol: "ETH/BTC", base: "ETH", quote: "BTC", price: "0.05", quantity: "2" }),
        fill({ symbol: "ETH/BTC", base: "ETH", quote: "BTC", side: "sell", price: "0.04", quantity: "2" }),
      ],
      today,
    );
    expect(result.get("USDT")?.toFixed()).toBe("0.6");
    expect(result.get("BTC")?.toFixed()).toBe("-0.02");
  });

  it("the UTC day starts at midnight UTC", () => {
    expect(startOfUtcDay(at("2026-12-01T23:59:59.999-05:00")).toISOString()).toBe("2026-12-02T00:00:00.000Z");
  });
});
