import * as ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import { deriveClientOrderId } from "./derive-client-order-id";
import { placeOrderWithRecovery } from "./place-order-with-recovery";
import { createTestRunner } from "./testing/venue-test-fixtures";
import type { PlaceOrderRequest, VenueOrder } from "./venue-types";

const request: PlaceOrderRequest = {
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  quantity: "0.01",
  price: "100",
  clientOrderId: deriveClientOrderId({ scope: "u", key: "k" }),
};

const order: VenueOrder = {
  venueOrderId: "1",
  clientOrderId: request.clientOrderId,
  symbol: "BTC/USDT",
  side: "buy",
  type: "limit",
  timeInForce: "GTC",
  status: "open",
  venueStatus: "NEW",
  price: "100",
  quantity: "0.01",
  filledQuantity: "0",
  filledQuote: "0",
  createdAt: 1,
  updatedAt: 1,
};

/** A fake venue: `script` says what each send does; the order "exists" once a send executed. */
function fakeVenue(
  script: Array<"ok" | "timeout_after_execute" | "timeout_before" | "dup" | "reject" | "auth" | "429">,
) {
  let exists = false;
  const sentIds: string[] = [];
  let lookups = 0;
  return {
    sentIds,
    lookups: () => lookups,
    send: async () => {
      const step = script[sentIds.length] ?? "ok";
      sentIds.push(request.clientOrderId);
      switch (step) {
        case "ok":
          if (exists) throw new ccxt.InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}');
          exists = true;
          return order;
        case "timeout_after_execute":
          exists = true;
          throw new ccxt.RequestTimeout("timed out");
        case "timeout_before":
          throw new ccxt.NetworkError("fetch failed");
        case "dup":
          throw new ccxt.InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}');
        case "reject":
          throw new ccxt.ExchangeError('binance {"code":-1013,"msg":"Filter failure: MIN_NOTIONAL"}');
        case "auth":
          throw new ccxt.AuthenticationError(
            'binance {"code":-1022,"msg":"Signature for this request is not valid."}',
          );
        case "429":
          throw new ccxt.DDoSProtection("binance 429 Too Many Requests");
      }
    },
    lookup: async () => {
      lookups += 1;
      return exists ? order : null;
    },
  };
}

describe("placeOrderWithRecovery", () => {
  it("accepts on first success", async () => {
    const { runner } = createTestRunner();
    const venue = fakeVenue(["ok"]);
    const result = await placeOrderWithRecovery({ request, runner, send: venue.send, lookup: venue.lookup });
    expect(result).toMatchObject({ status: "accepted", recovered: false, attempts: 1 });
  });

  it("timeout after execute: looks up before resending and finds the order (one send)", async () => {
    const { runner } = createTestRunner();
    const venue = fakeVenue(["timeout_after_execute"]);
    const result = await placeOrderWithRecovery({ request, runner, send: venue.send, lookup: venue.lookup });
    expect(result).toMatchObject({ status: "accepted", recovered: true, attempts: 1 });
    expect(venue.sentIds).toHaveLength(1);
    expect(venue.lookups()).toBe(1);
  });

  it("timeout before execute: lookup misses, resends with the same client order id", async () => {
    const { runner } = createTestRunner();
    const venue = fakeVenue(["timeout_before", "ok"]);
    const result = await placeOrderWithRecovery({ request, runner, send: venue.send, lookup: venue.lookup });
    expect(result).toMatchObject({ status: "accepted", recovered: false, attempts: 2 });
    expect(new Set(venue.sentIds)).toEqual(new Set([request.clientOrderId]));
  });

  it("duplicate order on a resend means it exists: look it up", async () => {
    const { runner } = createTestRunner();
    const venue = fakeVenue(["dup"]);
    const lookup = async () => order;
    const result = await placeOrderWithRecovery({ request, runner, send: venue.send, lookup });
    expect(result).toMatchObject({ status: "accepted", recovered: true });
  });

  it("a filter failure is rejected without retry", async () => {
    const { runner } = createTestRunner();
    const venue = fakeVenue(["reject"]);
    const result = await placeOrderWithRecovery({ request, runner, send: venue.send, lookup: venue.lookup });
    expect(result.status).toBe("rejected");
    expect(result.status === "rejected" && result.error.kind).toBe("validation");
    expect(venue.sentIds).toHaveLength(1);
  });

  it("an auth error is rejected with a typed auth error, 0 retries", async () => {
    const { runner } = createTestRunner();
    const venue = fakeVenue(["auth"]);
    const result = await placeOrderWithRecovery({ request, runner, send: venue.send, lookup: venue.lookup });
    expect(result.status === "rejected" && result.error.kind).toBe("auth");
    expect(venue.sentIds).toHaveLength(1);
    expect(venue.lookups()).toBe(0);
  });

  it("unknown when every attempt timed out and the lookup never finds it", async () => {
    const { runner, counters } = createTestRunner();
    const venue = fakeVenue(["timeout_before", "timeout_before", "timeout_before"]);
    const result = await placeOrderWithRecovery({ request, runner, send: venue.send, lookup: venue.lookup });
    expect(result).toMatchObject({ status: "unknown", attempts: 3 });
    expect(venue.sentIds).toHaveLength(3);
    expect(counters.retries).toBe(2);
  });

  it("rate limited on every attempt (never executed) is a rejection, not unknown", async () => {
    const { runner } = createTestRunner();
    const venue = fakeVenue(["429", "429", "429"]);
    const result = await placeOrderWithRecovery({ request, runner, send: venue.send, lookup: venue.lookup });
    expect(result.status === "rejected" && result.error.kind).toBe("rate_limit");
    expect(venue.lookups()).toBe(0);
  });

  it("refuses an invalid client order id before sending", async () => {
    const { runner } = createTestRunner();
    const venue = fakeVenue(["ok"]);
    await expect(
      placeOrderWithRecovery({
        request: { ...request, clientOrderId: "bad id!" },
        runner,
        send: venue.send,
        lookup: venue.lookup,
      }),
    ).rejects.toThrow(/client order id/);
    expect(venue.sentIds).toHaveLength(0);
  });
});
