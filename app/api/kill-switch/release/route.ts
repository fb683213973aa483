import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { releaseBodySchema } from "@/lib/risk/kill-switch-wire-schema";
import { requestRelease } from "@/lib/risk/request-kill-switch-change";
import { appServices } from "@/lib/runtime/app-services";

/** 200 { killSwitch, halts }: released (no symbol: the global switch). Nothing is resumed. */
export const POST = defineRoute({
  access: "risk",
  idempotencyKey: true,
  body: releaseBodySchema,
  handler: async ({ body, keyedRequest, principal, requestId, ip }) =>
    idempotentResponse(
      await requestRelease({
        venue: appServices().venue,
        principal,
        request: keyedRequest,
        reason: body.reason,
        symbol: body.symbol,
        requestId,
        ip,
      }),
    ),
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
