import { z } from "zod";

/**
 * Wire contract of the orders API (`/api/orders`, `/api/orders/batch`, `/api/orders/:id`, its cancel),
 * shared by the server (its view types are inferred from it) and the browser. Decimals travel as
 * plain strings and times as ISO strings. Pure zod schemas, no I/O: safe to import from components.
 */
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const isoTime = z.iso.datetime();

export const orderStatusSchema = z.enum([
  "pending_new",
  "open",
  "partially_filled",
  "filled",
  "canceled",
  "rejected",
  "expired",
  "unknown",
]);
export const orderSideSchema = z.enum(["buy", "sell"]);
export const orderTypeSchema = z.enum(["limit", "market"]);
export const timeInForceSchema = z.enum(["GTC", "IOC", "FOK"]);

export const orderViewSchema = z.object({
  id: z.string(),
  clientOrderId: z.string(),
  symbol: z.string(),
  side: orderSideSchema,
  type: orderTypeSchema,
  timeInForce: timeInForceSchema.nullable(),
  quantity: decimal,
  price: decimal.nullable(),
  filledQuantity: decimal,
  averagePrice: decimal.nullable(),
  status: orderStatusSchema,
  rejectReason: z.string().nullable(),
  /** tally (ticket or API), webhook, or external: placed on our account by someone else, found by reconciliation. */
  origin: z.enum(["tally", "webhook", "external"]),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Who placed it: a signed-in user, an API token (scripts) or a webhook source; null for orders found at the venue. */
  createdByUserId: z.string().nullable(),
  createdByTokenId: z.string().nullable(),
  // Defaults for outcomes stored before webhook sources existed (replayed for up to a day).
  createdByWebhookSourceId: z.string().nullable().default(null),
});

/** Who placed an order, for display: a user by name, an API token by name and owner, or a webhook source. */
export const placedBySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), id: z.string(), name: z.string() }),
  z.object({ kind: z.literal("token"), id: z.string(), name: z.string(), owner: z.string() }),
  z.object({ kind: z.literal("webhook"), id: z.string(), name: z.string() }),
]);

/** A listed or detailed order: the view with who placed it. */
export const namedOrderViewSchema = orderViewSchema.extend({ placedBy: placedBySchema.nullable() });

export const fillViewSchema = z.object({
  id: z.string(),
  venueTradeId: z.string(),
  price: decimal,
  quantity: decimal,
  fee: decimal,
  feeAsset: z.string(),
  liquidity: z.string().nullable(),
  executedAt: isoTime,
});

export const orderEventViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  fromStatus: orderStatusSchema.nullable(),
  toStatus: orderStatusSchema.nullable(),
  data: z.unknown(),
  createdAt: isoTime,
});

export const orderDetailSchema = namedOrderViewSchema.extend({
  fills: z.array(fillViewSchema),
  events: z.array(orderEventViewSchema),
});

/** `GET /api/orders`: newest first, `nextCursor` null on the last page. */
export const orderListPageSchema = z.object({
  orders: z.array(namedOrderViewSchema),
  nextCursor: z.string().nullable(),
});

/** `GET /api/orders/:id`. */
export const orderDetailAnswerSchema = z.object({ order: orderDetailSchema });

/** A placed (201, 202) or canceled (200) order. */
export const orderAnswerSchema = z.object({ order: orderViewSchema });

/** `POST /api/orders/batch`: one result per leg, a rejected leg with its problem. */
export const batchAnswerSchema = z.object({
  results: z.array(
    z.object({
      status: z.union([z.literal(201), z.literal(202), z.literal(422)]),
      order: orderViewSchema,
      error: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

/** Extra fields of the orders API's problem bodies: order_rejected, order_not_cancelable and order_state_unknown carry the order. */
export const orderProblemExtraSchema = z.object({ order: orderViewSchema.optional() });

export type OrderStatus = z.infer<typeof orderStatusSchema>;
export type OrderSide = z.infer<typeof orderSideSchema>;
export type OrderType = z.infer<typeof orderTypeSchema>;
export type TimeInForce = z.infer<typeof timeInForceSchema>;
export type OrderView = z.infer<typeof orderViewSchema>;
export type PlacedBy = z.infer<typeof placedBySchema>;
export type NamedOrderView = z.infer<typeof namedOrderViewSchema>;
export type FillView = z.infer<typeof fillViewSchema>;
export type OrderEventView = z.infer<typeof orderEventViewSchema>;
export type OrderDetail = z.infer<typeof orderDetailSchema>;
export type OrderListPage = z.infer<typeof orderListPageSchema>;
export type OrderDetailAnswer = z.infer<typeof orderDetailAnswerSchema>;
export type OrderAnswer = z.infer<typeof orderAnswerSchema>;
export type OrderProblemExtra = z.infer<typeof orderProblemExtraSchema>;
