import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { cancelOrder } from "@/lib/orders/cancel-order";
import { appServices } from "@/lib/runtime/app-services";

const params = z.object({ id: z.uuid("must be an order id") });

export const POST = defineRoute({
  access: "trader",
  idempotencyKey: true,
  params,
  handler: async ({ params, keyedRequest, principal, requestId, ip }) =>
    idempotentResponse(
      await cancelOrder({
        venue: appServices().venue,
        principal,
        request: keyedRequest,
        orderId: params.id,
        requestId,
        ip,
      }),
    ),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
