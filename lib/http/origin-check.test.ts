import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "./origin-check";

const request = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/api/x", {
    method: "POST",
    headers: { host: "localhost:3000", ...headers },
  });

describe("assertSameOrigin", () => {
  it("accepts the request's own origin and listed ones", () => {
    expect(() =>
      assertSameOrigin(request({ origin: "http://localhost:3000" }), { allowed: [], requireOrigin: true }),
    ).not.toThrow();
    expect(() =>
      assertSameOrigin(request({ origin: "https://ops.example" }), {
        allowed: ["https://ops.example"],
        requireOrigin: true,
      }),
    ).not.toThrow();
  });

  it("refuses a foreign, malformed or (when required) missing origin", () => {
    for (const origin of ["http://localhost:3001", "https://evil.example", "null"]) {
      expect(() => assertSameOrigin(request({ origin }), { allowed: [], requireOrigin: false })).toThrow(
        /Cross-origin/,
      );
    }
    expect(() => assertSameOrigin(request({}), { allowed: [], requireOrigin: true })).toThrow(
      /Missing Origin/,
    );
    expect(() => assertSameOrigin(request({}), { allowed: [], requireOrigin: false })).not.toThrow();
  });
});
