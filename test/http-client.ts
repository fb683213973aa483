import type { NextRouteHandler } from "../lib/http/define-route";

export const TEST_ORIGIN = "http://tally.test";

type CallOptions = {
  method?: string;
  path?: string;
  params?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Uint8Array<ArrayBuffer>;
  cookie?: string;
  token?: string;
  ip?: string;
};

/**
 * Calls a route handler exactly as Next.js does (a Request plus a params promise), with the headers the
 * Tally server adds in front of it (Host and the client address).
 */
export async function callRoute(handler: NextRouteHandler, options: CallOptions = {}) {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    host: "tally.test",
    "x-tally-client-ip": options.ip ?? "127.0.0.1",
    ...(options.json !== undefined && method !== "GET" ? { "content-type": "application/json" } : {}),
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };
  const hasBody = method !== "GET" && method !== "HEAD";
  const body = !hasBody
    ? undefined
    : options.json !== undefined
      ? JSON.stringify(options.json)
      : options.body;
  const request = new Request(`${TEST_ORIGIN}${options.path ?? "/api/test"}`, { method, headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, unknown> };
}
