import { z } from "zod";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { ROLES } from "@/lib/auth/roles";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";

export const GET = defineRoute({
  access: "risk",
  handler: async () => ({ body: { tokens: await listApiTokens() } }),
});

const body = z.object({ name: z.string().trim().min(1, "required").max(100), role: z.enum(ROLES) });

export const POST = defineRoute({
  access: "risk",
  body,
  handler: async ({ body, principal, ip, requestId }) => {
    const { token, apiToken } = await createApiToken({ ...body, actor: principal, ip, requestId });
    return { status: 201, body: { id: apiToken.id, token, apiToken } };
  },
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
