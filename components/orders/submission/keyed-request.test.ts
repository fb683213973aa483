import { describe, expect, it } from "vitest";
import type { OrderAnswer, OrderView } from "@/lib/orders/order-wire-schema";
import { ApiError, sendKeyedRequest } from "../../api/api-client";
import { keyedRetryDelay, shouldRetryKeyedRequest } from "./keyed-retry-policy";
import { outcomeFromError, outcomeFromResponse, submissionOutcome } from "./order-outcome";

const ORDER = { id: "o1", status: "open" } as OrderView;

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: RequestInit[] = [];
  const impl = (async (_path: string, init: RequestInit) => {
    calls.push(init);
    return new Response(JSON.stringify(body), { status, headers });
  }) as typeof fetch;
  return { impl, calls };
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("sendKeyedRequest", () => {
  it("sends the key and reports a replayed answer", async () => {
    const { impl, calls } = fakeFetch(201, { order: ORDER }, { "idempotent-replayed": "true" });
    const response = await sendKeyedRequest<OrderAnswer>("/api/orders", "key-1", { a: 1 }, impl);
    expect(new Headers(calls[0]?.headers).get("idempotency-key")).toBe("key-1");
    expect(response).toEqual({ status: 201, replayed: true, body: { order: ORDER } });
    expect(outcomeFromResponse(response)).toEqual({ kind: "placed", order: ORDER, replayed: true });
  });

  it("turns a 409 in progress into a retryable error that waits for Retry-After", async () => {
    const { impl } = fakeFetch(
      409,
      { status: 409, code: "idempotency_key_in_progress", detail: "busy" },
      { "retry-after": "2" },
    );
    const error = await errorOf(sendKeyedRequest("/api/orders", "key-1", {}, impl));
    expect(error).toBeInstanceOf(ApiError);
    expect(shouldRetryKeyedRequest(1, error)).toBe(true);
    expect(keyedRetryDelay(1, error)).toBe(2000);
    expect(submissionOutcome(outcomeFromError(error))).toBe("indefinite");
  });

  it("keeps a venue rejection's order and treats it as definitive", async () => {
    const { impl } = fakeFetch(422, {
      status: 422,
      code: "order_rejected",
      detail: "insufficient balance",
      order: { ...ORDER, status: "rejected" },
    });
    const outcome = outcomeFromError(await errorOf(sendKeyedRequest("/api/orders", "k", {}, impl)));
    expect(outcome).toMatchObject({ kind: "rejected", detail: "insufficient balance", order: { id: "o1" } });
    expect(submissionOutcome(outcome)).toBe("definitive");
  });

  it("treats a 202 as sent but unresolved, so the key survives", async () => {
    const { impl } = fakeFetch(202, { order: { ...ORDER, status: "unknown" } });
    const outcome = outcomeFromResponse(await sendKeyedRequest<OrderAnswer>("/api/orders", "k", {}, impl));
    expect(outcome.kind).toBe("awaiting_venue");
    expect(submissionOutcome(outcome)).toBe("indefinite");
  });
});

describe("keyed retry policy", () => {
  it("retries a network failure a few times, and never a refusal", () => {
    const network = new TypeError("Failed to fetch");
    expect(shouldRetryKeyedRequest(1, network)).toBe(true);
    expect(shouldRetryKeyedRequest(3, network)).toBe(false);
    const refused = new ApiError({ status: 422, code: "risk_limit_exceeded", detail: "" }, undefined);
    expect(shouldRetryKeyedRequest(0, refused)).toBe(false);
    expect(submissionOutcome(outcomeFromError(refused))).toBe("definitive");
    expect(submissionOutcome(outcomeFromError(network))).toBe("indefinite");
  });

  it("resends a 503 that names a Retry-After, with a bounded wait", () => {
    const unavailable = new ApiError({ status: 503, code: "venue_unavailable", detail: "" }, 120);
    expect(shouldRetryKeyedRequest(1, unavailable)).toBe(true);
    expect(shouldRetryKeyedRequest(2, unavailable)).toBe(false);
    expect(keyedRetryDelay(1, unavailable)).toBe(30_000);
  });

  it("treats server errors as indefinite: the order may exist", () => {
    const serverError = new ApiError({ status: 502, code: "venue_unavailable", detail: "" }, undefined);
    expect(submissionOutcome(outcomeFromError(serverError))).toBe("indefinite");
  });
});

describe("cancel outcomes", () => {
  it("treats order_not_cancelable as settled, unlike a request still in progress", () => {
    const notCancelable = new ApiError(
      { status: 409, code: "order_not_cancelable", detail: "already filled" },
      undefined,
    );
    expect(shouldRetryKeyedRequest(0, notCancelable)).toBe(false);
    expect(submissionOutcome(outcomeFromError(notCancelable))).toBe("definitive");
  });
});
