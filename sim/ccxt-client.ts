import { Agent } from "node:http";
import ccxt from "ccxt";
import { type SimHandle, WS_API_PATH } from "./start-sim.js";

type BinancePro = InstanceType<typeof ccxt.pro.binance>;

/** Every REST url key ccxt's binance class knows; all point at the sim so nothing can reach the internet. */
const REST_KEYS_AT_API_V3 = ["public", "private"] as const;

/**
 * An unmodified ccxt.pro.binance wired to a running sim: REST at `<restUrl>/api/v3`, market streams
 * at `<wsUrl>/ws`, and the ws-api (used by ccxt 4.5 for the spot user data stream) at
 * `<wsUrl>/ws-api/v3`. Every other binance URL is redirected to an unserved sim path, so a call the
 * sim doesn't support fails with a 404 instead of going to the real exchange.
 */
export function createSimCcxtClient(
  handle: SimHandle,
  overrides: { options?: Record<string, unknown>; timeout?: number } = {},
): BinancePro {
  const exchange = new ccxt.pro.binance({
    apiKey: handle.apiKey,
    secret: handle.apiSecret,
    timeout: overrides.timeout ?? 10_000,
    options: {
      fetchMarkets: { types: ["spot"] },
      fetchCurrencies: false,
      // With credentials ccxt would also load margin pairs from sapi, which the sim doesn't serve.
      fetchMargins: false,
      ...overrides.options,
    },
  });
  // ccxt refuses plain ws:// urls until it has an http agent (normally via loadHttpProxyAgent()).
  exchange.httpAgent = new Agent({ keepAlive: true });
  const api = exchange.urls.api as Record<string, unknown>;
  for (const key of Object.keys(api)) {
    if (typeof api[key] === "string") api[key] = `${handle.restUrl}/unsupported/${key}`;
  }
  for (const key of REST_KEYS_AT_API_V3) api[key] = `${handle.restUrl}/api/v3`;
  api.v1 = `${handle.restUrl}/api/v1`;
  const ws: Record<string, unknown> = {};
  for (const key of Object.keys((api.ws as Record<string, unknown> | undefined) ?? {})) {
    ws[key] = `${handle.wsUrl}/unsupported/${key}`;
  }
  ws.spot = `${handle.wsUrl}/ws`;
  ws.margin = `${handle.wsUrl}/ws`;
  ws["ws-api"] = { spot: `${handle.wsUrl}${WS_API_PATH}` };
  api.ws = ws;
  return exchange;
}
