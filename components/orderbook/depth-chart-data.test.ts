import { describe, expect, it } from "vitest";
import type { ClientBook } from "./client-book";
import { depthChartData } from "./depth-chart-data";

describe("depth chart data", () => {
  it("orders points by price with cumulative sizes growing away from the spread", () => {
    const level = (price: string, quantity: string) => ({ price, quantity, changedSeq: 0 });
    const book: ClientBook = {
      symbol: "ETH/USDT",
      seq: 1,
      status: "live",
      bids: [level("100", "0.1"), level("99", "0.2")],
      asks: [level("101", "0.3"), level("102", "0.4")],
      lastUpdateId: null,
      venueTime: null,
      serverTime: null,
    };
    const data = depthChartData(book);
    expect(data.points).toEqual([
      { price: 99, bids: 0.3, asks: null },
      { price: 100, bids: 0.1, asks: null },
      { price: 101, bids: null, asks: 0.3 },
      { price: 102, bids: null, asks: 0.7 },
    ]);
    expect(data.bidTotal).toBe("0.3");
    expect(data.askTotal).toBe("0.7");
  });
});
