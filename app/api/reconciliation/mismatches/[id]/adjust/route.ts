import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { adjustMismatch } from "@/lib/reconciliation/actions/adjust-mismatch";
import { mismatchParams, noteBody } from "@/lib/reconciliation/actions/mismatch-action-schemas";
import { appServices } from "@/lib/runtime/app-services";

/** Trader up to the auto-heal threshold, risk above it (the action checks: adjustment_above_threshold). */
export const POST = defineRoute({
  access: "trader",
  idempotencyKey: true,
  params: mismatchParams,
  body: noteBody,
  handler: async ({ params, body, keyedRequest, principal, requestId, ip }) =>
    idempotentResponse(
      await adjustMismatch({
        mismatchId: params.id,
        note: body.note,
        venue: appServices().venue,
        principal,
        request: keyedRequest,
        requestId,
        ip,
      }),
    ),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
