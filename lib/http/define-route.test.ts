import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "../errors/domain-error";
import { defineRoute } from "./define-route";
import { MAX_BODY_BYTES } from "./read-json-body";

const call = (
  handler: ReturnType<typeof defineRoute>,
  init: RequestInit & { headers?: Record<string, string> } = {},
) =>
  handler(
    new Request("http://tally.test/api/x", { ...init, headers: { host: "tally.test", ...init.headers } }),
    {
      params: Promise.resolve({}),
    },
  );

describe("defineRoute", () => {
  it("hides unexpected errors behind a generic 500 that carries the request id", async () => {
    const route = defineRoute({
      access: "public",
      handler: async () => {
        throw new Error("secret connection string postgres://u:p@h/db");
      },
    });
    const response = await call(route, { headers: { "x-request-id": "req-123" } });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("x-request-id")).toBe("req-123");
    const text = await response.text();
    expect(text).not.toContain("postgres://");
    expect(text).not.toMatch(/\bat\s+\S+:\d+/);
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: "internal_error", requestId: "req-123" });
  });

  it("maps domain errors to their status, code and Retry-After", async () => {
    const route = defineRoute({
      access: "public",
      handler: async () => {
        throw new DomainError({
          kind: "locked",
          code: "kill_switch_engaged",
          detail: "halted",
          retryAfterSeconds: 5,
        });
      },
    });
    const response = await call(route);
    expect(response.status).toBe(423);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({
      code: "kill_switch_engaged",
      detail: "halted",
      title: "Locked",
    });
  });

  it("replaces an unsafe incoming request id with a fresh one", async () => {
    const route = defineRoute({ access: "public", handler: async () => ({ body: {} }) });
    const response = await call(route, { headers: { "x-request-id": "<script>" } });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  const echo = defineRoute({
    access: "public",
    body: z.object({ n: z.number() }),
    handler: async ({ body }) => ({ status: 201, body }),
  });

  it("parses and validates JSON bodies", async () => {
    const ok = await call(echo, {
      method: "POST",
      body: '{"n":1}',
      headers: { "content-type": "application/json" },
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ n: 1 });
    const bad = await call(echo, {
      method: "POST",
      body: '{"n":"1"}',
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ field: "n", message: expect.any(String) }]);
  });

  it("refuses bodies over 64 KiB with 413, even without a Content-Length", async () => {
    const big = JSON.stringify({ n: 1, pad: "x".repeat(MAX_BODY_BYTES) });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await call(echo, {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit & { headers: Record<string, string> });
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe("payload_too_large");
  });

  it("refuses non-JSON bodies with 415", async () => {
    const response = await call(echo, {
      method: "POST",
      body: "n=1",
      headers: { "content-type": "text/plain" },
    });
    expect(response.status).toBe(415);
  });
});
