import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiFetch } from "./api-client";

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: RequestInit[] = [];
  vi.stubGlobal("fetch", async (_path: string, init: RequestInit) => {
    calls.push(init);
    return new Response(status === 204 ? null : body, { status, headers });
  });
  return calls;
}

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

afterEach(() => vi.unstubAllGlobals());

describe("apiFetch", () => {
  it("sends JSON with same-origin credentials and resolves with the body", async () => {
    const calls = answer(200, JSON.stringify({ users: [] }));
    await expect(apiFetch("/api/users", { method: "POST", json: { a: 1 } })).resolves.toEqual({ users: [] });
    expect(calls[0]).toMatchObject({ method: "POST", body: '{"a":1}', credentials: "same-origin" });
    expect(new Headers(calls[0]?.headers).get("content-type")).toBe("application/json");
  });

  it("resolves a 204 with undefined", async () => {
    answer(204, "");
    await expect(apiFetch("/api/tokens/t1", { method: "DELETE" })).resolves.toBeUndefined();
  });

  it("throws the problem with its code, request id, field errors and Retry-After", async () => {
    const problem = {
      status: 429,
      code: "rate_limited",
      detail: "slow down",
      requestId: "r1",
      errors: [{ field: "username", message: "taken" }],
    };
    answer(429, JSON.stringify(problem), { "retry-after": "3" });
    const error = await errorOf(apiFetch("/api/users"));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ problem, retryAfterSeconds: 3, message: "slow down" });
  });

  it("turns an answer that is not a problem into http_error", async () => {
    answer(502, "<html>bad gateway</html>");
    const error = await errorOf(apiFetch("/api/me"));
    expect(error).toMatchObject({ problem: { status: 502, code: "http_error" } });
  });

  it("reads the body of an accepted non-2xx status", async () => {
    answer(503, JSON.stringify({ status: "fail", checks: {} }));
    await expect(apiFetch("/api/ready", { acceptStatuses: [503] })).resolves.toEqual({
      status: "fail",
      checks: {},
    });
  });
});
