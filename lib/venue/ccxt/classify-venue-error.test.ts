import * as ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import type { VenueErrorKind } from "../port/venue-errors";
import { attachResponseContext } from "./ccxt-error-context";
import { classifyVenueError } from "./classify-venue-error";

const body = (code: number, msg: string) => `binance {"code":${code},"msg":"${msg}"}`;

describe("classifyVenueError", () => {
  const cases: Array<[string, unknown, VenueErrorKind]> = [
    [
      "-1013 filter failure (ccxt: ExchangeError)",
      new ccxt.ExchangeError(body(-1013, "Filter failure: LOT_SIZE")),
      "validation",
    ],
    ["-1121 invalid symbol", new ccxt.BadSymbol(body(-1121, "Invalid symbol.")), "validation"],
    ["-1102 mandatory parameter", new ccxt.BadRequest(body(-1102, "Mandatory parameter")), "validation"],
    [
      "-2010 insufficient balance",
      new ccxt.InsufficientFunds("binance Account has insufficient balance for requested action."),
      "insufficient_funds",
    ],
    ["-2010 duplicate", new ccxt.InvalidOrder(body(-2010, "Duplicate order sent.")), "duplicate_order"],
    ["ccxt DuplicateOrderId", new ccxt.DuplicateOrderId("dup"), "duplicate_order"],
    [
      "-2010 other rejection",
      new ccxt.InvalidOrder(body(-2010, "Order would immediately match and take.")),
      "rejected",
    ],
    [
      "-2013 order does not exist",
      new ccxt.OrderNotFound(body(-2013, "Order does not exist.")),
      "order_not_found",
    ],
    ["-2011 unknown order", new ccxt.OrderNotFound(body(-2011, "Unknown order sent.")), "order_not_found"],
    [
      "-1022 signature",
      new ccxt.AuthenticationError(body(-1022, "Signature for this request is not valid.")),
      "auth",
    ],
    [
      "-2015 invalid key",
      new ccxt.ExchangeError(body(-2015, "Invalid API-key, IP, or permissions for action.")),
      "auth",
    ],
    ["-2014 key format", new ccxt.AuthenticationError(body(-2014, "API-key format invalid.")), "auth"],
    [
      "-1021 timestamp (ccxt InvalidNonce)",
      new ccxt.InvalidNonce(body(-1021, "Timestamp outside recvWindow")),
      "auth",
    ],
    ["429", new ccxt.DDoSProtection("binance 429 Too Many Requests {}"), "rate_limit"],
    ["-1003 weight", new ccxt.RateLimitExceeded(body(-1003, "Too much request weight used")), "rate_limit"],
    [
      "timeout",
      new ccxt.RequestTimeout("binance POST http://x/api/v3/order request timed out (100 ms)"),
      "transient",
    ],
    [
      "dropped connection",
      new ccxt.NetworkError("binance POST http://x fetch failed: other side closed"),
      "transient",
    ],
    [
      "503",
      new ccxt.ExchangeNotAvailable("binance GET http://x/api/v3/order 503 Service Unavailable"),
      "transient",
    ],
    [
      "-1007 backend timeout",
      new ccxt.RequestTimeout(body(-1007, "Timeout waiting for response from backend server.")),
      "transient",
    ],
    [
      "order book gap (ChecksumError extends InvalidNonce)",
      new ccxt.ChecksumError("binance checksum"),
      "transient",
    ],
    ["plain Error", new Error("weird"), "unexpected"],
  ];
  for (const [name, error, kind] of cases) {
    it(`${name} -> ${kind}`, () => {
      expect(classifyVenueError({ error, endpoint: "createOrder" }).kind).toBe(kind);
    });
  }

  it("uses the attached HTTP context: 401/403 is auth, 5xx transient, 429 carries Retry-After", () => {
    const e401 = new ccxt.ExchangeError("binance something");
    attachResponseContext(e401, { httpStatus: 401 });
    expect(classifyVenueError({ error: e401 }).kind).toBe("auth");

    const e500 = new ccxt.ExchangeError("binance something");
    attachResponseContext(e500, { httpStatus: 500 });
    expect(classifyVenueError({ error: e500 }).kind).toBe("transient");

    const e429 = new ccxt.DDoSProtection("binance 429");
    attachResponseContext(e429, { httpStatus: 429, headers: { "Retry-After": "2" } });
    const classified = classifyVenueError({ error: e429 });
    expect(classified.kind).toBe("rate_limit");
    expect(classified.retryAfterMs).toBe(2_000);
    expect(classified.retriable).toBe(true);
  });

  it("prefers the raw venue code over ccxt's class (exact-message matches drop the code)", () => {
    const error = new ccxt.InvalidOrder("binance Duplicate order sent.");
    attachResponseContext(error, { venueCode: -2010, venueMessage: "Duplicate order sent." });
    const classified = classifyVenueError({ error });
    expect(classified.kind).toBe("duplicate_order");
    expect(classified.venueCode).toBe(-2010);
  });

  it("scrubs secrets and query strings from messages", () => {
    const error = new ccxt.AuthenticationError(
      "binance GET http://127.0.0.1:1/api/v3/order?symbol=BTCUSDT&signature=abcdef key=SUPERSECRETKEY",
    );
    const classified = classifyVenueError({ error, secrets: ["SUPERSECRETKEY"] });
    expect(classified.message).not.toContain("SUPERSECRETKEY");
    expect(classified.message).not.toContain("abcdef");
  });

  it("marks transient errors as unknown outcome and auth/validation as final", () => {
    const transient = classifyVenueError({ error: new ccxt.RequestTimeout("t") });
    expect(transient.outcomeUnknown).toBe(true);
    const auth = classifyVenueError({ error: new ccxt.AuthenticationError("a") });
    expect(auth.retriable).toBe(false);
    expect(auth.outcomeUnknown).toBe(false);
  });
});
