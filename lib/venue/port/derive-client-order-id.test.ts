import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLIENT_ORDER_ID_PATTERN, deriveClientOrderId, isTallyClientOrderId } from "./derive-client-order-id";

describe("deriveClientOrderId", () => {
  it("is stable for the same record", () => {
    const a = deriveClientOrderId({ scope: "user-1", key: "idem-123" });
    expect(deriveClientOrderId({ scope: "user-1", key: "idem-123" })).toBe(a);
    expect(a.startsWith("tly-")).toBe(true);
    expect(isTallyClientOrderId(a)).toBe(true);
  });

  it("is at most 36 characters of Binance's charset for any input", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 300 }), fc.option(fc.nat()), (scope, key, leg) => {
        const id = deriveClientOrderId({ scope, key, leg: leg ?? undefined });
        expect(id.length).toBeLessThanOrEqual(36);
        expect(id).toMatch(CLIENT_ORDER_ID_PATTERN);
      }),
    );
  });

  it("differs for different keys, scopes and legs", () => {
    const ids = new Set([
      deriveClientOrderId({ scope: "u1", key: "k1" }),
      deriveClientOrderId({ scope: "u1", key: "k2" }),
      deriveClientOrderId({ scope: "u2", key: "k1" }),
      deriveClientOrderId({ scope: "u1", key: "k1", leg: 0 }),
      deriveClientOrderId({ scope: "u1", key: "k1", leg: 1 }),
      deriveClientOrderId({ scope: "u1:k", key: "1" }),
      deriveClientOrderId({ scope: "u1", key: ":k1" }),
    ]);
    expect(ids.size).toBe(7);
  });

  it("has no collisions across many distinct keys", () => {
    const ids = new Set(
      Array.from({ length: 5_000 }, (_, i) => deriveClientOrderId({ scope: "s", key: `k${i}` })),
    );
    expect(ids.size).toBe(5_000);
  });
});
