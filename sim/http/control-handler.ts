import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { z } from "zod";
import { defaultClientOrderIdPrefix, planFilledHistory } from "../engine/history-seed.js";
import { isOpen } from "../engine/matching-engine.js";
import type { AccountOrder } from "../engine/types.js";
import { parseUnits } from "../engine/units.js";
import { ApiError } from "../errors.js";
import { describeZodError, faultConfigSchema } from "../faults/fault-config.js";
import { MAX_DIFFS_PER_SECOND } from "../market/synthetic-market.js";
import type { SimContext } from "../sim-context.js";
import { parseNewOrder } from "./api-routes.js";
import { sendJson } from "./io.js";
import { accountTradeJson, balancesJson, orderJson } from "./serializers.js";

export const CONTROL_PREFIX = "/__sim";

const decimalText = z.union([z.string(), z.number()]).transform((v) => String(v));

const foreignOrderSchema = z
  .object({
    symbol: z.string(),
    side: z.enum(["BUY", "SELL"]),
    type: z.enum(["LIMIT", "LIMIT_MAKER", "MARKET"]).default("LIMIT"),
    timeInForce: z.enum(["GTC", "IOC", "FOK"]).optional(),
    quantity: decimalText.optional(),
    quoteOrderQty: decimalText.optional(),
    price: decimalText.optional(),
    clientOrderId: z.string().optional(),
  })
  .strict();

const venueCancelSchema = z
  .object({
    symbol: z.string().optional(),
    orderId: z.number().int().optional(),
    clientOrderId: z.string().optional(),
    status: z.enum(["CANCELED", "EXPIRED"]).default("EXPIRED"),
  })
  .strict();

const syntheticOrderSchema = z
  .object({
    symbol: z.string(),
    side: z.enum(["BUY", "SELL"]),
    quantity: decimalText,
    /** Omit for a market order. */
    price: decimalText.optional(),
  })
  .strict();

const marketSchema = z
  .object({
    running: z.boolean().optional(),
    diffsPerSecond: z.number().int().min(0).max(MAX_DIFFS_PER_SECOND).optional(),
  })
  .strict();

const limitsSchema = z
  .object({ requestWeightPerMinute: z.number().int().min(1).max(1_000_000_000) })
  .strict();

const balanceSchema = z
  .object({
    asset: z.string().regex(/^[A-Z0-9]{1,20}$/, "asset: an asset code such as USDT"),
    delta: z.string().regex(/^-?\d{1,20}(\.\d{1,8})?$/, "delta: a decimal string, at most 8 places"),
  })
  .strict();

const seedHistorySchema = z
  .object({
    symbol: z.string(),
    orders: z.number().int().min(1).max(1_000_000),
    fillsPerOrder: z.number().int().min(1).max(100),
    startTime: z.number().int().min(0).optional(),
    spacingMs: z.number().int().min(1).max(86_400_000).optional(),
    clientOrderIdPrefix: z
      .string()
      .regex(/^[.A-Z:/a-z0-9_-]{1,28}$/, "clientOrderIdPrefix: 1-28 of [.A-Z:/a-z0-9_-]")
      .optional(),
  })
  .strict();

