import { hmacSha256Hex } from "../auth/signature.js";
import type { SimHandle } from "../start-sim.js";

/** Calls a /__sim control endpoint and returns status + parsed JSON. */
export async function control<T = unknown>(
  sim: SimHandle,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.restUrl}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export interface SimOrderJson {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  side: string;
  type: string;
  price: string;
  origQty: string;
  executedQty: string;
  status: string;
  time: number;
}

export async function simOrders(sim: SimHandle): Promise<SimOrderJson[]> {
  return (await control<SimOrderJson[]>(sim, "GET", "/orders")).body;
}

/** A raw signed REST call, for asserting exact HTTP statuses, headers and error bodies. */
export async function signedRequest(
  sim: SimHandle,
  method: "GET" | "POST" | "DELETE",
  path: string,
  params: Record<string, string>,
  opts: { apiKey?: string | null; secret?: string; timestamp?: number } = {},
): Promise<Response> {
  const query = new URLSearchParams({
    ...params,
    timestamp: String(opts.timestamp ?? Date.now()),
  }).toString();
  const signature = hmacSha256Hex(query, opts.secret ?? sim.apiSecret);
  const headers: Record<string, string> = {};
  const apiKey = opts.apiKey === undefined ? sim.apiKey : opts.apiKey;
  if (apiKey !== null) headers["X-MBX-APIKEY"] = apiKey;
  const signed = `${query}&signature=${signature}`;
  if (method === "POST") {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    return fetch(`${sim.restUrl}/api/v3/${path}`, { method, headers, body: signed });
  }
  return fetch(`${sim.restUrl}/api/v3/${path}?${signed}`, { method, headers });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(25);
  }
}
