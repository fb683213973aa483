import * as ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import { deriveClientOrderId } from "../port/derive-client-order-id";
import type { PlaceOrderRequest, VenueOrder } from "../port/venue-types";
import { createTestRunner } from "../testing/venue-test-fixtures";
import { type SendOrderWithRecoveryOptions, sendOrderWithRecovery } from "./send-order-with-recovery";

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

const WINDOW_MS = 4_000;

/** Runs sendOrderWithRecovery on the test runner's fake clock; `lookupAt` records when each lookup ran. */
function place(
  venue: ReturnType<typeof fakeVenue>,
  options: Partial<SendOrderWithRecoveryOptions> & { lookupAt?: number[] } = {},
) {
  const fixture = createTestRunner();
  const { lookupAt, ...overrides } = options;
  const sendAt: number[] = [];
  const lookup = overrides.lookup ?? venue.lookup;
  const result = sendOrderWithRecovery({
    request,
    runner: fixture.runner,
    send: () => {
      sendAt.push(fixture.now());
      return venue.send();
    },
    lookup: () => {
      lookupAt?.push(fixture.now());
      return lookup();
    },
    executionWindowMs: WINDOW_MS,
    maxWaitMs: 10_000,
    now: fixture.now,
    sleep: fixture.sleep,
    ...overrides,
  });
  return { result, fixture, sendAt };
}

describe("sendOrderWithRecovery", () => {
  it("accepts on first success", async () => {
    const venue = fakeVenue(["ok"]);
    expect(await place(venue).result).toMatchObject({ status: "accepted", recovered: false, attempts: 1 });
  });

  it("timeout after execute: looks up after the window instead of resending, and finds the order (one send)", async () => {
    const venue = fakeVenue(["timeout_after_execute"]);
    const lookupAt: number[] = [];
    const { result, sendAt } = place(venue, { lookupAt });
    expect(await result).toMatchObject({ status: "accepted", recovered: true, attempts: 1 });
    expect(venue.sentIds).toHaveLength(1);
    expect(lookupAt).toHaveLength(1);
    expect(lookupAt[0]).toBeGreaterThanOrEqual((sendAt[0] as number) + WINDOW_MS);
  });

  it("timeout before execute: the lookup after the window misses, so it resends with the same client order id", async () => {
    const venue = fakeVenue(["timeout_before", "ok"]);
    const lookupAt: number[] = [];
    const { result, sendAt } = place(venue, { lookupAt });
    expect(await result).toMatchObject({ status: "accepted", recovered: false, attempts: 2 });
    expect(new Set(venue.sentIds)).toEqual(new Set([request.clientOrderId]));
    // The resend follows a lookup made once the first attempt could no longer execute.
    expect(lookupAt[0]).toBeGreaterThanOrEqual((sendAt[0] as number) + WINDOW_MS);
    expect(sendAt[1]).toBeGreaterThanOrEqual(lookupAt[0] as number);
  });

  it("a failed lookup is no evidence: the outcome stays unknown and nothing is resent", async () => {
    const venue = fakeVenue(["timeout_after_execute", "ok"]);
    const { result } = place(venue, {
      lookup: async () => {
        throw new ccxt.RequestTimeout("lookup timed out");
      },
    });
    expect(await result).toMatchObject({ status: "unknown", attempts: 1 });
    expect(venue.sentIds).toHaveLength(1);
  });

  it("a window that closes later than the request may wait: unknown, no lookup, no resend", async () => {
    const venue = fakeVenue(["timeout_before", "ok"]);
    const lookupAt: number[] = [];
    const { result } = place(venue, { lookupAt, executionWindowMs: 30_000, maxWaitMs: 5_000 });
    expect(await result).toMatchObject({ status: "unknown", attempts: 1 });
    expect(venue.sentIds).toHaveLength(1);
    expect(lookupAt).toHaveLength(0);
  });

  it("awaits beforeAttempt before every send", async () => {
    const venue = fakeVenue(["timeout_before", "ok"]);
    const calls: string[] = [];
    const wrapped = {
      ...venue,
      send: () => {
        calls.push("send");
        return venue.send();
      },
    };
    const { result } = place(wrapped, {
      beforeAttempt: async (attempt) => {
        calls.push(`before ${attempt}`);
      },
    });
    await result;
    expect(calls).toEqual(["before 1", "send", "before 2", "send"]);
  });

  it("duplicate order on a resend means it exists: look it up", async () => {
    const venue = fakeVenue(["dup"]);
    const { result } = place(venue, { lookup: async () => order });
    expect(await result).toMatchObject({ status: "accepted", recovered: true });
  });

  it("a filter failure is rejected without retry", async () => {
    const venue = fakeVenue(["reject"]);
    const result = await place(venue).result;
    expect(result.status).toBe("rejected");
    expect(result.status === "rejected" && result.error.kind).toBe("validation");
    expect(venue.sentIds).toHaveLength(1);
  });

  it("an auth error is rejected with a typed auth error, 0 retries", async () => {
    const venue = fakeVenue(["auth"]);
    const result = await place(venue).result;
    expect(result.status === "rejected" && result.error.kind).toBe("auth");
    expect(venue.sentIds).toHaveLength(1);
    expect(venue.lookups()).toBe(0);
  });

  it("unknown when every attempt timed out and the lookup never finds it", async () => {
    const venue = fakeVenue(["timeout_before", "timeout_before", "timeout_before"]);
    const { result, fixture } = place(venue);
    expect(await result).toMatchObject({ status: "unknown", attempts: 3 });
    expect(venue.sentIds).toHaveLength(3);
    expect(fixture.counters.retries).toBe(2);
  });

  it("rate limited on every attempt (never executed) is a rejection, not unknown", async () => {
    const venue = fakeVenue(["429", "429", "429"]);
    const result = await place(venue).result;
    expect(result.status === "rejected" && result.error.kind).toBe("rate_limit");
    expect(venue.lookups()).toBe(0);
  });

  it("refuses an invalid client order id before sending", async () => {
    const venue = fakeVenue(["ok"]);
    await expect(place(venue, { request: { ...request, clientOrderId: "bad id!" } }).result).rejects.toThrow(
      /client order id/,
    );
    expect(venue.sentIds).toHaveLength(0);
  });
});
