import { defineRoute } from "@/lib/http/define-route";
import { idempotentResponse } from "@/lib/http/idempotent-response";
import { otherMethods } from "@/lib/http/other-methods";
import { acceptMismatch } from "@/lib/reconciliation/actions/accept-mismatch";
import { mismatchParams, noteBody } from "@/lib/reconciliation/actions/mismatch-action-schemas";

export const POST = defineRoute({
  access: "risk",
  idempotencyKey: true,
  params: mismatchParams,
  body: noteBody,
  handler: async ({ params, body, keyedRequest, principal, requestId, ip }) =>
    idempotentResponse(
      await acceptMismatch({
        mismatchId: params.id,
        note: body.note,
        principal,
        request: keyedRequest,
        requestId,
        ip,
      }),
    ),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
