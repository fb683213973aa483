import { describe, expect, it } from "vitest";
import { DEFAULT_LANDING, landingAfterSignIn } from "./landing-after-sign-in";

const ORIGIN = "http://localhost:3000";

describe("landingAfterSignIn", () => {
  it.each([
    "/\\evil.example/phish",
    "//evil.example",
    "https://evil.example",
    "http://localhost:3000.evil.example/",
    "javascript:alert(1)",
    "\t//evil.example",
    "/\t/evil.example",
    "\n/\\evil.example",
    "/\r\n/evil.example",
    "\\\\evil.example",
  ])("sends %j to the default landing", (next) => {
    const landing = landingAfterSignIn(next, ORIGIN);
    expect(landing).toBe(DEFAULT_LANDING);
    expect(new URL(landing, ORIGIN).origin).toBe(ORIGIN);
  });

  it("refuses an encoded backslash once the query string is decoded, as the form reads it", () => {
    const next = new URLSearchParams("next=/%5Cevil.example/phish").get("next");
    expect(landingAfterSignIn(next, ORIGIN)).toBe(DEFAULT_LANDING);
  });

  it("keeps a literal %5C in a path on this origin", () => {
    expect(landingAfterSignIn("/%5Cevil", ORIGIN)).toBe("/%5Cevil");
  });

  it("keeps a same-origin path with its query and fragment", () => {
    expect(landingAfterSignIn("/orders?status=open", ORIGIN)).toBe("/orders?status=open");
    expect(landingAfterSignIn("/orders?status=open#top", ORIGIN)).toBe("/orders?status=open#top");
  });

  it("falls back without a next", () => {
    expect(landingAfterSignIn(null, ORIGIN)).toBe(DEFAULT_LANDING);
    expect(landingAfterSignIn("", ORIGIN)).toBe(DEFAULT_LANDING);
  });
});
