import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { INTENT_STATUSES } from "@/lib/webhooks/intent-schema";
import { listIntents } from "@/lib/webhooks/list-intents";

const query = z.object({
  sourceId: z.uuid("sourceId must be a UUID").optional(),
  status: z
    .enum(INTENT_STATUSES, { error: `status must be one of ${INTENT_STATUSES.join(", ")}` })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const GET = defineRoute({
  access: "viewer",
  query,
  handler: async ({ query }) => ({ body: { intents: await listIntents(query) } }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
