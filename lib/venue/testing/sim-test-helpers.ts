import type { startSim } from "../../../sim/start-sim";
import type { CcxtVenue, CcxtVenueOptions } from "../ccxt/ccxt-venue";
import { createVenue } from "../create-venue";
import type { VenueConfigInput } from "../venue-config";

export type Sim = Awaited<ReturnType<typeof startSim>>;

export interface SimOrder {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  status: string;
}

export async function simControl(sim: Sim, method: "POST" | "DELETE" | "GET", path: string, body?: unknown) {
  const response = await fetch(`${sim.restUrl}/__sim/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`sim control ${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

export async function simOrders(sim: Sim): Promise<SimOrder[]> {
  const body = (await simControl(sim, "GET", "orders")) as SimOrder[] | { orders: SimOrder[] };
  return Array.isArray(body) ? body : body.orders;
}

/** A venue on the sim with small timeouts and backoff so fault tests stay fast. */
export function createSimVenue(
  sim: Sim,
  overrides: Partial<VenueConfigInput> = {},
  deps: Omit<CcxtVenueOptions, "config"> = {},
): CcxtVenue {
  return createVenue(
    {
      venue: "sim",
      exchangeId: "binance",
      apiKey: sim.apiKey,
      apiSecret: sim.apiSecret,
      sim: { restUrl: sim.restUrl, wsUrl: sim.wsUrl },
      timeoutMs: 1_500,
      retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 3 },
      breaker: {
        authFailureThreshold: 1,
        rateLimitFailureThreshold: 3,
        platformFailureThreshold: 5,
        openMs: 60_000,
      },
      ws: { reconnectBaseMs: 20, reconnectMaxMs: 200 },
      backpressureCooldownMs: 100,
      ...overrides,
    },
    deps,
  );
}

/** Collects from an async iterable in the background until `until` matches or the time runs out. */
export function collect<T>(
  iterable: AsyncIterable<T>,
  until: (item: T, all: T[]) => boolean,
  timeoutMs = 10_000,
) {
  const items: T[] = [];
  const done = (async () => {
    const deadline = Date.now() + timeoutMs;
    for await (const item of iterable) {
      items.push(item);
      if (until(item, items) || Date.now() > deadline) return items;
    }
    return items;
  })();
  const timeout = new Promise<T[]>((resolve) => setTimeout(() => resolve(items), timeoutMs).unref());
  return { items, done: Promise.race([done, timeout]) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
