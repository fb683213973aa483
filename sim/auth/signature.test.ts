import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.js";
import { checkTimestamp, hmacSha256Hex, signatureMatches, signedPayload } from "./signature.js";

describe("HMAC signatures", () => {
  it("matches Binance's documented example", () => {
    // From Binance's REST API docs (SIGNED endpoint examples).
    const secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    const payload =
      "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    expect(hmacSha256Hex(payload, secret)).toBe(
      "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
    );
  });

  it("signs query + body without the signature parameter, bytes as sent", () => {
    const { payload, signature } = signedPayload("symbol=BTCUSDT&timestamp=1", "quantity=1&signature=abc");
    expect(payload).toBe("symbol=BTCUSDT&timestamp=1quantity=1");
    expect(signature).toBe("abc");
  });

  it("accepts the right signature and rejects anything else", () => {
    const sig = hmacSha256Hex("a=1&timestamp=2", "secret");
    expect(signatureMatches("a=1&timestamp=2", sig, "secret")).toBe(true);
    expect(signatureMatches("a=1&timestamp=2", sig, "other")).toBe(false);
    expect(signatureMatches("a=2&timestamp=2", sig, "secret")).toBe(false);
    expect(signatureMatches("a=1&timestamp=2", "short", "secret")).toBe(false);
  });
});

describe("timestamp window", () => {
  const code = (fn: () => void) => {
    try {
      fn();
      return 0;
    } catch (err) {
      return err instanceof ApiError ? err.code : Number.NaN;
    }
  };

  it("accepts timestamps inside recvWindow and up to 1s ahead", () => {
    expect(code(() => checkTimestamp("10000", undefined, 14_000))).toBe(0);
    expect(code(() => checkTimestamp("10999", undefined, 10_000))).toBe(0);
    expect(code(() => checkTimestamp("10000", "20000", 29_000))).toBe(0);
  });

  it("rejects stale, future and malformed timestamps", () => {
    expect(code(() => checkTimestamp("10000", undefined, 15_001))).toBe(-1021);
    expect(code(() => checkTimestamp("12001", undefined, 11_000))).toBe(-1021);
    expect(code(() => checkTimestamp(undefined, undefined, 1))).toBe(-1102);
    expect(code(() => checkTimestamp("1", "70000", 1))).toBe(-1131);
  });
});
