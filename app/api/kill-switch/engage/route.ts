import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { engageBodySchema } from "@/lib/risk/kill-switch-wire-schema";
import { requestEngage } from "@/lib/risk/request-kill-switch-change";
import { appServices } from "@/lib/runtime/app-services";

/**
 * 200 { killSwitch, halts, cancel }: engaged (no symbol: the global switch), answered once nothing
 * sent before can still reach the venue and the cancels asked for were sent.
 */
export const POST = defineRoute({
  access: "trader",
  idempotencyKey: true,
  body: engageBodySchema,
  handler: async ({ body, keyedRequest, principal, requestId, ip }) =>
    idempotentResponse(
      await requestEngage({
        venue: appServices().venue,
        principal,
        request: keyedRequest,
        reason: body.reason,
        symbol: body.symbol,
        cancelOpenOrders: body.cancelOpenOrders,
        requestId,
        ip,
      }),
    ),
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
