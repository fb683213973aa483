import { describe, expect, it } from "vitest";
import { passwordWeakness } from "./password-policy";

describe("password policy", () => {
  it.each([
    ["twelve spaces", "alice", " ".repeat(12), "must not be only spaces"],
    ["mixed whitespace", "alice", " \t \n ".repeat(4), "must not be only spaces"],
    ["the username", "desk.lead-01", "Desk.Lead-01", "must not be the username"],
    ["a common password", "alice", "password1234", "is a commonly used password; choose another"],
    ["a common password in capitals", "alice", "QWERTYUIOP12", "is a commonly used password; choose another"],
    ["a short one", "alice", "x7!kq", "must be at least 12 characters"],
  ])("refuses %s", (_, username, password, reason) => {
    expect(passwordWeakness(username, password)).toBe(reason);
  });

  it.each([
    "correct-horse-battery",
    "e2e-admin-password",
    "launcher-admin-password",
    "bench-admin-password",
    "bench-password-123",
  ])("accepts %s", (password) => {
    expect(passwordWeakness("alice", password)).toBeNull();
  });
});
