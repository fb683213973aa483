import { describe, expect, it } from "vitest";
import type { NamedOrderView } from "@/lib/orders/order-wire-schema";
import { flattenOrderPages, loadNextPage, type NextPageResult, orderListPath } from "./order-list-query";

const order = (id: string): NamedOrderView => ({
  id,
  clientOrderId: `c-${id}`,
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  timeInForce: "GTC",
  quantity: "0.01",
  price: "30000",
  filledQuantity: "0",
  averagePrice: null,
  status: "open",
  rejectReason: null,
  origin: "tally",
  createdAt: "2024-05-01T00:00:00.000Z",
  updatedAt: "2024-05-01T00:00:00.000Z",
  createdByUserId: null,
  createdByTokenId: null,
  createdByWebhookSourceId: null,
  placedBy: null,
});

describe("orderListPath", () => {
  it("asks the API for one origin", () => {
    expect(orderListPath({ statuses: [], origin: "external" }, null)).toBe("/api/orders?origin=external");
  });

  it("asks for everything without filters", () => {
    expect(orderListPath({ statuses: [] }, null)).toBe("/api/orders");
  });

  it("sends every filter under the API's names, plus the cursor of the next page", () => {
    const path = orderListPath(
      {
        statuses: ["open", "canceled"],
        symbol: "BTC/USDT",
        side: "buy",
        from: "2024-05-01T00:00:00.000Z",
        to: "2024-05-02T00:00:00.000Z",
        limit: 2,
      },
      "WyIyMDI0Il0",
    );
    const url = new URL(path, "http://localhost");
    expect(url.pathname).toBe("/api/orders");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: "open,canceled",
      symbol: "BTC/USDT",
      side: "buy",
      from: "2024-05-01T00:00:00.000Z",
      to: "2024-05-02T00:00:00.000Z",
      limit: "2",
      cursor: "WyIyMDI0Il0",
    });
  });
});

describe("flattenOrderPages", () => {
  it("joins pages in order and shows an order twice never", () => {
    const pages = [
      { orders: [order("a"), order("b")], nextCursor: "x" },
      { orders: [order("b"), order("c")], nextCursor: null },
    ];
    expect(flattenOrderPages(pages).map((o) => o.id)).toEqual(["a", "b", "c"]);
    expect(flattenOrderPages([])).toEqual([]);
  });
});

describe("loadNextPage", () => {
  const answers = (...results: NextPageResult[]) => {
    let calls = 0;
    const fetchNext = async () => {
      const result = results[Math.min(calls, results.length - 1)]!;
      calls += 1;
      return result;
    };
    return { fetchNext, calls: () => calls };
  };

  it("stops as soon as the list has grown", async () => {
    const next = answers({ pages: 2, hasNextPage: true, failed: false });
    expect(await loadNextPage(1, next.fetchNext)).toEqual({ pages: 2, hasNextPage: true, failed: false });
    expect(next.calls()).toBe(1);
  });

  it("asks again when a refresh took the place of the request", async () => {
    const next = answers(
      { pages: 1, hasNextPage: true, failed: false },
      { pages: 2, hasNextPage: false, failed: false },
    );
    expect((await loadNextPage(1, next.fetchNext))?.pages).toBe(2);
    expect(next.calls()).toBe(2);
  });

  it("stops on a failure or when no page is left, and gives up after a few attempts", async () => {
    const failed = answers({ pages: 1, hasNextPage: true, failed: true });
    await loadNextPage(1, failed.fetchNext);
    expect(failed.calls()).toBe(1);
    const exhausted = answers({ pages: 1, hasNextPage: false, failed: false });
    await loadNextPage(1, exhausted.fetchNext);
    expect(exhausted.calls()).toBe(1);
    const stuck = answers({ pages: 1, hasNextPage: true, failed: false });
    await loadNextPage(1, stuck.fetchNext, 3);
    expect(stuck.calls()).toBe(3);
  });
});
