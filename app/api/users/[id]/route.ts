import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { updateUser } from "@/lib/auth/users";
import { defineRoute } from "@/lib/http/define-route";
import { otherMethods } from "@/lib/http/other-methods";

const params = z.object({ id: z.uuid("must be a user id") });
const body = z
  .object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((value) => value.role !== undefined || value.disabled !== undefined, "give role or disabled");

export const PATCH = defineRoute({
  access: "risk",
  params,
  body,
  handler: async ({ params, body, principal, ip, requestId }) => ({
    body: { user: await updateUser({ id: params.id, ...body, actor: principal, ip, requestId }) },
  }),
});

export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = otherMethods({ PATCH });
