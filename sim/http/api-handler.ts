import type { IncomingMessage, ServerResponse } from "node:http";
import {
  checkMatchingEngineWindow,
  checkTimestamp,
  signatureMatches,
  signedPayload,
} from "../auth/signature.js";
import { ApiError, Errors } from "../errors.js";
import type { SimContext } from "../sim-context.js";
import { findRoute, type Route } from "./api-routes.js";
import { mergeParams, sendJson } from "./io.js";

export const API_PREFIX = "/api/v3/";
export const USED_WEIGHT_HEADER = "X-MBX-USED-WEIGHT-1M";

/** The endpoints the lookupFailure fault hits. */
const LOOKUP_ROUTES = new Set(["GET order", "GET openOrders", "GET allOrders"]);

export interface ApiHandlerDeps {
  ctx: SimContext;
  /** Timers for injected latency, cleared on shutdown. */
  timers: Set<NodeJS.Timeout>;
}

function authenticate(
  ctx: SimContext,
  req: IncomingMessage,
  route: Route,
  rawQuery: string,
  rawBody: string,
) {
  const header = req.headers["x-mbx-apikey"];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (!apiKey) throw Errors.apiKeyFormat();
  const account = ctx.accountsByKey.get(apiKey);
  const authFailure = ctx.faults.current.authFailure;
  if (!account || authFailure === "invalid_api_key") throw Errors.invalidApiKey();
  if (route.security === "SIGNED") {
    if (authFailure === "bad_signature") throw Errors.badSignature();
    const { payload, signature } = signedPayload(rawQuery, rawBody);
    if (!signature) throw Errors.mandatory("signature");
    if (!signatureMatches(payload, signature, account.apiSecret)) throw Errors.badSignature();
    const params = mergeParams(rawQuery, rawBody);
    checkTimestamp(params.timestamp, params.recvWindow, ctx.clock.now());
  }
  return account.id;
}

function sleep(ms: number, timers: Set<NodeJS.Timeout>): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      timers.delete(t);
      resolve();
    }, ms);
    timers.add(t);
  });
}

type Headers = Record<string, string>;

function rateLimited(res: ServerResponse, retryAfterSec: number, headers: Headers): void {
  sendJson(
    res,
    429,
    {
      code: -1003,
      msg: "Too many requests; current limit of IP(127.0.0.1) is 6000 requests per minute. Please use WebSocket Streams for live updates to avoid polling the API.",
    },
    { ...headers, "Retry-After": String(retryAfterSec) },
  );
}

function tooMuchWeight(res: ServerResponse, limit: number, retryAfterSec: number, headers: Headers): void {
  sendJson(
    res,
    429,
    {
      code: -1003,
      msg: `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
    },
    { ...headers, "Retry-After": String(retryAfterSec) },
  );
}

function serviceUnavailable(res: ServerResponse, headers: Headers): void {
  // A gateway-style answer without a JSON error code: the execution status is unknown to the client.
  res.writeHead(503, { ...headers, "Content-Type": "text/plain" });
  res.end("Service Unavailable");
}

function banned(res: ServerResponse, until: number, headers: Headers): void {
  const retryAfter = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  sendJson(
    res,
    418,
    {
      code: -1003,
      msg: `Way too many requests; IP(127.0.0.1) banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`,
    },
    { ...headers, "Retry-After": String(retryAfter) },
  );
}

/** Serves `/api/v3/*`, with the request-level faults applied around the real handler. */
export async function handleApi(
  deps: ApiHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rawBody: string,
): Promise<void> {
  const { ctx, timers } = deps;
  const method = req.method ?? "GET";
  const name = url.pathname.slice(API_PREFIX.length);
  const route = findRoute(method, name);
  if (!route) {
    const used = ctx.requestWeight.current(ctx.clock.now());
    sendJson(
      res,
      404,
      { code: -1000, msg: `Unknown endpoint ${method} ${url.pathname}` },
      { [USED_WEIGHT_HEADER]: String(used) },
    );
    return;
  }
  const rawQuery = url.search.startsWith("?") ? url.search.slice(1) : url.search;
  const params = mergeParams(rawQuery, rawBody);
  const weight = typeof route.weight === "number" ? route.weight : route.weight(params);
  const charge = ctx.requestWeight.charge(weight, ctx.clock.now());
  const headers: Headers = { [USED_WEIGHT_HEADER]: String(charge.usedWeight) };
  if (charge.retryAfterSec !== undefined) {
    tooMuchWeight(res, ctx.requestWeight.limit, charge.retryAfterSec, headers);
    return;
  }

  const faults = ctx.faults;
  const config = faults.current;
  if (faults.bannedUntil > Date.now()) {
    banned(res, faults.bannedUntil, headers);
    return;
  }

  const targeted = faults.targets(method, name, route.security === "SIGNED");
  if (targeted) {
    const delay = faults.latencyMs();
    if (delay > 0) await sleep(delay, timers);
    if (faults.roll("http429")) {
      rateLimited(res, config.retryAfterSec ?? 1, headers);
      return;
    }
    if (faults.roll("http418")) {
      faults.bannedUntil = Date.now() + (config.banMs ?? 2000);
      banned(res, faults.bannedUntil, headers);
      return;
    }
    if (faults.roll("http5xx")) {
      serviceUnavailable(res, headers);
      return;
    }
  }

  if (LOOKUP_ROUTES.has(`${method} ${name}`) && faults.roll("lookupFailure")) {
    if ((config.lookupFailureMode ?? "5xx") === "5xx") serviceUnavailable(res, headers);
    // "timeout": never answer; the socket is destroyed when the client gives up or the sim closes.
    return;
  }

  let status = 200;
  let body: unknown;
  try {
    const accountId = route.security === "NONE" ? "" : authenticate(ctx, req, route, rawQuery, rawBody);
    const executeAfterMs = targeted && method === "POST" && name === "order" ? config.executeAfterMs : 0;
    if (executeAfterMs) {
      await sleep(executeAfterMs, timers);
      checkMatchingEngineWindow(params.timestamp, params.recvWindow, ctx.clock.now());
    }
    body = route.handle(ctx, { params, accountId });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    status = err.httpStatus;
    body = err.toBody();
  }

  if (targeted && faults.roll("dropResponseAfterExecute")) {
    if ((config.dropMode ?? "reset") === "reset") req.socket.destroy();
    // "timeout": never answer; the socket is destroyed when the client gives up or the sim closes.
    return;
  }
  if (res.destroyed) return; // the client gave up while the request waited (executeAfterMs)
  sendJson(res, status, body, headers);
}
