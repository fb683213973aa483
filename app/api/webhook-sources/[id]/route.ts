import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { getWebhookSource, setWebhookSourceDisabled } from "@/lib/webhooks/webhook-sources";

const params = z.object({ id: z.uuid("id must be a UUID") });

export const GET = defineRoute({
  access: "risk",
  params,
  handler: async ({ params }) => ({ body: { source: await getWebhookSource(params.id) } }),
});

export const PATCH = defineRoute({
  access: "risk",
  params,
  body: z.strictObject({ disabled: z.boolean({ error: "disabled must be true or false" }) }),
  handler: async ({ params, body, principal, ip, requestId }) => ({
    body: {
      source: await setWebhookSourceDisabled({
        actor: principal,
        id: params.id,
        disabled: body.disabled,
        ip,
        requestId,
      }),
    },
  }),
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
