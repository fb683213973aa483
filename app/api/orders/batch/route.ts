import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { batchInputSchema } from "@/lib/orders/order-input-schema";
import { placeOrderBatch } from "@/lib/orders/place-order-batch";
import { appServices } from "@/lib/runtime/app-services";

export const POST = defineRoute({
  access: "trader",
  idempotencyKey: true,
  body: batchInputSchema,
  handler: async ({ body, keyedRequest, principal, requestId, ip }) =>
    idempotentResponse(
      await placeOrderBatch({
        venue: appServices().venue,
        gate: appServices().reconciliationGate,
        midSource: appServices().midSource,
        principal,
        request: keyedRequest,
        orders: body.orders,
        requestId,
        ip,
      }),
    ),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
