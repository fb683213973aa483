import * as ccxt from "ccxt";
import { describe, expect, it } from "vitest";
import { attachResponseContext } from "../ccxt/ccxt-error-context";
import {
  VenueAuthError,
  VenueCircuitOpenError,
  VenueTransientError,
  VenueValidationError,
} from "../port/venue-errors";
import { createTestRunner } from "../testing/venue-test-fixtures";

function failing(errors: unknown[], value = "ok") {
  let calls = 0;
  return {
    call: async () => {
      const error = errors[calls];
      calls += 1;
      if (error !== undefined) throw error;
      return value;
    },
    calls: () => calls,
  };
}

describe("VenueRequestRunner", () => {
  it("retries transient errors with backoff, at most 3 attempts", async () => {
    const { runner, sleeps, counters } = createTestRunner();
    const fake = failing([
      new ccxt.RequestTimeout("t"),
      new ccxt.RequestTimeout("t"),
      new ccxt.RequestTimeout("t"),
    ]);
    await expect(
      runner.run({ endpoint: "fetchOrder", endpointClass: "private", retry: "idempotent", call: fake.call }),
    ).rejects.toBeInstanceOf(VenueTransientError);
    expect(fake.calls()).toBe(3);
    expect(sleeps).toEqual([50, 100]); // full jitter with random 0.5: 0.5 * 100, 0.5 * 200
    expect(counters.retries).toBe(2);
  });

  it("succeeds after a transient failure", async () => {
    const { runner } = createTestRunner();
    const fake = failing([new ccxt.NetworkError("reset")]);
    await expect(
      runner.run({ endpoint: "fetchOrder", endpointClass: "private", retry: "idempotent", call: fake.call }),
    ).resolves.toBe("ok");
    expect(fake.calls()).toBe(2);
  });

  it("never retries validation or auth errors", async () => {
    const { runner } = createTestRunner();
    const validation = failing([
      new ccxt.BadRequest('binance {"code":-1013,"msg":"Filter failure: LOT_SIZE"}'),
    ]);
    await expect(
      runner.run({
        endpoint: "createOrder",
        endpointClass: "private",
        retry: "idempotent",
        call: validation.call,
      }),
    ).rejects.toBeInstanceOf(VenueValidationError);
    expect(validation.calls()).toBe(1);
    const auth = failing([new ccxt.AuthenticationError('binance {"code":-1022,"msg":"Signature"}')]);
    await expect(
      runner.run({
        endpoint: "fetchBalance",
        endpointClass: "private",
        retry: "idempotent",
        call: auth.call,
      }),
    ).rejects.toBeInstanceOf(VenueAuthError);
    expect(auth.calls()).toBe(1);
  });

  it("opens the auth breaker on the first auth error; further private calls are refused unsent", async () => {
    const { runner, changes, counters } = createTestRunner();
    const auth = failing([new ccxt.AuthenticationError("bad key")]);
    await expect(
      runner.run({
        endpoint: "fetchBalance",
        endpointClass: "private",
        retry: "idempotent",
        call: auth.call,
      }),
    ).rejects.toBeInstanceOf(VenueAuthError);
    expect(changes).toContain("auth:open");
    const next = failing([]);
    await expect(
      runner.run({
        endpoint: "fetchBalance",
        endpointClass: "private",
        retry: "idempotent",
        call: next.call,
      }),
    ).rejects.toBeInstanceOf(VenueCircuitOpenError);
    expect(next.calls()).toBe(0);
    expect(counters.circuitRejections).toBe(1);
    // public endpoints do not depend on credentials
    await expect(
      runner.run({
        endpoint: "fetchTime",
        endpointClass: "public",
        retry: "idempotent",
        call: async () => 1,
      }),
    ).resolves.toBe(1);
  });

  it("honours Retry-After on 429: pauses, lowers concurrency, waits at least Retry-After", async () => {
    const { runner, sleeps, counters } = createTestRunner();
    const error = new ccxt.DDoSProtection("binance 429 Too Many Requests");
    attachResponseContext(error, { httpStatus: 429, headers: { "Retry-After": "3" } });
    const fake = failing([error]);
    await expect(
      runner.run({ endpoint: "fetchOrder", endpointClass: "private", retry: "idempotent", call: fake.call }),
    ).resolves.toBe("ok");
    expect(sleeps[0]).toBeGreaterThanOrEqual(3_000);
    expect(counters.rateLimited).toBe(1);
    expect(runner.limiters.private.limit).toBe(1);
    expect(runner.limiters.public.limit).toBe(2);
    const log = runner.getAttemptLog();
    expect(log[0]).toMatchObject({
      attempt: 1,
      ok: false,
      errorKind: "rate_limit",
      retryAfterMs: 3_000,
      httpStatus: 429,
    });
    expect(log[0]?.nextDelayMs).toBeGreaterThanOrEqual(3_000);
    expect(log[1]).toMatchObject({ attempt: 2, ok: true });
  });

  it("opens the platform breaker after repeated transient failures, half-opens after openMs", async () => {
    const { runner, changes, advance, config } = createTestRunner();
    for (let i = 0; i < 2; i++) {
      const fake = failing([
        new ccxt.ExchangeNotAvailable("503"),
        new ccxt.ExchangeNotAvailable("503"),
        new ccxt.ExchangeNotAvailable("503"),
      ]);
      await runner
        .run({ endpoint: "fetchTime", endpointClass: "public", retry: "idempotent", call: fake.call })
        .catch(() => undefined);
    }
    expect(changes).toContain("platform:open");
    advance(config.breaker.openMs);
    await expect(
      runner.run({ endpoint: "fetchTime", endpointClass: "public", retry: "none", call: async () => 2 }),
    ).resolves.toBe(2);
    expect(changes.slice(-2)).toEqual(["platform:half_open", "platform:closed"]);
  });

  it("beforeRetry can settle the request without another attempt", async () => {
    const { runner } = createTestRunner();
    const fake = failing([new ccxt.RequestTimeout("t")]);
    const value = await runner.run({
      endpoint: "createOrder",
      endpointClass: "private",
      retry: "idempotent",
      call: fake.call,
      beforeRetry: async () => ({ value: "found" }),
    });
    expect(value).toBe("found");
    expect(fake.calls()).toBe(1);
  });
});
