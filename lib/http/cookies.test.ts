import { describe, expect, it } from "vitest";
import { readCookie, serializeSessionCookie } from "./cookies";

describe("cookies", () => {
  it("reads one cookie among many and survives malformed encodings", () => {
    const request = new Request("http://x/", {
      headers: { cookie: "a=1; tally_session=abc%2Fd; b=%E0%A4%A" },
    });
    expect(readCookie(request, "tally_session")).toBe("abc/d");
    expect(readCookie(request, "b")).toBeUndefined();
    expect(readCookie(request, "missing")).toBeUndefined();
  });

  it("serializes a hardened session cookie", () => {
    expect(serializeSessionCookie("s", { value: "v", maxAgeSeconds: 60, secure: true })).toBe(
      "s=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure",
    );
  });
});
