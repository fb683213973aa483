import { describe, expect, it } from "vitest";
import { describeOrder } from "./format-order";
import { instrumentFormat, PLAIN_FORMAT } from "./instrument-format";

const format = instrumentFormat([
  { symbol: "BTC/USDT", tickSize: "0.01", lotSize: "0.00001", minNotional: "5" },
  { symbol: "SOL/USDT", tickSize: "0.01", lotSize: "0.001", minNotional: "5" },
]);

describe("instrumentFormat", () => {
  it("shows prices by the symbol's tick and quantities by its lot", () => {
    expect(format.price("BTC/USDT", "57028.5")).toBe("57028.50");
    expect(format.price("BTC/USDT", "60030")).toBe("60030.00");
    expect(format.quantity("BTC/USDT", "0.0015")).toBe("0.00150");
    expect(format.quantity("SOL/USDT", "0.1")).toBe("0.100");
  });

  it("shows an absent value as a dash and an unknown symbol trimmed", () => {
    expect(format.price("BTC/USDT", null)).toBe("—");
    expect(format.price("XRP/USDT", "0.50")).toBe("0.5");
    expect(PLAIN_FORMAT.quantity("BTC/USDT", "0.01500000")).toBe("0.015");
  });
});

describe("describeOrder with the instrument's format", () => {
  it("names the order with the same digits as the tables", () => {
    expect(
      describeOrder(
        { side: "buy", quantity: "0.0015", symbol: "BTC/USDT", type: "limit", price: "30000" },
        format,
      ),
    ).toBe("buy 0.00150 BTC/USDT at 30000.00");
  });
});
