import { describe, expect, it } from "vitest";
import { NO_FILTERS, type OrderListFilters } from "./order-list-filters";
import { validateOrderListFilters } from "./validate-order-list-filters";

const filters = (overrides: Partial<OrderListFilters> = {}): OrderListFilters => ({
  ...NO_FILTERS,
  ...overrides,
});

describe("validateOrderListFilters", () => {
  it("filters by origin: external orders only, and refuses an origin the API does not know", () => {
    expect(validateOrderListFilters(filters({ origin: "external" }))).toEqual({
      ok: true,
      query: { statuses: [], origin: "external" },
    });
    expect(validateOrderListFilters(filters({ origin: "robot" }))).toMatchObject({
      ok: false,
      errors: { origin: expect.stringContaining("robot") },
    });
  });

  it("asks for everything when there are no filters", () => {
    expect(validateOrderListFilters(filters())).toEqual({ ok: true, query: { statuses: [] } });
  });

  it("builds the query of valid filters, instants normalised to UTC and statuses in canonical order", () => {
    expect(
      validateOrderListFilters(
        filters({
          statuses: ["canceled", "open"],
          symbol: "BTC/USDT",
          side: "sell",
          from: "2024-05-01T10:00:00+02:00",
          to: "2024-05-01T09:00Z",
          limit: "25",
        }),
      ),
    ).toEqual({
      ok: true,
      query: {
        statuses: ["open", "canceled"],
        symbol: "BTC/USDT",
        side: "sell",
        from: "2024-05-01T08:00:00.000Z",
        to: "2024-05-01T09:00:00.000Z",
        limit: 25,
      },
    });
  });

  it("refuses a From after To, and an equal pair, which the API's half-open range cannot match", () => {
    const later = validateOrderListFilters(
      filters({ from: "2024-05-02T00:00:00Z", to: "2024-05-01T00:00:00Z" }),
    );
    expect(later).toEqual({ ok: false, errors: { to: "To must be later than From" } });
    const equal = validateOrderListFilters(
      filters({ from: "2024-05-01T02:00:00+02:00", to: "2024-05-01T00:00:00Z" }),
    );
    expect(equal.ok).toBe(false);
  });

  it("accepts a range with only one end", () => {
    expect(validateOrderListFilters(filters({ from: "2024-05-02T00:00:00Z" })).ok).toBe(true);
    expect(validateOrderListFilters(filters({ to: "2024-05-02T00:00:00Z" })).ok).toBe(true);
  });

  it("refuses date-times the API would refuse: no time, no zone, not a date", () => {
    for (const value of ["2024-05-01", "2024-05-01T10:00", "yesterday", "2024-13-45T10:00:00Z"]) {
      expect(validateOrderListFilters(filters({ from: value, to: value }))).toEqual({
        ok: false,
        errors: { from: "From must be a date and time", to: "To must be a date and time" },
      });
    }
  });

  it("names unknown statuses and a side that is neither buy nor sell", () => {
    expect(validateOrderListFilters(filters({ statuses: ["open", "opn", "done"], side: "long" }))).toEqual({
      ok: false,
      errors: { status: 'Unknown status "opn", "done"', side: 'Side must be buy or sell, not "long"' },
    });
  });

  it("refuses a page size outside 1 to 200 or not a whole number", () => {
    for (const limit of ["0", "201", "2.5", "-1", "ten", "1e2"]) {
      const result = validateOrderListFilters(filters({ limit }));
      expect(result.ok ? null : result.errors.limit).toMatch(/whole number from 1 to 200/);
    }
    expect(validateOrderListFilters(filters({ limit: "200" })).ok).toBe(true);
    expect(validateOrderListFilters(filters({ limit: "1" })).ok).toBe(true);
  });

  it("refuses a symbol longer than the API allows", () => {
    expect(validateOrderListFilters(filters({ symbol: "X".repeat(41) })).ok).toBe(false);
  });
});
