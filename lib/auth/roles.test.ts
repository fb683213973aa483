import { describe, expect, it } from "vitest";
import { hasRole } from "./roles";

describe("hasRole", () => {
  it("orders viewer < trader < risk", () => {
    expect(hasRole("risk", "trader")).toBe(true);
    expect(hasRole("trader", "viewer")).toBe(true);
    expect(hasRole("trader", "risk")).toBe(false);
    expect(hasRole("viewer", "trader")).toBe(false);
  });
});