function parseJson<T>(schema: z.ZodType<T>, rawBody: string): T {
  let data: unknown;
  try {
    data = rawBody.trim() === "" ? {} : JSON.parse(rawBody);
  } catch {
    throw new ApiError(-1, "Body is not valid JSON.");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError(-1, describeZodError(parsed.error));
  return parsed.data;
}

function units(text: string, field: string): bigint {
  const v = parseUnits(text);
  if (v === null || v === 0n) throw new ApiError(-1, `${field}: not a positive decimal`);
  return v;
}

function handleFaults(ctx: SimContext, method: string, rawBody: string): unknown {
  if (method === "POST") ctx.faults.set(parseJson(faultConfigSchema, rawBody));
  else if (method === "DELETE") ctx.faults.clear();
  return ctx.faults.current;
}

function foreignOrder(ctx: SimContext, rawBody: string) {
  const body = parseJson(foreignOrderSchema, rawBody);
  const params: Record<string, string> = {
    symbol: body.symbol,
    side: body.side,
    type: body.type,
    newClientOrderId: body.clientOrderId ?? `web_${randomBytes(12).toString("hex")}`,
  };
  if (body.type === "LIMIT") params.timeInForce = body.timeInForce ?? "GTC";
  if (body.quantity !== undefined) params.quantity = body.quantity;
  if (body.quoteOrderQty !== undefined) params.quoteOrderQty = body.quoteOrderQty;
  if (body.price !== undefined) params.price = body.price;
  const { order } = ctx.engine.placeOrder(ctx.account.id, parseNewOrder(ctx, params));
  return orderJson(order);
}

function venueCancel(ctx: SimContext, rawBody: string) {
  const body = parseJson(venueCancelSchema, rawBody);
  let targets: AccountOrder[] = ctx.engine
    .accountOrders(ctx.account.id)
    .filter((o) => isOpen(o) && (body.symbol === undefined || o.symbol === body.symbol));
  if (body.orderId !== undefined) targets = targets.filter((o) => o.orderId === body.orderId);
  if (body.clientOrderId !== undefined)
    targets = targets.filter((o) => o.clientOrderId === body.clientOrderId);
  if ((body.orderId !== undefined || body.clientOrderId !== undefined) && targets.length === 0) {
    throw new ApiError(-2011, "Unknown order sent.");
  }
  for (const o of targets) ctx.engine.venueCancel(o, body.status);
  return targets.map(orderJson);
}

function moveBalance(ctx: SimContext, rawBody: string) {
  const body = parseJson(balanceSchema, rawBody);
  const negative = body.delta.startsWith("-");
  const amount = parseUnits(negative ? body.delta.slice(1) : body.delta);
  if (amount === null || amount === 0n) throw new ApiError(-1, "delta: not a non-zero decimal");
  ctx.engine.moveBalance(ctx.account.id, body.asset, negative ? -amount : amount);
  return balancesJson(ctx.account, false).find((b) => b.asset === body.asset);
}

function seedHistory(ctx: SimContext, rawBody: string) {
  const req = parseJson(seedHistorySchema, rawBody);
  const spec = ctx.engine.spec(req.symbol);
  const prefix = req.clientOrderIdPrefix ?? defaultClientOrderIdPrefix(req.symbol);
  if (`${prefix}${req.orders}`.length > 36)
    throw new ApiError(-1, "client order ids would pass 36 characters");
  const plans = planFilledHistory(spec, ctx.engine.referencePrice(req.symbol), req, ctx.clock.now());
  const ids = ctx.engine.recordFilledOrders(ctx.account.id, req.symbol, plans);
  return {
    orders: plans.length,
    fills: plans.length * req.fillsPerOrder,
    ...ids,
    clientOrderIdPrefix: prefix,
    startTime: plans[0]?.time,
    endTime: plans.at(-1)?.time,
  };
}

function syntheticOrder(ctx: SimContext, rawBody: string) {
  const body = parseJson(syntheticOrderSchema, rawBody);
  ctx.engine.spec(body.symbol);
  const price = body.price === undefined ? null : units(body.price, "price");
  const orderId = ctx.engine.placeSynthetic(body.symbol, body.side, units(body.quantity, "quantity"), price);
  return { orderId, resting: ctx.engine.isSyntheticResting(orderId) };
}

/** Loopback-only test/ops endpoints under /__sim. */
export function handleControl(
  ctx: SimContext,
  method: string,
  url: URL,
  rawBody: string,
  res: ServerResponse,
): void {
  const path = url.pathname.slice(CONTROL_PREFIX.length);
  const route = `${method} ${path}`;
  let body: unknown;
  try {
    switch (route) {
      case "GET /faults":
      case "POST /faults":
      case "DELETE /faults":
        body = handleFaults(ctx, method, rawBody);
        break;
      case "GET /orders":
        body = ctx.engine
          .accountOrders(ctx.account.id)
          .sort((a, b) => a.orderId - b.orderId)
          .map(orderJson);
        break;
      case "GET /trades":
        body = ctx.engine.accountTrades.filter((t) => t.accountId === ctx.account.id).map(accountTradeJson);
        break;
      case "GET /balances":
        body = balancesJson(ctx.account, false);
        break;
      case "POST /balance":
        body = moveBalance(ctx, rawBody);
        break;
      case "POST /seed-history":
        body = seedHistory(ctx, rawBody);
        break;
      case "POST /reset":
        ctx.engine.resetAccount(ctx.account.id);
        ctx.faults.clear();
        body = { ok: true };
        break;
      case "POST /foreign-order":
        body = foreignOrder(ctx, rawBody);
        break;
      case "POST /venue-cancel":
        body = venueCancel(ctx, rawBody);
        break;
      case "GET /market":
        body = { running: ctx.market.running, diffsPerSecond: ctx.market.diffsPerSecond };
        break;
      case "POST /market":
        ctx.market.configure(parseJson(marketSchema, rawBody));
        body = { running: ctx.market.running, diffsPerSecond: ctx.market.diffsPerSecond };
        break;
      case "GET /limits":
        body = ctx.requestWeight.counters(ctx.clock.now());
        break;
      case "POST /limits":
        ctx.requestWeight.limit = parseJson(limitsSchema, rawBody).requestWeightPerMinute;
        body = ctx.requestWeight.counters(ctx.clock.now());
        break;
      case "POST /limits/reset-counters":
        ctx.requestWeight.resetCounters();
        body = ctx.requestWeight.counters(ctx.clock.now());
        break;
      case "POST /synthetic-order":
        body = syntheticOrder(ctx, rawBody);
        break;
      default:
        sendJson(res, 404, { error: `unknown control endpoint ${route}` });
        return;
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    sendJson(res, 400, { error: err.msg, code: err.code });
    return;
  }
  sendJson(res, 200, body);
}
