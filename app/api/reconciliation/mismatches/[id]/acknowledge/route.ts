import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { acknowledgeMismatch } from "@/lib/reconciliation/actions/acknowledge-mismatch";
import { mismatchParams } from "@/lib/reconciliation/actions/mismatch-action-schemas";

export const POST = defineRoute({
  access: "trader",
  idempotencyKey: true,
  params: mismatchParams,
  handler: async ({ params, keyedRequest, principal, requestId, ip }) =>
    idempotentResponse(
      await acknowledgeMismatch({ mismatchId: params.id, principal, request: keyedRequest, requestId, ip }),
    ),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
