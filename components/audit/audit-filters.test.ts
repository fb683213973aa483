import { describe, expect, it } from "vitest";
import { auditSearch, hasActiveAuditFilters, NO_AUDIT_FILTERS, readAuditFilters } from "./audit-filters";

describe("audit filters in the URL", () => {
  it("round-trip through the query string, empty ones left out", () => {
    const filters = {
      ...NO_AUDIT_FILTERS,
      actor: "rita",
      action: "order.place",
      from: "2026-12-01T10:00:00.000Z",
    };
    const search = auditSearch(filters);
    expect(search).toBe("actor=rita&action=order.place&from=2026-12-01T10%3A00%3A00.000Z");
    expect(readAuditFilters(new URLSearchParams(search))).toEqual(filters);
  });

  it("reads a hand-typed +02:00 offset that the query string turned into a space", () => {
    expect(readAuditFilters(new URLSearchParams("to=2026-12-01T10:00+02:00")).to).toBe(
      "2026-12-01T10:00+02:00",
    );
  });

  it("knows when nothing narrows the list", () => {
    expect(hasActiveAuditFilters(NO_AUDIT_FILTERS)).toBe(false);
    expect(hasActiveAuditFilters({ ...NO_AUDIT_FILTERS, target: "user:" })).toBe(true);
  });
});
