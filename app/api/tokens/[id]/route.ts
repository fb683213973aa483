import { z } from "zod";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";

const params = z.object({ id: z.uuid("must be a token id") });

export const DELETE = defineRoute({
  access: "risk",
  params,
  handler: async ({ params, principal, ip, requestId }) => ({
    body: { apiToken: await revokeApiToken({ id: params.id, actor: principal, ip, requestId }) },
  }),
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
