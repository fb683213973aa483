import { describe, expect, it } from "vitest";
import {
  clearedFilters,
  hasActiveFilters,
  NO_FILTERS,
  type OrderListFilters,
  orderListSearch,
  readOrderListFilters,
  toggleStatus,
} from "./order-list-filters";

const read = (search: string) => readOrderListFilters(new URLSearchParams(search));

describe("readOrderListFilters", () => {
  it("reads every filter as the URL has it", () => {
    expect(
      read(
        "status=open,canceled&symbol=BTC/USDT&side=buy&origin=external&from=2024-05-01T08:00:00.000Z&to=2024-05-02T08:00:00.000Z&limit=2",
      ),
    ).toEqual({
      statuses: ["open", "canceled"],
      symbol: "BTC/USDT",
      side: "buy",
      origin: "external",
      from: "2024-05-01T08:00:00.000Z",
      to: "2024-05-02T08:00:00.000Z",
      limit: "2",
    });
  });

  it("is empty without parameters and ignores parameters it does not know", () => {
    expect(read("")).toEqual(NO_FILTERS);
    expect(read("page=3&sort=asc")).toEqual(NO_FILTERS);
  });

  it("takes statuses from a comma list and from repeated parameters, trimmed, once each", () => {
    expect(read("status=open,%20filled,&status=canceled&status=open").statuses).toEqual([
      "open",
      "filled",
      "canceled",
    ]);
  });

  it("keeps values it cannot understand, so validation can name them", () => {
    expect(read("status=opn&side=long&from=yesterday")).toMatchObject({
      statuses: ["opn"],
      side: "long",
      from: "yesterday",
    });
  });

  it("restores a hand-typed + offset that the query string turned into a space", () => {
    expect(read("from=2024-05-01T10:00:00+02:00").from).toBe("2024-05-01T10:00:00+02:00");
    expect(read("from=2024-05-01T10:00:00%2B02:00").from).toBe("2024-05-01T10:00:00+02:00");
  });
});

describe("orderListSearch", () => {
  it("writes filters in a fixed order and leaves empty ones out", () => {
    expect(orderListSearch(NO_FILTERS)).toBe("");
    expect(
      orderListSearch({ ...NO_FILTERS, side: "sell", statuses: ["open", "partially_filled"], limit: "25" }),
    ).toBe("status=open,partially_filled&side=sell&limit=25");
  });

  it("keeps symbols and instants readable but escapes what would change meaning", () => {
    expect(orderListSearch({ ...NO_FILTERS, symbol: "BTC/USDT", from: "2024-05-01T08:00:00.000Z" })).toBe(
      "symbol=BTC/USDT&from=2024-05-01T08:00:00.000Z",
    );
    expect(orderListSearch({ ...NO_FILTERS, symbol: "A&B=C", to: "2024-05-01T10:00:00+02:00" })).toBe(
      "symbol=A%26B%3DC&to=2024-05-01T10:00:00%2B02:00",
    );
  });

  it("round-trips through the URL", () => {
    const filters: OrderListFilters = {
      statuses: ["pending_new", "unknown"],
      symbol: "ETH/USDT",
      side: "buy",
      origin: "webhook",
      from: "2024-05-01T10:00:00+02:00",
      to: "2024-06-01T00:00:00.000Z",
      limit: "7",
    };
    expect(read(orderListSearch(filters))).toEqual(filters);
  });
});

describe("toggleStatus", () => {
  it("adds and removes statuses, keeping them in lifecycle order", () => {
    expect(toggleStatus([], "canceled", true)).toEqual(["canceled"]);
    expect(toggleStatus(["canceled"], "open", true)).toEqual(["open", "canceled"]);
    expect(toggleStatus(["open", "canceled"], "open", false)).toEqual(["canceled"]);
    expect(toggleStatus(["open"], "open", true)).toEqual(["open"]);
  });

  it("leaves unknown statuses from a link in place, after the known ones", () => {
    expect(toggleStatus(["opn", "filled"], "open", true)).toEqual(["open", "filled", "opn"]);
  });
});

describe("hasActiveFilters and clearedFilters", () => {
  it("does not count the page size as a filter, and clearing keeps it", () => {
    const sized = { ...NO_FILTERS, limit: "10" };
    expect(hasActiveFilters(sized)).toBe(false);
    expect(hasActiveFilters({ ...sized, to: "2024-05-01T00:00:00Z" })).toBe(true);
    expect(hasActiveFilters({ ...sized, statuses: ["open"] })).toBe(true);
    expect(clearedFilters({ ...sized, side: "buy", symbol: "BTC/USDT", statuses: ["open"] })).toEqual(sized);
  });
});
