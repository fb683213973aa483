import { z } from "zod";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";
import { getIntent } from "@/lib/webhooks/list-intents";

export const GET = defineRoute({
  access: "viewer",
  params: z.object({ id: z.uuid("id must be a UUID") }),
  handler: async ({ params }) => ({ body: { intent: await getIntent(params.id) } }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
