import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, newCspNonce, pageSecurityHeaders } from "./security-headers";

const directives = (policy: string) =>
  new Map(
    policy.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(" ")] as const;
    }),
  );

describe("pageSecurityHeaders", () => {
  const headers = pageSecurityHeaders({ nonce: "abc123==", https: false });
  const csp = directives(headers["content-security-policy"]);

  it("allows only scripts carrying this request's nonce (and what they load)", () => {
    expect(csp.get("script-src")).toBe("'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
    expect(csp.get("style-src")).toBe("'self' 'nonce-abc123=='");
    expect(headers["content-security-policy"]).not.toMatch(/(script-src|style-src) [^;]*unsafe-inline/);
  });

  it("locks down everything else and refuses to be framed", () => {
    expect(csp.get("default-src")).toBe("'self'");
    expect(csp.get("object-src")).toBe("'none'");
    expect(csp.get("base-uri")).toBe("'none'");
    expect(csp.get("form-action")).toBe("'self'");
    expect(csp.get("frame-ancestors")).toBe("'none'");
    expect(csp.get("connect-src")).toBe("'self'");
    expect(csp.get("img-src")).toBe("'self' data:");
    expect(headers).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
  });

  it("sends HSTS only over HTTPS", () => {
    expect(headers["strict-transport-security"]).toBeUndefined();
    expect(pageSecurityHeaders({ nonce: "n", https: true })["strict-transport-security"]).toMatch(
      /^max-age=\d+/,
    );
  });

  it("allows eval only in development", () => {
    const dev = directives(
      pageSecurityHeaders({ nonce: "n", https: false, dev: true })["content-security-policy"],
    );
    expect(dev.get("script-src")).toBe("'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
  });
});

describe("apiSecurityHeaders", () => {
  it("allows nothing to load or frame an API answer", () => {
    const headers = apiSecurityHeaders({ https: false });
    expect(directives(headers["content-security-policy"])).toEqual(
      new Map([
        ["default-src", "'none'"],
        ["frame-ancestors", "'none'"],
      ]),
    );
    expect(headers).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
    expect(headers["strict-transport-security"]).toBeUndefined();
    expect(apiSecurityHeaders({ https: true })["strict-transport-security"]).toBeDefined();
  });
});

describe("newCspNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newCspNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
