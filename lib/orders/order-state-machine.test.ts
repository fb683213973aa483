import { describe, expect, it } from "vitest";
import type { OrderStatus } from "../db/generated/prisma/enums";
import { canTransition, TERMINAL_STATUSES } from "./order-state-machine";

const ALL: OrderStatus[] = [
  "pending_new",
  "open",
  "partially_filled",
  "filled",
  "canceled",
  "rejected",
  "expired",
  "unknown",
];

describe("order state machine", () => {
  it("follows the happy path pending_new -> open -> partially_filled -> filled", () => {
    expect(canTransition({ from: "pending_new", to: "open" })).toBe(true);
    expect(canTransition({ from: "open", to: "partially_filled" })).toBe(true);
    expect(canTransition({ from: "partially_filled", to: "filled" })).toBe(true);
  });
  it("lets unknown resolve to anything the venue can say, and pending_new become unknown", () => {
    expect(canTransition({ from: "pending_new", to: "unknown" })).toBe(true);
    for (const to of ["open", "partially_filled", "filled", "canceled", "rejected", "expired"] as const) {
      expect(canTransition({ from: "unknown", to })).toBe(true);
    }
  });
  it("rejects only before the order lived (pending_new, unknown)", () => {
    for (const from of ALL) {
      expect(canTransition({ from, to: "rejected" })).toBe(from === "pending_new" || from === "unknown");
    }
  });
  it("never leaves a terminal status and never goes backwards", () => {
    for (const from of TERMINAL_STATUSES)
      for (const to of ALL) expect(canTransition({ from, to })).toBe(false);
    expect(canTransition({ from: "partially_filled", to: "open" })).toBe(false);
    expect(canTransition({ from: "open", to: "pending_new" })).toBe(false);
    expect(canTransition({ from: "open", to: "unknown" })).toBe(false);
  });
});
