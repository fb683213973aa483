import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { issueSecretIdempotently } from "@/lib/webhooks/keyed-secret-issue";
import { createWebhookSource, listWebhookSources } from "@/lib/webhooks/webhook-sources";

export const GET = defineRoute({
  access: "risk",
  handler: async () => ({ body: { sources: await listWebhookSources() } }),
});

export const POST = defineRoute({
  access: "risk",
  idempotencyKey: true,
  body: z.strictObject({ name: z.string().trim().min(1, "name is required").max(100) }),
  handler: async ({ body, principal, keyedRequest, ip, requestId }) => {
    const answer = await issueSecretIdempotently({
      request: keyedRequest,
      operation: "create_webhook_source",
      status: 201,
      issue: (tx) => createWebhookSource({ tx, actor: principal, name: body.name, ip, requestId }),
    });
    return {
      status: answer.status,
      body: answer.body,
      headers: answer.replayed ? { "idempotent-replayed": "true" } : undefined,
    };
  },
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
