import { randomBytes } from "node:crypto";
import type { OrderLookup, PlaceOrderRequest } from "../engine/matching-engine.js";
import { isOpen } from "../engine/matching-engine.js";
import { lowerBound } from "../engine/sorted.js";
import type { OrderType, Side, TimeInForce } from "../engine/types.js";
import { formatUnits } from "../engine/units.js";
import { ApiError, Errors } from "../errors.js";
import type { SimContext } from "../sim-context.js";
import { decimal, integer, limitParam, oneOf, optional, type Params, required } from "./params.js";
import {
  accountJson,
  accountTradeJson,
  aggTradeJson,
  cancelJson,
  exchangeInfoJson,
  newOrderJson,
  type OrderRespType,
  orderJson,
  publicTradeJson,
} from "./serializers.js";

export type Security = "NONE" | "API_KEY" | "SIGNED";

export interface RouteRequest {
  params: Params;
  /** Set for API_KEY and SIGNED routes. */
  accountId: string;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below /api/v3/, also the endpoint name used by fault targeting. */
  name: string;
  security: Security;
  /** Binance's request weight, charged before the request runs (see sim/limits/request-weight.ts). */
  weight: number | ((params: Params) => number);
  handle(ctx: SimContext, req: RouteRequest): unknown;
}

const SIDES: readonly Side[] = ["BUY", "SELL"];
const TYPES: readonly OrderType[] = ["LIMIT", "LIMIT_MAKER", "MARKET"];
const TIFS: readonly TimeInForce[] = ["GTC", "IOC", "FOK"];
const RESP_TYPES: readonly OrderRespType[] = ["ACK", "RESULT", "FULL"];

function symbolParam(ctx: SimContext, params: Params): string {
  const symbol = required(params, "symbol");
  ctx.engine.spec(symbol);
  return symbol;
}

function generatedClientOrderId(): string {
  return randomBytes(16).toString("base64url").slice(0, 22);
}

function lookupParams(params: Params): OrderLookup {
  const orderId = integer(params, "orderId");
  const origClientOrderId = optional(params, "origClientOrderId");
  if (orderId === undefined && origClientOrderId === undefined) {
    throw new ApiError(
      -1102,
      "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
    );
  }
  return { orderId, origClientOrderId };
}

/** Parses and validates `POST /api/v3/order` parameters (shared with the foreign-order control). */
export function parseNewOrder(ctx: SimContext, params: Params): PlaceOrderRequest {
  const symbol = symbolParam(ctx, params);
  const side = oneOf(params, "side", SIDES, Errors.invalidSide);
  if (!side) throw Errors.mandatory("side");
  const type = oneOf(params, "type", TYPES, Errors.invalidType);
  if (!type) throw Errors.mandatory("type");
  const timeInForce = oneOf(params, "timeInForce", TIFS, Errors.invalidTif);
  const quantity = decimal(params, "quantity");
  const quoteOrderQty = decimal(params, "quoteOrderQty");
  const price = decimal(params, "price");
  if (type === "LIMIT" && timeInForce === undefined) throw Errors.mandatory("timeInForce");
  if (type !== "MARKET") {
    if (quantity === undefined) throw Errors.mandatory("quantity");
    if (price === undefined) throw Errors.mandatory("price");
  } else {
    if (quantity === undefined && quoteOrderQty === undefined) {
      throw new ApiError(
        -1102,
        "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!",
      );
    }
    if (quantity !== undefined && quoteOrderQty !== undefined) {
      throw new ApiError(-1106, "Parameter 'quoteOrderQty' sent when not required.");
    }
  }
  const clientOrderId = optional(params, "newClientOrderId") ?? generatedClientOrderId();
  if (clientOrderId.length > 36 || !/^[.A-Z:/a-z0-9_-]+$/.test(clientOrderId)) {
    throw new ApiError(
      -1100,
      "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.",
    );
  }
  return { symbol, side, type, timeInForce, quantity, quoteOrderQty, price, clientOrderId };
}

function bookSide(levels: Iterable<{ price: bigint; total: bigint }>): [string, string][] {
  const out: [string, string][] = [];
  for (const lvl of levels) out.push([formatUnits(lvl.price), formatUnits(lvl.total)]);
  return out;
}

const HOUR_MS = 60 * 60 * 1000;

/** startTime/endTime; Binance refuses a window longer than `maxHours` (24 on allOrders and myTrades, 1 on aggTrades). */
function timeWindow(params: Params, maxHours: number): { start?: number; end?: number } {
  const start = integer(params, "startTime");
  const end = integer(params, "endTime");
  if (start !== undefined && end !== undefined && end - start > maxHours * HOUR_MS) {
    throw new ApiError(-1127, `More than ${maxHours} hours between startTime and endTime.`);
  }
  return { start, end };
}

/**
 * A page of `items` (sorted by `id`) that `matches`: from the first with id >= `fromId` forward, or
 * without `fromId` the newest `limit` when `newest`, else the oldest.
 */
