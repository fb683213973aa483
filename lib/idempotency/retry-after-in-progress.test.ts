import { describe, expect, it } from "vitest";
import { retryAfterInProgress } from "./find-idempotency-record";

describe("retryAfterInProgress", () => {
  it("is 1 s while the first request is young, grows with its age, and never passes the lease", () => {
    expect(retryAfterInProgress({ ageMs: 5, leaseLeftMs: 29_995 })).toBe(1);
    expect(retryAfterInProgress({ ageMs: 900, leaseLeftMs: 29_100 })).toBe(1);
    expect(retryAfterInProgress({ ageMs: 4_200, leaseLeftMs: 25_800 })).toBe(5);
    expect(retryAfterInProgress({ ageMs: 50_000, leaseLeftMs: 2_500 })).toBe(3);
  });
});
