import { Agent } from "node:http";
import ccxt, { type Exchange } from "ccxt";
import { VenueConfigError } from "../port/venue-errors";
import type { VenueConfig } from "../venue-config";
import { attachResponseContext } from "./ccxt-error-context";

type ExchangeConstructor = new (config: Record<string, unknown>) => Exchange;

/** Builds the ccxt.pro client for a config. ccxt's rate limiter is off: ours replaces it. */
export function createCcxtExchange(options: { config: VenueConfig }): Exchange {
  const { config } = options;
  const ExchangeClass = (ccxt.pro as unknown as Record<string, ExchangeConstructor | undefined>)[
    config.exchangeId
  ];
  if (typeof ExchangeClass !== "function") {
    throw new VenueConfigError(`unknown exchange id "${config.exchangeId}" (no ccxt.pro class)`);
  }
  const exchange = new ExchangeClass({
    apiKey: config.apiKey,
    secret: config.apiSecret,
    enableRateLimit: false,
    timeout: config.timeoutMs,
    options: {
      recvWindow: config.recvWindowMs,
      defaultType: "spot",
      fetchMarkets: { types: ["spot"] },
      fetchCurrencies: false,
      fetchMargins: false,
      warnOnFetchOpenOrdersWithoutSymbol: false,
    },
  });
  if (config.sim) {
    pointAtSimulator({ exchange, restUrl: config.sim.restUrl, wsUrl: config.sim.wsUrl });
    // ccxt refuses plain ws:// URLs unless an http agent is set.
    (exchange as unknown as { httpAgent: Agent }).httpAgent = new Agent({ keepAlive: true });
  } else if (config.sandbox) {
    exchange.setSandboxMode(true);
  }
  captureResponseContext(exchange);
  return exchange;
}

/**
 * REST at <rest>/api/v3, market streams at <ws>/ws, ws-api (ccxt's spot user data stream) at
 * <ws>/ws-api/v3. Every other Binance URL points at an unserved sim path, so nothing the simulator
 * does not support can reach the real exchange.
 */
function pointAtSimulator(options: { exchange: Exchange; restUrl: string; wsUrl: string }): void {
  const rest = options.restUrl.replace(/\/$/, "");
  const ws = options.wsUrl.replace(/\/$/, "");
  const api = (options.exchange.urls as { api: Record<string, unknown> }).api;
  for (const key of Object.keys(api)) {
    if (typeof api[key] === "string") api[key] = `${rest}/unsupported/${key}`;
  }
  api.public = `${rest}/api/v3`;
  api.private = `${rest}/api/v3`;
  api.v1 = `${rest}/api/v1`;
  const wsUrls: Record<string, unknown> = {};
  for (const key of Object.keys((api.ws as Record<string, unknown> | undefined) ?? {})) {
    wsUrls[key] = `${ws}/unsupported/${key}`;
  }
  wsUrls.spot = `${ws}/ws`;
  wsUrls.margin = `${ws}/ws`;
  wsUrls["ws-api"] = { spot: `${ws}/ws-api/v3` };
  api.ws = wsUrls;
}

/**
 * ccxt's exceptions lose the HTTP status, headers (Retry-After) and sometimes the venue code.
 * Hooking the instance's response handling attaches them to the thrown error, per request,
 * without relying on the shared (racy) last_response_headers.
 */
function captureResponseContext(exchange: Exchange): void {
  type Hooked = {
    handleErrors: (...args: unknown[]) => unknown;
    handleRestResponse: (...args: unknown[]) => unknown;
    getResponseHeaders: (response: unknown) => Record<string, string>;
  };
  const target = exchange as unknown as Hooked;
  const originalHandleErrors = target.handleErrors.bind(exchange);
  target.handleErrors = (...args: unknown[]) => {
    try {
      return originalHandleErrors(...args);
    } catch (error) {
      const [status, , , , headers, , parsed] = args as [
        number,
        string,
        string,
        string,
        Record<string, string>,
        string,
        unknown,
      ];
      const body = (typeof parsed === "object" && parsed !== null ? parsed : {}) as {
        code?: unknown;
        msg?: unknown;
      };
      attachResponseContext(error, {
        httpStatus: status,
        headers,
        venueCode: typeof body.code === "number" ? body.code : undefined,
        venueMessage: typeof body.msg === "string" ? body.msg : undefined,
      });
      throw error;
    }
  };
  const originalHandleRestResponse = target.handleRestResponse.bind(exchange);
  target.handleRestResponse = (...args: unknown[]) => {
    const response = args[0] as { status?: number };
    return Promise.resolve(originalHandleRestResponse(...args)).catch((error: unknown) => {
      attachResponseContext(error, {
        httpStatus: response.status,
        headers: safeHeaders(target, response),
      });
      throw error;
    });
  };
}

function safeHeaders(
  target: { getResponseHeaders: (response: unknown) => Record<string, string> },
  response: unknown,
): Record<string, string> | undefined {
  try {
    return target.getResponseHeaders(response);
  } catch {
    return undefined;
  }
}
