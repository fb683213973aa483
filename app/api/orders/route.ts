import { z } from "zod";
import { OrderStatus } from "@/lib/db/generated/prisma/enums";
import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { listOrders } from "@/lib/orders/list-orders";
import { orderInputSchema } from "@/lib/orders/order-input-schema";
import { placeOrder } from "@/lib/orders/place-order";
import { appServices } from "@/lib/runtime/app-services";

const STATUSES = Object.values(OrderStatus);

const query = z.object({
  status: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    )
    .pipe(
      z
        .array(z.enum(OrderStatus, { error: `status must be a comma list of ${STATUSES.join(", ")}` }))
        .optional(),
    ),
  symbol: z.string().min(1).max(40).optional(),
  side: z.enum(["buy", "sell"]).optional(),
  origin: z
    .enum(["tally", "webhook", "external"], { error: 'origin must be "tally", "webhook" or "external"' })
    .optional(),
  from: z.iso.datetime({ offset: true, error: "from must be an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "to must be an ISO date-time" }).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = defineRoute({
  access: "viewer",
  query,
  handler: async ({ query }) => ({
    body: await listOrders({
      statuses: query.status,
      symbol: query.symbol,
      side: query.side,
      origin: query.origin,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      cursor: query.cursor,
      limit: query.limit,
    }),
  }),
});

export const POST = defineRoute({
  access: "trader",
  idempotencyKey: true,
  body: orderInputSchema,
  handler: async ({ body, keyedRequest, principal, requestId, ip }) =>
    idempotentResponse(
      await placeOrder({
        venue: appServices().venue,
        gate: appServices().reconciliationGate,
        midSource: appServices().midSource,
        principal,
        request: keyedRequest,
        order: body,
        requestId,
        ip,
      }),
    ),
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
