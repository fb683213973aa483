import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { cancelOrder } from "@/lib/orders/cancel-order";

const params = z.object({ id: z.uuid("must be an order id") });

export const POST = defineRoute({
  access: "trader",
  idempotencyKey: true,
  params,
  handler: async ({ params, idempotencyKey, principal, request, requestId, ip }) =>
    idempotentResponse(
      await cancelOrder({
        principal,
        idempotencyKey,
        orderId: params.id,
        path: new URL(request.url).pathname,
        rawBody: null,
        requestId,
        ip,
      }),
    ),
});