function historyPage<T>(
  items: readonly T[],
  fromId: number | undefined,
  id: (item: T) => number,
  matches: (item: T) => boolean,
  limit: number,
  newest: boolean,
): T[] {
  const page: T[] = [];
  if (fromId === undefined && newest) {
    for (let i = items.length - 1; i >= 0 && page.length < limit; i--) {
      const item = items[i] as T;
      if (matches(item)) page.push(item);
    }
    return page.reverse();
  }
  for (let i = fromId === undefined ? 0 : lowerBound(items, fromId, id); i < items.length; i++) {
    const item = items[i] as T;
    if (matches(item)) page.push(item);
    if (page.length === limit) break;
  }
  return page;
}

/** GET depth weighs by its limit (default 100). */
function depthWeight(params: Params): number {
  const limit = Number(params.limit ?? 100);
  if (limit <= 100) return 5;
  if (limit <= 500) return 25;
  if (limit <= 1000) return 50;
  return 250;
}

export const ROUTES: readonly Route[] = [
  { method: "GET", name: "ping", security: "NONE", weight: 1, handle: () => ({}) },
  {
    method: "GET",
    name: "time",
    security: "NONE",
    weight: 1,
    handle: (ctx) => ({ serverTime: ctx.clock.now() }),
  },
  {
    method: "GET",
    name: "exchangeInfo",
    security: "NONE",
    weight: 20,
    handle: (ctx) => exchangeInfoJson(ctx.clock.now(), ctx.requestWeight.limit),
  },
  {
    method: "GET",
    name: "depth",
    security: "NONE",
    weight: depthWeight,
    handle: (ctx, { params }) => {
      const symbol = symbolParam(ctx, params);
      const limit = limitParam(params, 100, 5000);
      const book = ctx.engine.book(symbol);
      return {
        lastUpdateId: book.updateId,
        bids: bookSide(book.levels("BUY", limit)),
        asks: bookSide(book.levels("SELL", limit)),
      };
    },
  },
  {
    method: "GET",
    name: "trades",
    security: "NONE",
    weight: 25,
    handle: (ctx, { params }) => {
      const symbol = symbolParam(ctx, params);
      const limit = limitParam(params, 500, 1000);
      return ctx.engine.recentTrades(symbol).slice(-limit).map(publicTradeJson);
    },
  },
  {
    method: "GET",
    name: "aggTrades",
    security: "NONE",
    weight: 4,
    handle: (ctx, { params }) => {
      const symbol = symbolParam(ctx, params);
      const limit = limitParam(params, 500, 1000);
      const fromId = integer(params, "fromId");
      const { start, end } = timeWindow(params, 1);
      let trades = ctx.engine
        .recentTrades(symbol)
        .filter(
          (t) =>
            (fromId === undefined || t.id >= fromId) &&
            (start === undefined || t.time >= start) &&
            (end === undefined || t.time <= end),
        );
      trades = fromId === undefined && start === undefined ? trades.slice(-limit) : trades.slice(0, limit);
      return trades.map(aggTradeJson);
    },
  },
  {
    method: "GET",
    name: "ticker/bookTicker",
    security: "NONE",
    weight: 2,
    handle: (ctx, { params }) => {
      const symbol = symbolParam(ctx, params);
      const book = ctx.engine.book(symbol);
      const bid = book.best("BUY");
      const ask = book.best("SELL");
      return {
        symbol,
        bidPrice: formatUnits(bid?.price ?? 0n),
        bidQty: formatUnits(bid?.total ?? 0n),
        askPrice: formatUnits(ask?.price ?? 0n),
        askQty: formatUnits(ask?.total ?? 0n),
      };
    },
  },
  {
    method: "GET",
    name: "ticker/price",
    security: "NONE",
    weight: 2,
    handle: (ctx, { params }) => {
      const symbol = symbolParam(ctx, params);
      return { symbol, price: formatUnits(ctx.engine.referencePrice(symbol)) };
    },
  },

  // ------------------------------------------------------------ signed
  {
    method: "POST",
    name: "order",
    security: "SIGNED",
    weight: 1,
    handle: (ctx, { params, accountId }) => {
      const req = parseNewOrder(ctx, params);
      const respType = oneOf(
        params,
        "newOrderRespType",
        RESP_TYPES,
        () => new ApiError(-1100, "Illegal characters found in parameter 'newOrderRespType'."),
      );
      const { order, fills } = ctx.engine.placeOrder(accountId, req, {
        deferMs: ctx.faults.current.fillDelayMs,
      });
      return newOrderJson(order, fills, respType ?? "FULL");
    },
  },
  {
    method: "POST",
    name: "order/test",
    security: "SIGNED",
    weight: (params) => (params.computeCommissionRates === "true" ? 20 : 1),
    handle: (ctx, { params }) => {
      parseNewOrder(ctx, params);
      return {};
    },
  },
  {
    method: "GET",
    name: "order",
    security: "SIGNED",
    weight: 4,
    handle: (ctx, { params, accountId }) => {
      const symbol = symbolParam(ctx, params);
      return orderJson(ctx.engine.getOrder(accountId, symbol, lookupParams(params)));
    },
  },
  {
    method: "DELETE",
    name: "order",
    security: "SIGNED",
    weight: 1,
    handle: (ctx, { params, accountId }) => {
      const symbol = symbolParam(ctx, params);
      const cancelId = optional(params, "newClientOrderId") ?? generatedClientOrderId();
      const order = ctx.engine.cancelOrder(accountId, symbol, lookupParams(params), cancelId);
      return cancelJson(order, ctx.clock.now());
    },
  },
  {
    method: "GET",
    name: "openOrders",
    security: "SIGNED",
    weight: (params) => (optional(params, "symbol") === undefined ? 80 : 6),
    handle: (ctx, { params, accountId }) => {
      const symbol = optional(params, "symbol");
      if (symbol !== undefined) ctx.engine.spec(symbol);
      return ctx.engine
        .accountOrders(accountId)
        .filter((o) => isOpen(o) && (symbol === undefined || o.symbol === symbol))
        .map(orderJson);
    },
  },
  {
    method: "DELETE",
    name: "openOrders",
    security: "SIGNED",
    weight: 1,
    handle: (ctx, { params, accountId }) => {
      const symbol = symbolParam(ctx, params);
      const cancelId = optional(params, "newClientOrderId");
      const cancelled = ctx.engine.cancelAllOpen(accountId, symbol, cancelId ?? undefined);
      if (cancelled.length === 0) throw Errors.unknownOrderCancel();
      const now = ctx.clock.now();
      return cancelled.map((o) => cancelJson(o, now));
    },
  },
  {
    method: "GET",
    name: "allOrders",
    security: "SIGNED",
    weight: 20,
    handle: (ctx, { params, accountId }) => {
      const symbol = symbolParam(ctx, params);
      const limit = limitParam(params, 500, 1000);
      const fromOrderId = integer(params, "orderId");
      const { start, end } = timeWindow(params, 24);
      const page = historyPage(
        ctx.engine.symbolOrders(accountId, symbol),
        fromOrderId,
        (o) => o.orderId,
        (o) => (start === undefined || o.time >= start) && (end === undefined || o.time <= end),
        limit,
        start === undefined,
      );
      return page.map(orderJson);
    },
  },
  {
    method: "GET",
    name: "myTrades",
    security: "SIGNED",
    weight: (params) => (optional(params, "orderId") === undefined ? 20 : 5),
    handle: (ctx, { params, accountId }) => {
      const symbol = symbolParam(ctx, params);
      const limit = limitParam(params, 500, 1000);
      const fromId = integer(params, "fromId");
      const orderId = integer(params, "orderId");
      const { start, end } = timeWindow(params, 24);
      if (fromId !== undefined && (start !== undefined || end !== undefined)) {
        throw new ApiError(-1128, "Combination of optional parameters invalid.");
      }
      const page = historyPage(
        ctx.engine.symbolTrades(accountId, symbol),
        fromId,
        (t) => t.tradeId,
        (t) =>
          (orderId === undefined || t.orderId === orderId) &&
          (start === undefined || t.time >= start) &&
          (end === undefined || t.time <= end),
        limit,
        start === undefined,
      );
      return page.map(accountTradeJson);
    },
  },
  {
    method: "GET",
    name: "account",
    security: "SIGNED",
    weight: 20,
    handle: (ctx, { params, accountId }) => {
      const account = ctx.engine.accounts.get(accountId);
      if (!account) throw Errors.invalidApiKey();
      return accountJson(account, optional(params, "omitZeroBalances") === "true");
    },
  },

  // ------------------------------------------------------------ listenKey user data stream
  {
    method: "POST",
    name: "userDataStream",
    security: "API_KEY",
    weight: 2,
    handle: (ctx, { accountId }) => ({ listenKey: ctx.listenKeys.create(accountId, ctx.clock.now()) }),
  },
  {
    method: "PUT",
    name: "userDataStream",
    security: "API_KEY",
    weight: 2,
    handle: (ctx, { params, accountId }) => {
      if (!ctx.listenKeys.keepAlive(required(params, "listenKey"), accountId, ctx.clock.now())) {
        throw new ApiError(-1125, "This listenKey does not exist.");
      }
      return {};
    },
  },
  {
    method: "DELETE",
    name: "userDataStream",
    security: "API_KEY",
    weight: 2,
    handle: (ctx, { params, accountId }) => {
      if (!ctx.listenKeys.remove(required(params, "listenKey"), accountId)) {
        throw new ApiError(-1125, "This listenKey does not exist.");
      }
      return {};
    },
  },
];

export function findRoute(method: string, name: string): Route | undefined {
  return ROUTES.find((r) => r.method === method && r.name === name);
}
