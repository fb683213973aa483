import { describe, expect, it } from "vitest";
import { mismatchListPath, mismatchSearch, readMismatchFilters, toggle } from "./mismatch-filters";

const read = (search: string) => readMismatchFilters(new URLSearchParams(search));

describe("mismatch filters in the URL", () => {
  it("shows what is still to be dealt with, most severe first, when the URL says nothing", () => {
    const filters = read("");
    expect(filters).toEqual({
      statuses: ["open", "acknowledged"],
      types: [],
      severities: [],
      symbol: "",
      sort: "severity",
      selected: "",
    });
    expect(mismatchSearch(filters)).toBe("");
    expect(mismatchListPath(filters, null)).toBe(
      "/api/reconciliation/mismatches?status=open%2Cacknowledged&sort=severity&limit=25",
    );
  });

  it("round-trips every filter and the open mismatch; an empty status means every status", () => {
    const search =
      "status=resolved,accepted&type=balance_drift&severity=critical&symbol=BTC/USDT&sort=lastSeenAt&mismatch=abc";
    expect(mismatchSearch(read(search))).toBe(search);
    const all = read("status=");
    expect(all.statuses).toEqual([]);
    expect(mismatchSearch(all)).toBe("status=");
    expect(mismatchListPath(all, "c1")).toBe(
      "/api/reconciliation/mismatches?sort=severity&limit=25&cursor=c1",
    );
  });

  it("leaves values the API does not know out of the request", () => {
    expect(mismatchListPath(read("status=bogus&type=nope&sort=weird"), null)).toBe(
      "/api/reconciliation/mismatches?sort=severity&limit=25",
    );
  });

  it("toggles keep the vocabulary's order", () => {
    expect(toggle(["warning"], "critical", true, ["critical", "warning", "info"])).toEqual([
      "critical",
      "warning",
    ]);
    expect(toggle(["critical", "warning"], "critical", false, ["critical", "warning", "info"])).toEqual([
      "warning",
    ]);
  });
});
