import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { issueSecretIdempotently } from "@/lib/webhooks/keyed-secret-issue";
import { rotateWebhookSecret } from "@/lib/webhooks/webhook-sources";

export const POST = defineRoute({
  access: "risk",
  idempotencyKey: true,
  params: z.object({ id: z.uuid("id must be a UUID") }),
  handler: async ({ params, principal, keyedRequest, ip, requestId }) => {
    const answer = await issueSecretIdempotently({
      request: keyedRequest,
      operation: "rotate_webhook_secret",
      targetId: params.id,
      status: 200,
      issue: (tx) => rotateWebhookSecret({ tx, actor: principal, id: params.id, ip, requestId }),
    });
    return {
      status: answer.status,
      body: answer.body,
      headers: answer.replayed ? { "idempotent-replayed": "true" } : undefined,
    };
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
