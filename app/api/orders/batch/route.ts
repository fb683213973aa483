import { defineRoute } from "@/lib/http/define-route";
import { toIdempotentResponse } from "@/lib/idempotency/to-idempotent-response";
import { batchInputSchema } from "@/lib/orders/order-input-schema";
import { placeOrderBatch } from "@/lib/orders/place-order-batch";

export const POST = defineRoute({
  access: "trader",
  idempotencyKey: true,
  body: batchInputSchema,
  handler: async ({ body, rawBody, idempotencyKey, principal, request, requestId, ip }) =>
    toIdempotentResponse(
      await placeOrderBatch({
        principal,
        idempotencyKey,
        path: new URL(request.url).pathname,
        rawBody,
        orders: body.orders,
        requestId,
        ip,
      }),
    ),
});
