import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain-error";
import { canonicalizeJson } from "./canonicalize-json";
import { fingerprintRequest } from "./fingerprint-request";
import { parseIdempotencyKey } from "./parse-idempotency-key";

const codeOf = (header: string | null) => {
  try {
    parseIdempotencyKey({ header });
    return "ok";
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe("parseIdempotencyKey", () => {
  it("accepts 1 to 255 printable ASCII characters", () => {
    expect(codeOf("a")).toBe("ok");
    expect(codeOf("order 42: buy ~BTC!")).toBe("ok");
    expect(codeOf("x".repeat(255))).toBe("ok");
  });
  it("refuses a missing key and malformed ones with distinct codes", () => {
    expect(codeOf(null)).toBe("idempotency_key_missing");
    expect(codeOf("")).toBe("idempotency_key_missing");
    expect(codeOf("x".repeat(256))).toBe("idempotency_key_invalid");
    expect(codeOf("caf\u00e9")).toBe("idempotency_key_invalid");
    expect(codeOf("tab\there")).toBe("idempotency_key_invalid");
    expect(codeOf("\u007f")).toBe("idempotency_key_invalid");
  });
  it("raises DomainErrors the HTTP layer maps to 400", () => {
    expect(() => parseIdempotencyKey({ header: null })).toThrow(DomainError);
  });
});

describe("canonicalizeJson", () => {
  it("is independent of key order at every depth, keeps array order, drops undefined", () => {
    const a = { b: 1, a: { d: [3, { y: 1, x: 2 }], c: "s" }, u: undefined };
    const b = { a: { c: "s", d: [3, { x: 2, y: 1 }] }, b: 1 };
    expect(canonicalizeJson(a)).toBe(canonicalizeJson(b));
    expect(canonicalizeJson(a)).toBe('{"a":{"c":"s","d":[3,{"x":2,"y":1}]},"b":1}');
    expect(canonicalizeJson([2, 1])).not.toBe(canonicalizeJson([1, 2]));
  });
  it("distinguishes values JSON distinguishes", () => {
    expect(canonicalizeJson({ q: "1" })).not.toBe(canonicalizeJson({ q: 1 }));
    expect(canonicalizeJson({ q: "0.10" })).not.toBe(canonicalizeJson({ q: "0.1" }));
    expect(canonicalizeJson(undefined)).toBe("null");
  });
});

describe("fingerprintRequest", () => {
  const body = { symbol: "BTC/USDT", side: "buy", quantity: "0.015" };
  it("is the same for the same request in any key order", () => {
    const reordered = { quantity: "0.015", side: "buy", symbol: "BTC/USDT" };
    expect(fingerprintRequest({ method: "POST", path: "/api/orders", body })).toBe(
      fingerprintRequest({ method: "post", path: "/api/orders", body: reordered }),
    );
  });
  it("changes with the method, the path or the body", () => {
    const base = fingerprintRequest({ method: "POST", path: "/api/orders", body });
    expect(fingerprintRequest({ method: "PUT", path: "/api/orders", body })).not.toBe(base);
    expect(fingerprintRequest({ method: "POST", path: "/api/orders/batch", body })).not.toBe(base);
    expect(
      fingerprintRequest({ method: "POST", path: "/api/orders", body: { ...body, quantity: "0.016" } }),
    ).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
