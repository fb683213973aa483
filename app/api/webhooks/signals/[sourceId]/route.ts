import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { MAX_BODY_BYTES } from "@/lib/http/read-json-body";
import { readRawBody } from "@/lib/http/read-raw-body";
import { receiveIntent } from "@/lib/webhooks/receive-intent";

/** Signed order intents (Standard Webhooks): authenticated by signature, not by session or token. */
export const POST = defineRoute({
  access: "public",
  params: z.object({ sourceId: z.string().max(64) }),
  handler: async ({ request, params }) => {
    const body = await readRawBody(request, MAX_BODY_BYTES);
    const header = (name: string) => request.headers.get(name);
    const { intent, replayed } = await receiveIntent({
      sourceId: params.sourceId,
      headers: {
        "webhook-id": header("webhook-id"),
        "webhook-timestamp": header("webhook-timestamp"),
        "webhook-signature": header("webhook-signature"),
      },
      body,
    });
    return {
      status: 202,
      body: { intent },
      headers: replayed ? { "idempotent-replayed": "true" } : undefined,
    };
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
