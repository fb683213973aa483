import { describe, expect, it } from "vitest";
import { fieldErrorsFrom, validateNewToken, validateNewUser } from "./user-form-validation";

describe("validateNewUser", () => {
  it("asks for both fields", () => {
    expect(validateNewUser({ username: "", password: "" })).toEqual({
      username: "Enter a username.",
      password: "Enter a password.",
    });
  });

  it("applies the server's username and length rules", () => {
    expect(validateNewUser({ username: "Alice", password: "short" })).toEqual({
      username: "2-64 characters: lowercase letters, digits, '.', '_' or '-'.",
      password: "At least 12 characters.",
    });
    expect(validateNewUser({ username: "alice.ops", password: "long-enough-pw" })).toEqual({});
  });
});

describe("validateNewToken", () => {
  it("asks for a name", () => {
    expect(validateNewToken({ name: "  " })).toEqual({ name: "Enter a name for the token." });
    expect(validateNewToken({ name: "ci-bot" })).toEqual({});
  });
});

describe("fieldErrorsFrom", () => {
  it("keeps the first error of each shown field", () => {
    expect(
      fieldErrorsFrom(
        [
          { field: "password", message: "is a commonly used password" },
          { field: "password", message: "second" },
          { field: "other", message: "x" },
        ],
        ["username", "password"],
      ),
    ).toEqual({ password: "is a commonly used password" });
  });
});
